import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli, type CliIo } from '../../../electron/cli/main';
import { makeOle } from '../../fixtures/import/builders';
import { fixture } from './support';

describe('condensa import (CLI) through the same contract', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  let io: CliIo;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-cli-'));
    out = [];
    err = [];
    io = { out: (s) => out.push(s), err: (s) => err.push(s), cwd: dir, env: { CONDENSA_HOME: path.join(dir, 'home') } };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports files into a project, reports each, and refuses a .doc without stopping the others', async () => {
    expect(await runCli(['new', 'study.condensa', '--title', 'CLI study'], io)).toBe(EXIT.ok);
    out.length = 0;
    fs.writeFileSync(path.join(dir, 'old.doc'), makeOle(false));
    const code = await runCli(['import', fixture('lecture.srt'), 'old.doc', fixture('turns.csv'), '--into', 'study.condensa', '--segment', 'turn', '--kind', 'focus-group', '--group', 'Pilot', '--json'], io);
    expect(code).toBe(EXIT.failed);
    const report = JSON.parse(out.join('\n')) as { files: { ok: boolean; turns?: number; units?: number; code?: string }[] };
    expect(report.files.map((f) => f.ok)).toEqual([true, false, true]);
    expect(report.files[0]).toMatchObject({ turns: 3, units: 3 });
    expect(report.files[1].code).toBe('IMPORT_UNSUPPORTED');
    expect(err.join('\n')).toContain('“old.doc”: This file is a Word 97–2003 .doc; save it as .docx and import again. [IMPORT_UNSUPPORTED]');

    out.length = 0;
    expect(await runCli(['info', 'study.condensa', '--json'], io)).toBe(EXIT.ok);
    const info = JSON.parse(out.join('\n')) as { counts: Record<string, number> };
    expect(info.counts).toMatchObject({ documents: 2, documentGroups: 1, auditSteps: 2 });
  });

  it('says what is wrong with the command line', async () => {
    expect(await runCli(['import', fixture('lecture.srt')], io)).toBe(EXIT.usage);
    expect(err.join('')).toContain('--into');
    expect(await runCli(['import', fixture('lecture.srt'), '--into', 'x.condensa', '--segment', 'words'], io)).toBe(EXIT.usage);
    expect(err.join('')).toContain('--segment must be one of');
  });
});
