import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../electron/cli/main';

// `condensa serve --no-open` is what the help documents; it must be taken, not refused as unknown.

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env: {}, cwd: process.cwd() } };
}

describe('condensa serve options', () => {
  it('accepts --no-open beside --port (a bad port is then the only complaint)', async () => {
    const r = io();
    expect(await runCli(['serve', '--no-open', '--port', 'abc'], r.io)).toBe(EXIT.usage);
    expect(r.err.join('\n')).toContain('--port must be a number');
    expect(r.err.join('\n')).not.toContain('no-open');
  });

  it('still refuses an option it does not know', async () => {
    const r = io();
    expect(await runCli(['serve', '--frobnicate'], r.io)).toBe(EXIT.usage);
    expect(r.err.join('\n')).toContain('frobnicate');
  });

  it('documents --no-open in the help', async () => {
    const r = io();
    await runCli(['--help'], r.io);
    expect(r.out.join('\n')).toMatch(/condensa serve \[--port N\] \[--no-open\]/);
  });
});
