import { describe, it, expect } from 'vitest';
import { detectTurns, isFacilitatorLabel, type Turn } from '../../../shared/text';

/** Turns as [speaker, spoken text, timestamp] for readable assertions. */
function view(text: string, turns: readonly Turn[]): [string | null, string, string | null][] {
  return turns.map((t) => [t.speaker, text.slice(t.start, t.end), t.timestamp]);
}

describe('detectTurns: a label heard once is a speaker by its shape', () => {
  it('keeps a mentee who speaks once apart from the speaker before', () => {
    const text = 'Moderator: Who wants to start?\nMentee 1 (F): Me.\nMentee 2 (M): I only came once.\nModerator: Thanks.';
    const { turns } = detectTurns(text);
    expect(view(text, turns)).toEqual([
      ['Moderator', 'Who wants to start?', null],
      ['Mentee 1', 'Me.', null],
      ['Mentee 2', 'I only came once.', null],
      ['Moderator', 'Thanks.', null],
    ]);
    // The attribute part stays inside the label, so the text keeps it.
    expect(text.slice(turns[1].labelStart, turns[1].labelEnd)).toBe('Mentee 1 (F):');
  });

  it('reads Name (F, 2nd year): with its attribute part', () => {
    const text = 'Interviewer: And you?\nLaila (F, 2nd year): Labs, mostly.';
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['Interviewer', 'And you?', null],
      ['Laila', 'Labs, mostly.', null],
    ]);
  });

  it('takes a plain Name: heard once in a document that other labels show to be a transcript', () => {
    const text = 'Moderator: Anyone else?\nBen: The parking.\nModerator: Carla?\nCarla: Same.';
    expect(detectTurns(text).speakers.map((s) => s.label)).toEqual(['Moderator', 'Ben', 'Carla']);
  });

  it('reads P3 [00:01:02]: and [00:01:02] Name: with their times, even once', () => {
    const text = 'P3 [00:01:02]: Nights.\n[00:01:09] Ward Manager: Sorry, bay two.';
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['P3', 'Nights.', '00:01:02'],
      ['Ward Manager', 'Sorry, bay two.', '00:01:09'],
    ]);
  });

  it('reads an Otter heading heard once: the name, then the time, the words on the next line', () => {
    const text = 'Jordan Blake  0:02\nRecording now.\n\nSam Ortiz  1:40\nSorry I am late.';
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['Jordan Blake', 'Recording now.', '0:02'],
      ['Sam Ortiz', 'Sorry I am late.', '1:40'],
    ]);
  });

  it('reads Q:/A:, I:/R:, lower-case role codes and a dash label that contains a dash in speech', () => {
    expect(detectTurns('Q: When?\nA: May.').speakers.map((s) => s.label)).toEqual(['Q', 'A']);
    expect(detectTurns('I: How?\nR: Slowly.').speakers.map((s) => s.label)).toEqual(['I', 'R']);
    expect(detectTurns('int: Hours?\np07: Forty.').speakers.map((s) => s.label)).toEqual(['int', 'p07']);
    const dash = 'Sean - At eighteen - to London.\nSean - Every summer.';
    expect(view(dash, detectTurns(dash).turns)[0]).toEqual(['Sean', 'At eighteen - to London.', null]);
  });

  it.each([
    ['Moderadora', 'es'],
    ['Entrevistador', 'es'],
    ['Pesquisadora', 'pt'],
    ['Animateur', 'fr'],
    ['Enquêtrice', 'fr'],
    ['Moderatorin', 'de'],
    ['مصاحبه‌کننده', 'fa'],
    ['تسهیل‌گر', 'fa'],
  ])('knows the facilitator word %s (%s), heard once', (word) => {
    const text = `${word}: ?\nAna: Sí.\nAna: Claro.`;
    const { speakers } = detectTurns(text);
    expect(speakers.map((s) => s.label)).toEqual([word, 'Ana']);
    expect(isFacilitatorLabel(word)).toBe(true);
  });

  it('reads Persian names and participant numbers in Persian digits', () => {
    const text = 'تسهیل‌گر: خوش آمدید.\nشرکت‌کننده ۱ (زن): اتوبوس دیر می‌آید.\nزهرا: موافقم.';
    expect(detectTurns(text).speakers.map((s) => s.label)).toEqual(['تسهیل‌گر', 'شرکت‌کننده ۱', 'زهرا']);
  });
});

describe('detectTurns: lines that are not labels', () => {
  it('keeps a colon inside a sentence and a time in speech in the turn', () => {
    const text = [
      'Interviewer: What went wrong?',
      'Respondent: Nothing at first.',
      'The problem was: nobody came.',
      'At 10:30 we gave up.',
      'Interviewer: I see.',
    ].join('\n');
    expect(view(text, detectTurns(text).turns).map((t) => t[0])).toEqual(['Interviewer', 'Respondent', 'Interviewer']);
  });

  it('keeps a three-word Persian clause before a colon in the turn', () => {
    const text = 'مصاحبه‌کننده: چه شد؟\nزهرا: مشکل این بود: هیچ‌کس نیامد.\nمصاحبه‌کننده: متشکرم.';
    expect(detectTurns(text).turns.map((t) => t.speaker)).toEqual(['مصاحبه‌کننده', 'زهرا', 'مصاحبه‌کننده']);
  });

  it('keeps a capitalised word before a colon inside a turn when turns are set apart by blank lines', () => {
    const text = [
      'Moderator: What happened at the launch?',
      '',
      'Anna: We booked the hall.',
      'Problem: nobody came.',
      '',
      'Ben: I came.',
      '',
      'Moderator: Thanks.',
    ].join('\n');
    expect(view(text, detectTurns(text).turns)).toEqual([
      ['Moderator', 'What happened at the launch?', null],
      ['Anna', 'We booked the hall.\nProblem: nobody came.', null],
      ['Ben', 'I came.', null],
      ['Moderator', 'Thanks.', null],
    ]);
  });

  it('takes no header field for a speaker', () => {
    const text = 'Date: 14 March\nLocation: Hall\n\nInterviewer: Your role?\nCoordinator: Volunteers.\nCoordinator: Thirty.';
    const { turns, speakers } = detectTurns(text);
    expect(speakers.map((s) => s.label)).toEqual(['Interviewer', 'Coordinator']);
    expect(turns[0].speaker).toBeNull();
  });

  it('finds no speaker in prose where only one plain label would be heard once', () => {
    expect(detectTurns('Anna: hi\nBo: hey').speakers).toEqual([]);
    expect(detectTurns('Summary of the day.\nResult: nobody came.').speakers).toEqual([]);
  });
});
