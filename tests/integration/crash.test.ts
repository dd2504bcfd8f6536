import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForChild } from './support/child';
import { killWriter } from './support/crash';
import { makeTestApp } from './support/app';

// npm test runs a few kills; `npm run stress` sets CONDENSA_STRESS_KILLS to run hundreds.
const KILLS = Number(process.env.CONDENSA_STRESS_KILLS ?? 6);

describe('a writer killed with SIGKILL', () => {
  let writer = '';
  beforeAll(() => {
    writer = bundleForChild(path.join(__dirname, 'support/writer-child.ts'));
  });

  it(`loses no acknowledged change and leaves an intact file (${KILLS} kills)`, { timeout: 60_000 + KILLS * 3_000 }, async () => {
    const t = makeTestApp();
    try {
      const s = await t.client.call('project.create', { path: t.file('crash.condensa'), title: 'Crash', sample: true });
      await t.client.call('project.close', {});
      let acknowledged = 0;
      for (let i = 0; i < KILLS; i += 1) {
        // Spread the kills from the first write to well into a run of writes.
        const delay = 5 + ((i * 37) % 120);
        const outcome = await killWriter(writer, s.path, t.dir, delay);
        expect(outcome.integrity).toBe('ok');
        expect(outcome.missing).toEqual([]);
        acknowledged += outcome.acknowledged.length;
      }
      // The file still opens as a project afterwards, with every acknowledged coder in it.
      const reopened = await t.client.call('project.open', { path: s.path });
      // A write can commit and die before its acknowledgement is printed: at most one per kill.
      expect(reopened.counts.coders).toBeGreaterThanOrEqual(3 + acknowledged);
      expect(reopened.counts.coders).toBeLessThanOrEqual(3 + acknowledged + KILLS);
      console.log(`crash test: ${KILLS} kills, ${acknowledged} acknowledged writes, 0 lost, 0 damaged files`);
      expect(acknowledged).toBeGreaterThan(0);
    } finally {
      t.close();
    }
  });
});
