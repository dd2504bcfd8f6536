// Prints "tx-begin" once a write transaction has begun and "tx-end" / "tx-rollback" once it is over,
// so the crash harness can tell where a SIGKILL landed. Writes to a pipe are synchronous on Linux:
// the last line a killed child printed is the state it died in.
import Database from 'better-sqlite3';

type Say = (line: string) => void;
type TxFn = ((...args: unknown[]) => unknown) & Record<'deferred' | 'immediate' | 'exclusive', (...args: unknown[]) => unknown>;

export function installTxProbe(say: Say): void {
  const proto = Database.prototype as unknown as {
    transaction(fn: (...args: unknown[]) => unknown): TxFn;
    exec(sql: string): unknown;
  };
  const originalTransaction = proto.transaction;
  proto.transaction = function (this: Database.Database, fn) {
    const inTransaction = () => this.inTransaction;
    // Only the outermost transaction counts; nested ones are savepoints inside it.
    let outer = false;
    const inner = originalTransaction.call(this, function (this: unknown, ...args: unknown[]) {
      if (outer) say('tx-begin');
      return fn.apply(this, args);
    });
    const wrap = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        outer = !inTransaction();
        let ok = false;
        try {
          const result = run.apply(this, args);
          ok = true;
          return result;
        } finally {
          if (outer) say(ok ? 'tx-end' : 'tx-rollback');
          outer = false;
        }
      };
    return Object.assign(wrap(inner), {
      deferred: wrap(inner.deferred),
      immediate: wrap(inner.immediate),
      exclusive: wrap(inner.exclusive),
    }) as TxFn;
  };
  const originalExec = proto.exec;
  proto.exec = function (this: Database.Database, sql: string) {
    const result = originalExec.call(this, sql);
    if (/^\s*BEGIN\b/i.test(sql)) say('tx-begin');
    else if (/^\s*(COMMIT|END)\b/i.test(sql)) say('tx-end');
    else if (/^\s*ROLLBACK\s*;?\s*$/i.test(sql)) say('tx-rollback');
    return result;
  };
}
