import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';
import { SCHEMA_VERSION } from '../../electron/core/store/migrations';

describe('the condensa command line', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help and the version', async () => {
    expect(await runCli(['--help'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('condensa new FILE');
    expect(out.join('\n')).toContain('condensa info FILE');
  });

  it('makes a copy of the sample and reports its counts as text and JSON', async () => {
    expect(await runCli(['new', 'demo.condensa', '--sample'], io())).toBe(EXIT.ok);
    expect(fs.existsSync(path.join(dir, 'demo.condensa'))).toBe(true);
    out = [];
    expect(await runCli(['info', 'demo.condensa'], io())).toBe(EXIT.ok);
    const text = out.join('\n');
    expect(text).toMatch(new RegExp(`schema version\\s+${SCHEMA_VERSION}`));
    expect(text).toMatch(/documents\s+3/);
    out = [];
    expect(await runCli(['info', 'demo.condensa', '--json'], io())).toBe(EXIT.ok);
    const json = JSON.parse(out.join('\n'));
    expect(json.counts.documents).toBe(3);
    expect(json.counts.participants).toBeGreaterThanOrEqual(10);
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('fails with exit code 1 and the error code for bad files, 2 for bad usage', async () => {
    fs.writeFileSync(path.join(dir, 'bad.condensa'), 'nope');
    expect(await runCli(['info', 'bad.condensa'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toContain('[PROJECT_NOT_SQLITE]');
    err = [];
    expect(await runCli(['info'], io())).toBe(EXIT.usage);
    expect(await runCli(['frobnicate'], io())).toBe(EXIT.usage);
    expect(await runCli(['new', 'x.condensa', '--method', 'astrology'], io())).toBe(EXIT.usage);
    expect(await runCli(['info', 'x.condensa', '--bogus'], io())).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Unknown command');
  });

  it('refuses to overwrite an existing project', async () => {
    expect(await runCli(['new', 'a.condensa'], io())).toBe(EXIT.ok);
    expect(await runCli(['new', 'a.condensa'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toContain('[PROJECT_EXISTS]');
  });
});
