// The work a crash-test writer does, over any transport (direct in a child, or the real server's
// WebSocket), and the lines it prints so the parent can check every acknowledged change by value:
//   call <n> <method>            a command is about to be sent
//   want <n> <key> <json|null>   a value the command may leave if it is killed before its answer
//   ack <n> <key> <json|null>    a value the command left, acknowledged (printed after it returned)
// A key is "<table>:<id>"; a value is some of the row's columns, or null for no such row.
import type { Client } from '../../../shared/api/client';

export type Say = (line: string) => void;
type Value = Record<string, string | number | null> | null;

export type OpKind = 'coding' | 'undo' | 'import';

interface Target {
  readonly unitId: string;
  readonly documentId: string;
}

/** One command whose effect on some keys is known before and after it runs. */
class Ledger {
  private n = 0;
  constructor(private readonly say: Say) {}

  async run<T>(client: Client, method: Parameters<Client['call']>[0], params: unknown, wants: [string, Value][], acks: (result: T) => [string, Value][]): Promise<T> {
    const n = (this.n += 1);
    this.say(`call ${n} ${method}`);
    for (const [k, v] of wants) this.say(`want ${n} ${k} ${JSON.stringify(v)}`);
    const result = (await (client.call as (m: string, p: unknown) => Promise<unknown>)(method, params)) as T;
    for (const [k, v] of acks(result)) this.say(`ack ${n} ${k} ${JSON.stringify(v)}`);
    return result;
  }
}

const codingKey = (id: string) => `codings:${id}`;
const unitKey = (id: string) => `meaning_units:${id}`;

/**
 * Prepares a coder of its own (found again by name in later runs) and returns a loop that writes
 * until the process dies: applies codes, rewrites condensations, removes codings; with `kind`
 * 'undo' each change is undone (sometimes redone); with 'import' small transcripts come in.
 */
export async function prepareWriter(client: Client, say: Say, kind: OpKind, seed: number): Promise<() => Promise<never>> {
  const ledger = new Ledger(say);
  let random = seed >>> 0 || 1;
  const pick = <T,>(xs: readonly T[]): T => {
    // xorshift: a repeatable choice per run, different between runs.
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return xs[(random >>> 0) % xs.length];
  };
  const name = `Crash coder (${kind})`;
  const existing = (await client.call('coders.list', {})).find((c) => c.name === name);
  const coder = existing ?? (await client.call('coders.create', { name }));
  await client.call('coders.setCurrent', { coderId: coder.id });
  const codes = (await client.call('codebook.list', {})).filter((n) => n.level === 'code').map((n) => n.id);
  const docs = await client.call('documents.list', {});
  const details = await Promise.all(docs.map((d) => client.call('documents.get', { id: d.id })));
  const units: Target[] = details.flatMap((d) => d.units.map((u) => ({ unitId: u.id, documentId: u.documentId })));
  const condensed = new Map(details.flatMap((d) => d.units.map((u) => [u.id, u.condensed] as const)));
  // This coder's live codings, as rows: what a removal takes away and its undo puts back.
  const mine = new Map<string, { unit_id: string; code_id: string; coder_id: string }>();
  for (const d of details) {
    for (const c of await client.call('codings.forDocument', { documentId: d.document.id })) {
      if (c.coderId === coder.id && c.unitId) mine.set(c.id, { unit_id: c.unitId, code_id: c.codeId, coder_id: c.coderId });
    }
  }
  const taken = () => new Set([...mine.values()].map((r) => `${r.unit_id}/${r.code_id}`));

  let step = 0;
  /** One change; returns the keys it touched with their values before and after. */
  const change = async (): Promise<{ keys: [string, Value, Value][] } | null> => {
    step += 1;
    const choice = kind === 'import' ? 'import' : pick(['apply', 'apply', 'condense', 'remove', ...(kind === 'undo' ? ['import'] : [])]);
    if (choice === 'import') {
      const title = `Crash interview ${seed}-${step}`;
      const text = `Interviewer: How was week ${step}?\n\nP1: It was long. The anatomy practical was hard (${seed}).\n\nP2: For me it was fine. My mentor helped.`;
      const preview = await client.call('import.preview', { sources: [{ kind: 'text', name: title, text }] });
      const first = preview.files[0];
      if (!first.ok) throw new Error(first.error.message);
      const done = await ledger.run<{ documentId: string }>(client, 'import.commit', { previewId: first.preview.previewId }, [], (r) => [[`documents:${r.documentId}`, { title }]]);
      return { keys: [[`documents:${done.documentId}`, null, { title }]] };
    }
    if (choice === 'remove' && mine.size > 0) {
      const id = pick([...mine.keys()]);
      const row = mine.get(id)!;
      await ledger.run(client, 'codings.remove', { codingIds: [id] }, [[codingKey(id), null]], () => [[codingKey(id), null]]);
      mine.delete(id);
      return { keys: [[codingKey(id), row, null]] };
    }
    if (choice === 'condense') {
      const { unitId } = pick(units);
      const before = condensed.get(unitId) ?? '';
      const value = `condensed ${seed}-${step}`;
      await ledger.run(client, 'units.condense', { unitId, condensed: value }, [[unitKey(unitId), { condensed: value }]], () => [[unitKey(unitId), { condensed: value }]]);
      condensed.set(unitId, value);
      return { keys: [[unitKey(unitId), { condensed: before }, { condensed: value }]] };
    }
    const used = taken();
    const free = units.flatMap((u) => codes.filter((c) => !used.has(`${u.unitId}/${c}`)).map((c) => [u, c] as const));
    if (free.length === 0) return null;
    const [unit, code] = pick(free);
    const result = await ledger.run<{ added: { id: string; unitId: string | null; codeId: string; coderId: string }[] }>(
      client,
      'codings.apply',
      { target: { unitIds: [unit.unitId] }, codeIds: [code] },
      [],
      (r) => r.added.map((c) => [codingKey(c.id), { unit_id: c.unitId, code_id: c.codeId, coder_id: c.coderId }]),
    );
    const added = result.added[0];
    if (!added) return null;
    const row = { unit_id: unit.unitId, code_id: code, coder_id: coder.id };
    mine.set(added.id, row);
    return { keys: [[codingKey(added.id), null, row]] };
  };

  /** Undoes the last change (and sometimes redoes it), saying what each leaves behind. */
  const undoAndMaybeRedo = async (keys: [string, Value, Value][]) => {
    const track = (state: 'before' | 'after') => {
      for (const [k, before, after] of keys) {
        const v = state === 'before' ? before : after;
        const [table, id] = k.split(':');
        if (table === 'codings') {
          if (v) mine.set(id, v as { unit_id: string; code_id: string; coder_id: string });
          else mine.delete(id);
        } else if (table === 'meaning_units') condensed.set(id, String((v as { condensed: string }).condensed));
      }
    };
    const before = keys.map(([k, v]) => [k, v] as [string, Value]);
    await ledger.run(client, 'history.undo', {}, before, () => before);
    track('before');
    if (pick([true, false])) {
      const after = keys.map(([k, , v]) => [k, v] as [string, Value]);
      await ledger.run(client, 'history.redo', {}, after, () => after);
      track('after');
    }
  };

  return async () => {
    for (;;) {
      const done = await change();
      if (done && kind === 'undo') await undoAndMaybeRedo(done.keys);
    }
  };
}
