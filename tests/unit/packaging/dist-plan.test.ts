import { describe, expect, it } from 'vitest';
import { distPlan, runDist, type DistStep } from '../../../scripts/lib/dist-plan.mjs';

const plan = (platform: string, extraArgs: string[] = []) =>
  distPlan({ platform, electronVersion: '45.4.1', extraArgs, node: 'node', bin: (n) => `bin/${n}`, npm: 'npm' });

describe('npm run dist', () => {
  it('builds, rebuilds better-sqlite3 for Electron, packages for this platform, then restores Node’s build', () => {
    const p = plan('linux');
    expect(p.work.map((s) => [s.command, ...s.args].join(' '))).toEqual([
      'node scripts/build.mjs',
      'bin/electron-rebuild --force --only better-sqlite3 --version 45.4.1',
      'bin/electron-builder --config electron-builder.config.cjs --publish never --linux',
    ]);
    expect([p.restore.command, ...p.restore.args].join(' ')).toBe('npm rebuild better-sqlite3');
    expect(plan('darwin').work[2]?.args).toContain('--mac');
    expect(plan('win32').work[2]?.args).toContain('--win');
  });

  it('passes platform flags through instead of the host one', () => {
    const args = plan('linux', ['--win', '--x64']).work[2]?.args ?? [];
    expect(args).toContain('--win');
    expect(args).not.toContain('--linux');
  });

  it('restores the Node build even when packaging fails', () => {
    const ran: string[] = [];
    const result = runDist(plan('linux'), (step: DistStep) => {
      ran.push(step.args[0] ?? '');
      if (step.command === 'bin/electron-builder') throw new Error('no network');
    });
    expect(result.ok).toBe(false);
    expect(result.failure?.message).toBe('no network');
    expect(result.restored).toBe(true);
    expect(ran.at(-1)).toBe('rebuild');
  });

  it('stops at the first failing step and still restores', () => {
    const result = runDist(plan('linux'), (step) => {
      if (step.command === 'node') throw new Error('build failed');
    });
    expect(result.ran).toEqual(['Build the app into out/', 'Restore better-sqlite3 for Node (the tests need it)']);
    expect(result.restored).toBe(true);
  });

  it('reports a failed restore so the user can rebuild by hand', () => {
    const result = runDist(plan('linux'), (step) => {
      if (step.command === 'npm') throw new Error('no compiler');
    });
    expect(result).toMatchObject({ ok: false, restored: false });
    expect(result.failure?.message).toBe('no compiler');
  });
});
