import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app';
import { importPath, makeImportApp, snapshot } from './support';

// Real transcripts beside the repository, never copied into it.
const DIR = path.resolve(__dirname, '../../../../shared/data/transcripts');
const present = existsSync(DIR);
if (!present) console.warn('SKIPPED: ../shared/data absent — import conformance tests not run');
const suite = present ? describe : describe.skip;

const file = (name: string) => path.join(DIR, name);

suite('import conformance: the team’s real transcripts through the contract', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeImportApp();
  });
  afterEach(() => t.close());

  it('the-changelog-375.md: 9 speakers plus Break, shown as a pseudo speaker and kept as a non-participant', async () => {
    const { preview, result, detail } = await importPath(t.client, file('the-changelog-375.md'));
    expect(preview.format).toBe('markdown');
    expect(preview.speakers).toHaveLength(10);
    const people = preview.speakers.filter((s) => !s.isPseudo);
    expect(people).toHaveLength(9);
    expect(preview.speakers.filter((s) => s.isPseudo).map((s) => s.label)).toEqual(['Break']);
    expect(people.map((s) => s.label)).toContain('Björn Rabenstein');
    expect(preview.kind).toBe('focus-group');
    expect(result.participantsCreated).toBe(9);
    const participants = await t.client.call('participants.list', {});
    expect(participants.map((p) => p.label)).not.toContain('Break');
    const breaks = detail.turns.filter((x) => x.speakerLabel === 'Break');
    expect(breaks.length).toBeGreaterThan(0);
    expect(breaks.every((x) => x.participantId === null)).toBe(true);
    // No unit lives in a Break turn.
    for (const b of breaks) expect(detail.units.some((u) => u.start >= b.start && u.end <= b.end && b.end > b.start)).toBe(false);
    expect(detail.text).not.toMatch(/\*\*/);
    expect(result.units).toBeGreaterThan(detail.turns.length);
  });

  it('example.vtt: 2 speakers', async () => {
    const { preview, detail } = await importPath(t.client, file('example.vtt'));
    expect(preview.speakers.map((s) => s.label)).toEqual(['Sarah', 'Gillian']);
    expect(detail.text).toContain('Podcasting Q&A');
    expect(detail.turns.map((x) => x.timestamp)).toEqual(['00:00:00', '00:00:19']);
  });

  it('example.srt: one speaker across many cues', async () => {
    const { detail } = await importPath(t.client, file('example.srt'));
    expect(detail.turns[0]).toMatchObject({ speakerLabel: 'Travis', timestamp: '00:00:00' });
    expect(detail.text.slice(detail.turns[0].start, detail.turns[0].end)).toMatch(/^When you first get .* that much faster$/);
    expect(detail.turns[1]).toMatchObject({ speakerLabel: 'Sarah', timestamp: '00:00:53' });
  });

  it('transcript.txt: [id1]-style labels', async () => {
    const { preview } = await importPath(t.client, file('transcript.txt'));
    expect(preview.speakers.map((s) => s.label)).toEqual(['id1', 'id2', 'id3']);
  });

  it('ID1.docx: imports with its euro sign', async () => {
    const { preview, detail } = await importPath(t.client, file('ID1.docx'));
    expect(preview.format).toBe('docx');
    expect(detail.text).toContain("I'm happy to pay €200.");
    expect(detail.text.split('\n\n')).toHaveLength(3);
  });

  it('kernighan.doc is refused with its message and the project is unchanged', async () => {
    const before = await snapshot(t.client);
    const { files } = await t.client.call('import.preview', { sources: [{ kind: 'path', path: file('kernighan.doc') }] });
    expect(files[0]).toEqual({
      ok: false,
      fileName: 'kernighan.doc',
      error: { code: 'IMPORT_UNSUPPORTED', message: '“kernighan.doc”: This file is a Word 97–2003 .doc; save it as .docx and import again.' },
    });
    expect(await snapshot(t.client)).toEqual(before);
  });
});
