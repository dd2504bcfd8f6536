import type { RefiImportReport, RefiPositions, RefiReportItem } from '../../../shared/api/methods/refi';

/** Collects what an import did; repeated messages are counted once with their number. */
export class ReportBuilder {
  private readonly items = new Map<string, RefiReportItem>();
  readonly counts: Record<string, number> = {};
  positions: RefiPositions | null = null;
  fromCondensa = false;

  constructor(readonly origin: string | null) {}

  /** `code` names the repair for tests and scripts (see RefiReportItem). */
  add(kind: RefiReportItem['kind'], message: string, n = 1, code?: string): void {
    if (n <= 0) return;
    const key = `${kind}:${message}`;
    const item = this.items.get(key);
    if (item) this.items.set(key, { ...item, count: item.count + n });
    else this.items.set(key, code ? { kind, message, count: n, code } : { kind, message, count: n });
  }

  count(name: string, n = 1): void {
    this.counts[name] = (this.counts[name] ?? 0) + n;
  }

  build(): RefiImportReport {
    const order = { converted: 0, skipped: 1, note: 2 } as const;
    const items = [...this.items.values()].sort((a, b) => order[a.kind] - order[b.kind]);
    return { origin: this.origin, fromCondensa: this.fromCondensa, counts: { ...this.counts }, positions: this.positions, items };
  }
}
