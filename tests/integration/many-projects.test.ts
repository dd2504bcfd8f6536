import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from './support/app';
import { budgetMs } from './support/machine';

// npm test switches a few rounds; `npm run stress` sets CONDENSA_STRESS_ROUNDS for a long session.
// Its time limit is counted in workloads timed on this machine (support/machine.ts), not fixed ms.
const ROUNDS = Number(process.env.CONDENSA_STRESS_ROUNDS ?? 3);

function openFileHandles(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe('opening, closing and switching among 20 projects', () => {
  it.runIf(fs.existsSync('/proc/self/fd'))(`leaks no file handles (${ROUNDS} rounds)`, { timeout: budgetMs(20 + ROUNDS * 10) }, async () => {
    const t = makeTestApp();
    try {
      const files: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        files.push((await t.client.call('project.create', { path: t.file(`p${i}.condensa`), title: `Project ${i}`, sample: i % 4 === 0 })).path);
      }
      await t.client.call('project.close', {});
      const baseline = openFileHandles();
      const heapBefore = heapMb();
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const f of files) {
          await t.client.call('project.open', { path: f });
          await t.client.call('documents.list', {});
          await t.app.requireProject().backupSettled();
        }
      }
      await t.client.call('project.close', {});
      const handles = openFileHandles();
      const heapAfter = heapMb();
      console.log(`many projects: ${ROUNDS * 20} openings, file handles ${baseline} → ${handles}, heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`);
      expect(handles).toBeLessThanOrEqual(baseline);
    } finally {
      t.close();
    }
  });
});
