import { describe, it, expect } from 'vitest';
import { detectTurns, type Turn } from '../../../shared/text';

/** Turns as [speaker, spoken text, timestamp] for readable assertions. */
function view(text: string, turns: readonly Turn[]): [string | null, string, string | null][] {
  return turns.map((t) => [t.speaker, text.slice(t.start, t.end), t.timestamp]);
}

function labels(text: string, turns: readonly Turn[]): string[] {
  return turns.map((t) => text.slice(t.labelStart, t.labelEnd));
}

describe('detectTurns: label conventions', () => {
  it('finds Name: labels, with dots, digits and non-ASCII letters', () => {
    const text = [
      'Dr. Smith: Welcome.',
      'Mentee 3: Thanks.',
      'Zoë Åberg: Hej!',
      'Dr. Smith: Next question.',
      'Mentee 3: Sure.',
      'Zoë Åberg: Ja.',
    ].join('\n');
    const { turns, speakers } = detectTurns(text);
    expect(view(text, turns)).toEqual([
      ['Dr. Smith', 'Welcome.', null],
      ['Mentee 3', 'Thanks.', null],
      ['Zoë Åberg', 'Hej!', null],
      ['Dr. Smith', 'Next question.', null],
      ['Mentee 3', 'Sure.', null],
      ['Zoë Åberg', 'Ja.', null],
    ]);
    expect(labels(text, turns).slice(0, 3)).toEqual(['Dr. Smith:', 'Mentee 3:', 'Zoë Åberg:']);
    expect(speakers.map((s) => [s.label, s.turnCount])).toEqual([
      ['Dr. Smith', 2],
      ['Mentee 3', 2],
      ['Zoë Åberg', 2],
    ]);
  });

  it('finds short participant codes like P1:', () => {
    const text = 'P1: one\nP2: two\nP1: three\nP2: four';
    expect(detectTurns(text).speakers.map((s) => s.label)).toEqual(['P1', 'P2']);
  });

  it('finds **Name:** and **Name**: in Markdown bold, even once', () => {
    const text = '**Anna Berg:** Hello there.\n\n**Bo**: Hi.';
    const { turns } = detectTurns(text);
    expect(view(text, turns)).toEqual([
      ['Anna Berg', 'Hello there.', null],
      ['Bo', 'Hi.', null],
    ]);
    expect(labels(text, turns)).toEqual(['**Anna Berg:**', '**Bo**:']);
  });

  it('finds [P1] and [id1] bracket labels', () => {
    const text = '[id1] hello, I like it.\n\n[id2] Me too.\n\n[id1] Good.\n\n[id2] Yes.';
    const { turns } = detectTurns(text);
    expect(view(text, turns).map(([s, t]) => [s, t])).toEqual([
      ['id1', 'hello, I like it.'],
      ['id2', 'Me too.'],
      ['id1', 'Good.'],
      ['id2', 'Yes.'],
    ]);
    expect(labels(text, turns)[0]).toBe('[id1]');
  });

  it('finds P1 - and P1 – dash labels', () => {
    const text = 'P1 - I think so.\nP2 – Maybe.\nP1 - Sure.\nP2 – Fine.';
    expect(view(text, detectTurns(text).turns).map(([s, t]) => [s, t])).toEqual([
      ['P1', 'I think so.'],
      ['P2', 'Maybe.'],
      ['P1', 'Sure.'],
      ['P2', 'Fine.'],
    ]);
  });

  it('accepts role words that occur only once', () => {
    const text = 'Moderator: Welcome all.\nInterviewer: Tell me.\nFacilitator: Let us start.';
    const { speakers } = detectTurns(text);
    expect(speakers.map((s) => [s.label, s.isFacilitator])).toEqual([
      ['Moderator', true],
      ['Interviewer', true],
      ['Facilitator', true],
    ]);
  });

  it('guesses facilitators from Int / Mod abbreviations', () => {
    const text = 'Int: Question?\nResp: Answer.\nInt: Another?\nResp: Sure.\nMod: Thanks.';
    expect(detectTurns(text).speakers.map((s) => [s.label, s.isFacilitator])).toEqual([
      ['Int', true],
      ['Resp', false],
      ['Mod', true],
    ]);
  });

  it('reads Zoom/Otter headings: a name and a time on their own line', () => {
    const text = [
      'Anna Berg  00:12\nFirst thing.\nStill Anna.',
      'Bo Lind 00:01:33\nReply.',
      'Anna Berg  02:05\nEnd.',
      'Bo Lind 1:02:03\nBye.',
    ].join('\n\n');
    const { turns } = detectTurns(text);
    expect(view(text, turns)).toEqual([
      ['Anna Berg', 'First thing.\nStill Anna.', '00:12'],
      ['Bo Lind', 'Reply.', '00:01:33'],
      ['Anna Berg', 'End.', '02:05'],
      ['Bo Lind', 'Bye.', '1:02:03'],
    ]);
    expect(labels(text, turns)[0]).toBe('Anna Berg');
  });

  it.each([
    ['[00:03:59] P1: text', '00:03:59'],
    ['(00:03:59) P1: text', '00:03:59'],
    ['00:03:59 P1: text', '00:03:59'],
    ['P1: [00:03:59] text', '00:03:59'],
    ['**P1:** \\[03:59\\] text', '03:59'],
  ])('takes the timestamp of %j', (line, timestamp) => {
    const text = `${line}\nP1: more`;
    const [first] = detectTurns(text).turns;
    expect(view(text, [first])).toEqual([['P1', 'text', timestamp]]);
  });

  it('gives a timestamp on its own line to the label that follows', () => {
    const text = 'Interviewer: Hi.\n\n[00:01:10]\nRespondent: Hello.';
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['Interviewer', 'Hi.', null],
      ['Respondent', 'Hello.', '00:01:10'],
    ]);
  });

  it('keeps a timestamp line that precedes no label as text of the turn', () => {
    const text = 'Interviewer: Hi.\n[00:01:10]\nStill me.';
    expect(view(text, detectTurns(text).turns)).toEqual([['Interviewer', 'Hi.\n[00:01:10]\nStill me.', null]]);
  });

  it('detects Break and [Break] as pseudo speakers', () => {
    const text = 'P1: a\n\n[Break]\n\nP1: b\n\nBreak: [01:00:00]\n\nP1: c';
    const { turns, speakers } = detectTurns(text);
    expect(view(text, turns)).toEqual([
      ['P1', 'a', null],
      ['Break', '', null],
      ['P1', 'b', null],
      ['Break', '', '01:00:00'],
      ['P1', 'c', null],
    ]);
    expect(speakers.find((s) => s.label === 'Break')).toMatchObject({ turnCount: 2, isPseudo: true });
    expect(speakers.find((s) => s.label === 'P1')?.isPseudo).toBe(false);
  });
});

describe('detectTurns: structure', () => {
  it('continues a turn over several paragraphs', () => {
    const text = 'P1: First paragraph.\n\nSecond paragraph.\n\nP2: Reply.\nP1: Again.\nP2: Ok.';
    expect(view(text, detectTurns(text).turns)[0]).toEqual(['P1', 'First paragraph.\n\nSecond paragraph.', null]);
  });

  it('makes text before the first label a speakerless turn', () => {
    const text = 'Interview 4, 12 May.\n\nInterviewer: Hi.\nRespondent: Hello.';
    const { turns } = detectTurns(text);
    expect(view(text, turns)[0]).toEqual([null, 'Interview 4, 12 May.', null]);
    expect(turns[0].labelStart).toBe(turns[0].start);
    expect(turns[0].labelEnd).toBe(turns[0].start);
  });

  it('takes a label with text on the next line', () => {
    const text = 'Interviewer:\nHow was it?\n\nRespondent:\nFine.';
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['Interviewer', 'How was it?', null],
      ['Respondent', 'Fine.', null],
    ]);
  });

  it('works on CRLF text', () => {
    const text = 'P1: one\r\n\r\nP2: two\r\nP1: three\r\nP2: four\r\n';
    expect(view(text, detectTurns(text).turns).map(([s, t]) => [s, t])).toEqual([
      ['P1', 'one'],
      ['P2', 'two'],
      ['P1', 'three'],
      ['P2', 'four'],
    ]);
  });

  it('counts spelling variants of a label as one speaker', () => {
    const text = 'INTERVIEWER: a\nP1: b\nInterviewer: c\nP1: d';
    expect(detectTurns(text).speakers.map((s) => [s.label, s.turnCount])).toEqual([
      ['INTERVIEWER', 2],
      ['P1', 2],
    ]);
  });

  it('gives one speakerless turn per paragraph with detect: false', () => {
    const text = '\nP1: one\nstill one\n\n\n  P2: two  \n\n';
    const { turns, speakers } = detectTurns(text, { detect: false });
    expect(view(text, turns)).toEqual([
      [null, 'P1: one\nstill one', null],
      [null, 'P2: two', null],
    ]);
    expect(speakers).toEqual([]);
  });

  it('returns no turns for empty text', () => {
    expect(detectTurns('  \n ')).toEqual({ turns: [], speakers: [] });
  });
});

describe('detectTurns: false positives avoided', () => {
  it('does not take a one-off "Note:" in prose for a speaker', () => {
    const text = 'Interviewer: Tell me.\nRespondent: Well.\n\nNote: this is something I said.\nInterviewer: Ok.';
    const { turns, speakers } = detectTurns(text);
    expect(speakers.map((s) => s.label)).toEqual(['Interviewer', 'Respondent']);
    expect(view(text, turns)[1]).toEqual(['Respondent', 'Well.\n\nNote: this is something I said.', null]);
  });

  it('does not take a one-off capitalised label for a speaker', () => {
    const text = 'Anna: hi\nBo: hey\nAnna: so\nBo: yes\nImportant: just once.';
    expect(detectTurns(text).speakers.map((s) => s.label)).toEqual(['Anna', 'Bo']);
  });

  it('rejects prose, long labels and sentence ends even when they recur', () => {
    const text = [
      'She said: yes.',
      'She said: no.',
      'The committee of the whole: a.',
      'The committee of the whole: b.',
      'This is a very long label with many characters: x',
      'This is a very long label with many characters: y',
      'Game Over.: x',
      'Game Over.: y',
    ].join('\n');
    expect(detectTurns(text).speakers).toEqual([]);
  });

  it('does not read times or URLs as labels', () => {
    const text = '10:30 we met.\n10:30 again.\nhttps://example.org is the site.\nhttps://example.org again.';
    expect(detectTurns(text).speakers).toEqual([]);
  });

  it('does not read bracketed notes in speech as speakers', () => {
    const text = 'P1: a\n[laughter] yes\n[inaudible] right\n[laughter] ok\nP1: b';
    const { turns } = detectTurns(text);
    expect(turns.map((t) => t.speaker)).toEqual(['P1', 'P1']);
  });

  it('honours minOccurrences', () => {
    const text = 'Anna: hi\nBo: hey';
    expect(detectTurns(text).speakers).toEqual([]);
    expect(detectTurns(text, { minOccurrences: 1 }).speakers.map((s) => s.label)).toEqual(['Anna', 'Bo']);
  });
});
