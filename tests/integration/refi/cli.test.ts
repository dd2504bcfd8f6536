import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/cli/main';

describe('condensa import-qdpx / export-qdpx / export-qdc', () => {
  let dir = '';
  let out: string[] = [];
  let err: string[] = [];
  const io = () => ({ out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: { CONDENSA_HOME: path.join(dir, 'home') }, cwd: dir });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-refi-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports a project and its codebook, then imports the .qdpx as a new project', async () => {
    expect(await runCli(['new', 'demo.condensa', '--sample'], io())).toBe(EXIT.ok);
    out = [];
    expect(await runCli(['export-qdpx', 'demo.condensa', '-o', 'demo.qdpx'], io())).toBe(EXIT.ok);
    expect(out[0]).toMatch(/^Wrote .*demo\.qdpx \(\d+ bytes\)\.$/);
    expect(out.join('\n')).toMatch(/documents\s+3/);
    expect(await runCli(['export-qdc', 'demo.condensa', '-o', 'demo.qdc', '--json'], io())).toBe(EXIT.ok);
    expect(JSON.parse(out[out.length - 1]).counts.codes).toBeGreaterThan(10);
    expect(fs.readFileSync(path.join(dir, 'demo.qdc'), 'utf8')).toContain('urn:QDA-XML:codebook:1.0');

    out = [];
    expect(await runCli(['import-qdpx', 'demo.qdpx', '-o', 'copy.condensa'], io())).toBe(EXIT.ok);
    const text = out.join('\n');
    expect(text).toContain(`Created ${path.join(dir, 'copy.condensa')}.`);
    expect(text).toContain('(a Condensa export: everything restored)');
    expect(text).toMatch(/Positions were read as Unicode code points/);
    out = [];
    expect(await runCli(['info', 'copy.condensa', '--json'], io())).toBe(EXIT.ok);
    expect(JSON.parse(out.join('\n')).counts.documents).toBe(3);
  });

  it('fails with the error code for a refused file, and with 2 for wrong usage', async () => {
    fs.writeFileSync(path.join(dir, 'bad.qdpx'), 'PK\u0003\u0004 not really a zip');
    expect(await runCli(['import-qdpx', 'bad.qdpx', '-o', 'x.condensa'], io())).toBe(EXIT.failed);
    expect(err.join('\n')).toContain('[REFI_BAD_ARCHIVE]');
    expect(fs.existsSync(path.join(dir, 'x.condensa'))).toBe(false);
    expect(await runCli(['import-qdpx', 'bad.qdpx'], io())).toBe(EXIT.usage);
    expect(await runCli(['export-qdpx', '-o', 'x.qdpx'], io())).toBe(EXIT.usage);
    out = [];
    expect(await runCli(['--help'], io())).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('condensa import-qdpx FILE.qdpx -o NEW.condensa');
  });
});
