import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { busyLine, cacheLabel, dropPageCache, isBusy, spreadOf, spreadText, wasBusy } from '../../../bench/machine';
import { median } from '../../../bench/timing';

describe('the spread of a figure', () => {
  it('is min, median and max over the runs, the median of an even count the mean of the middle two', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ min: 10, median: 20, max: 30, n: 3 });
    expect(spreadOf([40, 10, 20, 30])).toEqual({ min: 10, median: 25, max: 40, n: 4 });
    expect(median([12.4, 13.4])).toBe(12.9);
    expect(spreadOf([])).toBeNull();
    expect(spreadOf([Number.NaN, 5])).toEqual({ min: 5, median: 5, max: 5, n: 1 });
  });

  it('reads "min / median / max", and says so when there was one run', () => {
    const ms = (v: number) => `${v} ms`;
    expect(spreadText({ min: 10, median: 25, max: 40, n: 4 }, ms)).toBe('10 ms / 25 ms / 40 ms');
    expect(spreadText({ min: 7, median: 7, max: 7, n: 1 }, ms)).toBe('7 ms (1 run)');
  });
});

describe('a busy machine', () => {
  it('is one whose load average reaches three quarters of a runnable process per core, before or after', () => {
    expect(isBusy(1.49, 2)).toBe(false);
    expect(isBusy(1.5, 2)).toBe(true);
    expect(isBusy(5.9, 8)).toBe(false);
    expect(wasBusy({ before: 0.2, after: 1.7 }, 2)).toBe(true);
    expect(wasBusy({ before: 0.2, after: 0.3 }, 2)).toBe(false);
    expect(wasBusy(undefined, 2)).toBe(false);
  });

  it('gets a warning line naming the work and both loads, and an idle one gets none', () => {
    expect(busyLine('the core figures', { before: 2.31, after: 1.2 }, 2)).toBe(
      '  ! busy machine during the core figures: load average 2.3 before, 1.2 after, on 2 cores: marked (busy), slower than on an idle machine',
    );
    expect(busyLine('the core figures', { before: 0.4, after: 0.6 }, 2)).toBeNull();
  });
});

describe('the page cache', () => {
  it('is dropped by writing 3 to the control file; refused, the figure is labelled warm with the reason', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'condensa-bench-cache-'));
    try {
      const control = path.join(dir, 'drop_caches');
      fs.writeFileSync(control, '');
      expect(dropPageCache(control)).toEqual({ state: 'dropped' });
      expect(fs.readFileSync(control, 'utf8')).toBe('3\n');
      const refused = dropPageCache(path.join(dir, 'no-such-folder', 'drop_caches'));
      expect(refused).toEqual({ state: 'not dropped', reason: 'ENOENT' });
      expect(cacheLabel(refused.state)).toBe('warm (page cache not dropped)');
      expect(cacheLabel('dropped')).toBe('cold (page cache dropped)');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
