import { describe, it, expect } from 'vitest';
import { detectTurns, formatTimestamp, parseSrt, parseWebVtt, type ParsedTranscript } from '../../../shared/text';

function view(parsed: ParsedTranscript): [string | null, string, string | null][] {
  return parsed.turns.map((t) => [t.speaker, parsed.text.slice(t.start, t.end), t.timestamp]);
}

function codeOf(run: () => unknown): { code?: string; message?: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  return {};
}

describe('parseWebVtt', () => {
  const vtt = [
    'WEBVTT',
    '',
    'NOTE a comment',
    'spanning lines',
    '',
    '1',
    '00:00:00.000 --> 00:00:02.760',
    '<v Sarah>Welcome to Q&amp;A, where',
    '',
    '00:00:02.760 --> 00:00:06.090 align:start',
    '<v Sarah>you <i>learn</i> things &lt;fast&gt;.</v>',
    '',
    '00:01:19.080 --> 00:01:21.450',
    '<v.loud Gillian Jones>Hi&nbsp;there &#39;all&#x27;',
    '',
  ].join('\n');

  it('makes voice tags speakers, with or without </v>, and merges consecutive cues', () => {
    const parsed = parseWebVtt(vtt);
    expect(view(parsed)).toEqual([
      ['Sarah', 'Welcome to Q&A, where you learn things <fast>.', '00:00:00'],
      ['Gillian Jones', "Hi there 'all'", '00:01:19'],
    ]);
    expect(parsed.text).toBe("Sarah: Welcome to Q&A, where you learn things <fast>.\n\nGillian Jones: Hi there 'all'");
    expect(parsed.speakers.map((s) => [s.label, s.turnCount])).toEqual([
      ['Sarah', 1],
      ['Gillian Jones', 1],
    ]);
  });

  it('points labels at `Speaker:` in the stored text', () => {
    const parsed = parseWebVtt(vtt);
    expect(parsed.turns.map((t) => parsed.text.slice(t.labelStart, t.labelEnd))).toEqual(['Sarah:', 'Gillian Jones:']);
  });

  it('stores text that detectTurns reads back the same way', () => {
    const parsed = parseWebVtt(vtt);
    const again = detectTurns(parsed.text, { minOccurrences: 1 });
    expect(again.turns.map((t) => [t.speaker, t.start, t.end])).toEqual(
      parsed.turns.map((t) => [t.speaker, t.start, t.end]),
    );
  });

  it('splits one cue with two voices', () => {
    const parsed = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hi.</v> <v B>Hello.</v>\n');
    expect(view(parsed)).toEqual([
      ['A', 'Hi.', '00:00:01'],
      ['B', 'Hello.', '00:00:01'],
    ]);
  });

  it('keeps cues without speakers as plain text', () => {
    const parsed = parseWebVtt(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJust words\n\n00:00:03.000 --> 00:00:04.000\nmore words\n',
    );
    expect(parsed.text).toBe('Just words more words');
    expect(view(parsed)).toEqual([[null, 'Just words more words', '00:00:01']]);
  });

  it('requires the WEBVTT header', () => {
    expect(codeOf(() => parseWebVtt('00:00:01.000 --> 00:00:02.000\nhi\n')).code).toBe('IMPORT_BAD_FILE');
  });

  it('names the cue and line of a broken timing line', () => {
    const error = codeOf(() =>
      parseWebVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 -> 00:00:04.000\nbad\n'),
    );
    expect(error.code).toBe('IMPORT_BAD_TIMING');
    expect(error.message).toContain('cue 2');
    expect(error.message).toContain('line 6');
  });

  it('names the line of a timing line that does not parse', () => {
    const error = codeOf(() => parseWebVtt('WEBVTT\n\nintro\n00:00:01 --> 00:00:02.000\nx\n'));
    expect(error.code).toBe('IMPORT_BAD_TIMING');
    expect(error.message).toContain('cue 1 (line 4)');
  });

  it('rejects impossible times', () => {
    expect(codeOf(() => parseWebVtt('WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nx\n')).code).toBe('IMPORT_BAD_TIMING');
    expect(codeOf(() => parseWebVtt('WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nx\n')).code).toBe('IMPORT_BAD_TIMING');
  });
});

describe('parseSrt', () => {
  const srt = [
    '1',
    '00:00:00,179 --> 00:00:02,399',
    'Travis: When you first get',
    'started in <i>podcasting</i>,',
    '',
    '2',
    '00:00:02,400 --> 00:00:04,799',
    'you make mistakes.',
    '',
    '3',
    '00:00:53,030 --> 00:00:57,770',
    'Sarah: Creating good audio',
    '',
    '4',
    '00:00:57,771 --> 00:01:01,579',
    'is key.',
    '',
    '5',
    '00:01:42,739 --> 00:01:44,840',
    'Travis: Now, intros.',
    '',
  ].join('\r\n');

  it('keeps the speaker across cues until a new label appears', () => {
    const parsed = parseSrt(srt);
    expect(view(parsed)).toEqual([
      ['Travis', 'When you first get started in podcasting, you make mistakes.', '00:00:00'],
      ['Sarah', 'Creating good audio is key.', '00:00:53'],
      ['Travis', 'Now, intros.', '00:01:42'],
    ]);
    expect(parsed.speakers.map((s) => [s.label, s.turnCount])).toEqual([
      ['Travis', 2],
      ['Sarah', 1],
    ]);
  });

  it('lays the text out one turn per line, blank line between', () => {
    expect(parseSrt(srt).text.split('\n\n')).toEqual([
      'Travis: When you first get started in podcasting, you make mistakes.',
      'Sarah: Creating good audio is key.',
      'Travis: Now, intros.',
    ]);
  });

  it('strips formatting tags and decodes entities', () => {
    const parsed = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="red">Tom &amp; Jerry</font>\n');
    expect(parsed.text).toBe('Tom & Jerry');
  });

  it('does not take a bracketed sound note for a speaker', () => {
    const parsed = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n[Music] Hello\n');
    expect(view(parsed)).toEqual([[null, '[Music] Hello', '00:00:01']]);
  });

  it('names the cue number and line of a broken timing line', () => {
    const error = codeOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03 --> 00:00:04,000\nbad\n'));
    expect(error.code).toBe('IMPORT_BAD_TIMING');
    expect(error.message).toContain('cue 2');
    expect(error.message).toContain('line 6');
  });

  it('reports a cue without a timing line', () => {
    const error = codeOf(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nno timing here\n'));
    expect(error).toMatchObject({ code: 'IMPORT_BAD_TIMING' });
    expect(error.message).toContain('cue 2');
  });

  it('accepts an empty file', () => {
    expect(parseSrt('')).toEqual({ text: '', turns: [], speakers: [] });
  });
});

describe('formatTimestamp', () => {
  it('formats milliseconds as HH:MM:SS', () => {
    expect(formatTimestamp(0)).toBe('00:00:00');
    expect(formatTimestamp(3_723_999)).toBe('01:02:03');
    expect(formatTimestamp(100 * 3600 * 1000)).toBe('100:00:00');
  });
});
