import { describe, expect, it } from 'vitest';
import { detectTurns, segmentUnits } from '../../../shared/text';
import { readDate, takeHeader } from '../../../shared/text/header';
import { isNonSpeech } from '../../../shared/text/non-speech';

// #19 item 2: a transcript's header becomes the document's details, bare timestamps and stage
// directions stay in the text but are never a meaning unit of their own.

const parse = (text: string) => takeHeader({ text, ...detectTurns(text) });
const unitsOf = (text: string) => {
  const { turns } = detectTurns(text);
  return segmentUnits(text, turns, 'sentence').map((u) => text.slice(u.start, u.end));
};

describe('transcript headers', () => {
  it('reads title, date, place and "Moderator: NAME" into details and leaves the first turn first', () => {
    const text = [
      'Focus group 2 – Northgate mentees',
      'Date: 18 February 2026',
      'Location: Northgate campus, room 3.12',
      'Duration: 55 min',
      '',
      'Moderator: Dr. Lena Vogt',
      '',
      'Moderator: Welcome, everyone. Let us start.',
      '',
      'Mentee 1: Thank you for having us.',
    ].join('\n');
    const { parsed, header } = parse(text);
    expect(header).toMatchObject({
      title: 'Focus group 2 – Northgate mentees',
      sessionDate: '2026-02-18',
      place: 'Northgate campus, room 3.12',
      facilitator: 'Dr. Lena Vogt',
      durationMinutes: 55,
    });
    expect(header!.lines).toHaveLength(5);
    expect(parsed.text.startsWith('Moderator: Welcome, everyone.')).toBe(true);
    expect(parsed.turns.map((t) => [t.speaker, parsed.text.slice(t.start, t.end)])).toEqual([
      ['Moderator', 'Welcome, everyone. Let us start.'],
      ['Mentee 1', 'Thank you for having us.'],
    ]);
    expect(parsed.speakers.find((s) => s.label === 'Moderator')?.turnCount).toBe(1);
  });

  it('reads headers in other languages and a bare date line', () => {
    const es = parse(['Entrevista 3', 'Fecha: 3 de marzo de 2025', 'Lugar: Hospital Central', 'Entrevistadora: Ana María López', '', 'E: ¿Cómo empezó?', '', 'P: Con miedo.', '', 'E: ¿Y luego?', '', 'P: Mejor.'].join('\n'));
    expect(es.header).toMatchObject({ title: 'Entrevista 3', sessionDate: '2025-03-03', place: 'Hospital Central', facilitator: 'Ana María López' });
    const fa = parse(['مصاحبه ۵', 'تاریخ: 2025-05-04', 'مکان: تهران', '', 'مصاحبه‌گر: حالتان چطور است؟', '', 'مشارکت‌کننده: خوبم.'].join('\n'));
    expect(fa.header).toMatchObject({ title: 'مصاحبه ۵', sessionDate: '2025-05-04', place: 'تهران' });
    const bare = parse(['Interview with P4', 'Tuesday, 4 June 2024', '', 'I: Where do you work?', '', 'R: On a surgical ward.'].join('\n'));
    expect(bare.header).toMatchObject({ title: 'Interview with P4', sessionDate: '2024-06-04' });
  });

  it('leaves a start that reads as speech alone', () => {
    // An unlabelled opening sentence is speech, not a title.
    const speech = parse('Thanks for coming in today, this will take an hour.\n\nP1: Sure.\n\nP2: Fine.');
    expect(speech.header).toBeNull();
    // "Moderator: Okay" and "Moderator: Welcome everyone" are speech, not a facilitator's name.
    expect(parse('Moderator: Okay\n\nP1: Hi.\n\nModerator: Let us start.').header).toBeNull();
    expect(parse('Moderator: Welcome everyone\n\nP1: Hi.\n\nModerator: Let us start.').header).toBeNull();
    // A long opening paragraph is no header.
    expect(parse(`${'We talked for a long time about many things. '.repeat(6)}\n\nP1: Yes.\n\nP2: No.`).header).toBeNull();
  });

  it('reads dates only where they are unambiguous', () => {
    expect(readDate('2026-02-18')).toBe('2026-02-18');
    expect(readDate('18.02.2026')).toBe('2026-02-18');
    expect(readDate('2/18/2026')).toBe('2026-02-18');
    expect(readDate('March 3, 2025')).toBe('2025-03-03');
    expect(readDate('3 mars 2025')).toBe('2025-03-03');
    expect(readDate('4.3.2025')).toBe('2025-03-04');
    expect(readDate('4/3/2025')).toBeNull();
    expect(readDate('31 February 2026')).toBeUndefined();
    expect(readDate('Focus group 2')).toBeUndefined();
  });
});

describe('stage directions and timestamps', () => {
  it('are no meaning unit on their own, and stay in the text', () => {
    const text = [
      'P1: I liked the first week. (Laughter)',
      '',
      '[00:05:12]',
      '',
      'P2: [crosstalk]',
      '',
      'P1: (laughs) We all did.',
      '',
      'P2: [inaudible 00:12:03]',
      '',
      'P3: (Risas)',
      '',
      'P1: It was fine at 10:30.',
    ].join('\n');
    expect(unitsOf(text)).toEqual(['I liked the first week.', '(laughs) We all did.', 'It was fine at 10:30.']);
    // The sentence segmenter may put "(Laughter)" apart: still no unit, still in the text.
    expect(text).toContain('(Laughter)');
  });

  it('tells directions from spoken asides', () => {
    for (const mark of ['(Laughter)', '[crosstalk]', '[inaudible 00:12:03]', '00:12:03', '\\[03:59\\]', '*laughs*', '(Risas)', '(Lachen)', '(rires)', '(خنده)', '(pause)', '…']) {
      expect(isNonSpeech(mark), mark).toBe(true);
    }
    for (const said of ['(I think so)', 'Yes. (laughs)', '42', 'Okay.', 'at 10:30', '(pause) okay', 'نه']) {
      expect(isNonSpeech(said), said).toBe(false);
    }
  });
});
