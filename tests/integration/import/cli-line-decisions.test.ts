import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/main';

// The CLI takes the same word on lines as the import dialog: lines numbered from 1.
const GROUP = ['Moderator: Who met their mentor early?', '', 'Mentee 1 (F): I did.', '', 'Mentee 2: Mine wrote first.', '', 'Moderator: Thanks.'].join('\n');

describe('condensa import: the user’s word on lines', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-cli-lines-'));
    out = [];
    err = [];
    fs.writeFileSync(path.join(dir, 'group.txt'), GROUP);
    fs.writeFileSync(path.join(dir, 'diary.txt'), 'Week one was a blur.\n\nWeek two was better.');
    expect(await runCli(['new', 'study.condensa'], io())).toBe(EXIT.ok);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--not-label-lines reads a label line as speech; --one-speaker gives a text without labels its speaker', async () => {
    expect(await runCli(['import', 'group.txt', '--into', 'study.condensa', '--not-label-lines', '5'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/3 turns.*speakers Moderator, Mentee 1 \(/);
    expect(await runCli(['import', 'diary.txt', '--into', 'study.condensa', '--one-speaker', 'Student 7'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/2 turns.*speakers Student 7 \(1 new participant\)/);
  });

  it('refuses line numbers that are not whole numbers from 1', async () => {
    expect(await runCli(['import', 'group.txt', '--into', 'study.condensa', '--label-lines', '0,3'], io())).toBe(EXIT.usage);
    expect(err.join('\n')).toMatch(/--label-lines takes line numbers from 1/);
  });
});
