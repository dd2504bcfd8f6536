import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Attribute, Participant } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import type { AttributeTable, SummaryRow } from '../../../shared/api/methods/participants';
import type { AttributeType } from '../../../shared/domain/vocabulary';
import { labelKey } from '../../../shared/text/label-words';
import { listAttributes, listParticipants } from '../repos/participants-repo';
import { nowIso, stmt } from '../store/statements';
import { tableError, type RawTable } from './attribute-table';
import { distinctValues, inferType, normalizeValue } from './attribute-values';

export function getParticipant(db: Database.Database, id: string): Participant {
  const p = listParticipants(db).find((x) => x.id === id);
  if (!p) throw new AppError('NOT_FOUND', 'That participant is not in this project (it may have been removed).');
  return p;
}

export function getAttribute(db: Database.Database, id: string): Attribute {
  const a = listAttributes(db).find((x) => x.id === id);
  if (!a) throw new AppError('NOT_FOUND', 'That attribute is not in this project (it may have been removed).');
  return a;
}

export function createParticipant(db: Database.Database, label: string, pseudonym: string, notes: string): string {
  const id = randomUUID();
  const sort = stmt(db, `SELECT coalesce(max(sort), -1) + 1 FROM participants`).pluck().get() as number;
  stmt(db, `INSERT INTO participants (id, label, pseudonym, notes, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(id, label.trim(), pseudonym, notes, sort, nowIso());
  return id;
}

export function updateParticipant(db: Database.Database, id: string, changes: { label?: string; pseudonym?: string; notes?: string }): void {
  getParticipant(db, id);
  if (changes.label !== undefined) stmt(db, `UPDATE participants SET label = ? WHERE id = ?`).run(changes.label.trim(), id);
  if (changes.pseudonym !== undefined) stmt(db, `UPDATE participants SET pseudonym = ? WHERE id = ?`).run(changes.pseudonym, id);
  if (changes.notes !== undefined) stmt(db, `UPDATE participants SET notes = ? WHERE id = ?`).run(changes.notes, id);
}

export function deleteParticipants(db: Database.Database, ids: readonly string[]): number {
  const remove = stmt(db, `DELETE FROM participants WHERE id = ?`);
  const memos = stmt(db, `DELETE FROM memos WHERE target_type = 'participant' AND target_id = ?`);
  return ids.reduce((n, id) => {
    memos.run(id);
    return n + remove.run(id).changes;
  }, 0);
}

function checkedValue(attribute: Attribute, raw: string): string {
  const check = normalizeValue(attribute.type, raw, attribute.choices);
  if (!check.ok) throw new AppError('INVALID_VALUE', `${check.problem} for “${attribute.name}”.`);
  return check.value;
}

const upsertValue = `INSERT INTO participant_values (id, participant_id, attribute_id, value) VALUES (?, ?, ?, ?)
  ON CONFLICT(participant_id, attribute_id) DO UPDATE SET value = excluded.value WHERE value <> excluded.value`;

/** Sets (or with null clears) one attribute for many participants; returns how many changed. */
export function setValue(db: Database.Database, participantIds: readonly string[], attributeId: string, raw: string | null): number {
  const attribute = getAttribute(db, attributeId);
  const value = raw === null || raw.trim() === '' ? null : checkedValue(attribute, raw);
  let changed = 0;
  for (const pid of participantIds) {
    if (!stmt(db, `SELECT 1 FROM participants WHERE id = ?`).get(pid)) throw new AppError('NOT_FOUND', 'One of those participants is not in this project any more.');
    changed +=
      value === null
        ? stmt(db, `DELETE FROM participant_values WHERE participant_id = ? AND attribute_id = ?`).run(pid, attributeId).changes
        : stmt(db, upsertValue).run(randomUUID(), pid, attributeId, value).changes;
  }
  return changed;
}

function assertFreeName(db: Database.Database, name: string, except: string | null): void {
  const clash = listAttributes(db).find((a) => a.name.toLowerCase() === name.trim().toLowerCase() && a.id !== except);
  if (clash) throw new AppError('CONFLICT', `There is already an attribute called “${clash.name}”. Choose another name.`);
}

export function createAttribute(db: Database.Database, name: string, type: AttributeType, choices: readonly string[]): Attribute {
  assertFreeName(db, name, null);
  const id = randomUUID();
  const sort = stmt(db, `SELECT coalesce(max(sort), -1) + 1 FROM attributes`).pluck().get() as number;
  stmt(db, `INSERT INTO attributes (id, name, type, choices, sort) VALUES (?, ?, ?, ?, ?)`).run(id, name.trim(), type, JSON.stringify(distinctValues(choices)), sort);
  return getAttribute(db, id);
}

/** Renames, retypes or changes choices; existing values are converted, and a value that does not fit stops the change. */
export function updateAttribute(db: Database.Database, id: string, changes: { name?: string; type?: AttributeType; choices?: readonly string[] }): Attribute {
  const current = getAttribute(db, id);
  if (changes.name !== undefined) {
    assertFreeName(db, changes.name, id);
    stmt(db, `UPDATE attributes SET name = ? WHERE id = ?`).run(changes.name.trim(), id);
  }
  const type = changes.type ?? current.type;
  const values = stmt(db, `SELECT id, value FROM participant_values WHERE attribute_id = ?`).all(id) as { id: string; value: string }[];
  // Turning text into a choice list keeps every value that is already there as a choice.
  const choices = changes.choices ?? (type === 'choice' && current.type !== 'choice' ? distinctValues(values.map((v) => v.value)) : current.choices);
  for (const v of values) {
    const check = normalizeValue(type, v.value, choices);
    if (!check.ok) throw new AppError('INVALID_VALUE', `Cannot change “${current.name}”: ${check.problem}. Change or clear that value first.`);
    if (check.value !== v.value) stmt(db, `UPDATE participant_values SET value = ? WHERE id = ?`).run(check.value, v.id);
  }
  stmt(db, `UPDATE attributes SET type = ?, choices = ? WHERE id = ?`).run(type, JSON.stringify(distinctValues(choices)), id);
  return getAttribute(db, id);
}

export function deleteAttribute(db: Database.Database, id: string): number {
  getAttribute(db, id);
  const n = stmt(db, `DELETE FROM participant_values WHERE attribute_id = ?`).run(id).changes;
  stmt(db, `DELETE FROM attributes WHERE id = ?`).run(id);
  return n;
}

// ---- Attribute tables (CSV/XLSX keyed on label) ----------------------------------------------

/** How a table matches the project: the key column, and per column an attribute or a type for a new one. */
export function describeTable(db: Database.Database, table: RawTable): AttributeTable {
  const labels = new Set(listParticipants(db).map((p) => labelKey(p.label)));
  const attributes = listAttributes(db);
  const matches = table.columns.map((_, c) => table.rows.filter((r) => labels.has(labelKey(r[c]))).length);
  const best = matches.reduce((b, n, i) => (n > matches[b] ? i : b), 0);
  const named = table.columns.findIndex((h) => /^(label|participant|speaker|id|code|name)$/i.test(h.trim()));
  const keyColumn = matches[best] > 0 ? best : Math.max(0, named);
  return {
    fileName: table.fileName,
    columns: [...table.columns],
    rows: table.rows.map((r) => [...r]),
    keyColumn,
    matched: matches[keyColumn] ?? 0,
    suggestions: table.columns.map((name, c) => {
      const existing = attributes.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
      return { attributeId: existing?.id ?? null, type: existing?.type ?? inferType(table.rows.map((r) => r[c])) };
    }),
  };
}

export interface ColumnChoice {
  readonly column: number;
  readonly attributeId?: string | null;
  readonly name?: string;
  readonly type?: AttributeType;
}

/** Sets values from a table in one go; any value that does not fit stops the whole import, naming row and column. */
export function importAttributeTable(db: Database.Database, table: RawTable, keyColumn: number, columns: readonly ColumnChoice[], createMissing: boolean) {
  if (keyColumn >= table.columns.length) throw tableError(table.fileName, `There is no column ${keyColumn + 1}.`);
  const byLabel = new Map(listParticipants(db).map((p) => [labelKey(p.label), p.id]));
  assertSomeRowMatches(table, keyColumn, byLabel, createMissing);
  let attributesCreated = 0;
  const targets = columns.map((choice) => {
    if (choice.column >= table.columns.length || choice.column === keyColumn) throw tableError(table.fileName, `Column ${choice.column + 1} cannot hold attribute values.`);
    const values = table.rows.map((r) => r[choice.column]);
    if (choice.attributeId) return { column: choice.column, attribute: withChoicesFrom(db, getAttribute(db, choice.attributeId), values) };
    const type = choice.type ?? inferType(values);
    const name = choice.name ?? table.columns[choice.column];
    const found = listAttributes(db).find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
    if (found) return { column: choice.column, attribute: withChoicesFrom(db, found, values) };
    attributesCreated += 1;
    return { column: choice.column, attribute: createAttribute(db, name, type, type === 'choice' ? distinctValues(values) : []) };
  });
  let created = 0;
  let values = 0;
  const updatedIds = new Set<string>();
  const unmatched: string[] = [];
  table.rows.forEach((row, i) => {
    const label = row[keyColumn].trim();
    if (label === '') return;
    let pid = byLabel.get(labelKey(label));
    if (!pid && createMissing) {
      pid = createParticipant(db, label, '', '');
      byLabel.set(labelKey(label), pid);
      created += 1;
    }
    if (!pid) {
      unmatched.push(label);
      return;
    }
    for (const { column, attribute } of targets) {
      const raw = row[column];
      if (raw.trim() === '') continue;
      const check = normalizeValue(attribute.type, raw, attribute.choices);
      if (!check.ok) throw tableError(table.fileName, `Row ${i + 2}, column “${table.columns[column]}”: ${check.problem}. Fix it in the table and import again.`);
      values += stmt(db, upsertValue).run(randomUUID(), pid, attribute.id, check.value).changes;
      updatedIds.add(pid);
    }
  });
  return { updated: updatedIds.size, created, attributesCreated, values, unmatched };
}

// A table none of whose labels names a participant would only add empty attributes: refused, saying why.
function assertSomeRowMatches(table: RawTable, keyColumn: number, byLabel: ReadonlyMap<string, string>, createMissing: boolean): void {
  if (createMissing) return;
  const labels = table.rows.map((r) => r[keyColumn].trim()).filter((l) => l !== '');
  if (labels.some((l) => byLabel.has(labelKey(l)))) return;
  const examples = labels.slice(0, 3).map((l) => `“${l.slice(0, 40)}”`).join(', ');
  throw tableError(
    table.fileName,
    `None of the labels in column “${table.columns[keyColumn]}” (${examples || 'all empty'}) is a participant of this project. Choose the column that holds the participant labels, or let the import add them as new participants.`,
  );
}

// A table may bring new choices for a choice attribute: they are added rather than refused.
function withChoicesFrom(db: Database.Database, attribute: Attribute, values: readonly string[]): Attribute {
  if (attribute.type !== 'choice') return attribute;
  const known = new Set(attribute.choices.map((c) => c.toLowerCase()));
  const extra = distinctValues(values).filter((v) => !known.has(v.toLowerCase()));
  if (extra.length === 0) return attribute;
  const choices = [...attribute.choices, ...extra];
  stmt(db, `UPDATE attributes SET choices = ? WHERE id = ?`).run(JSON.stringify(choices), attribute.id);
  return { ...attribute, choices };
}

// ---- The participants table of a paper --------------------------------------------------------

/** Per session (or document group): how many participants spoke (facilitators left out) and how their attribute values count. */
export function participantSummary(db: Database.Database, by: 'document' | 'group', attributeIds: readonly string[]): { rows: SummaryRow[]; total: SummaryRow } {
  for (const id of attributeIds) getAttribute(db, id);
  const values = new Map<string, Map<string, string>>();
  for (const v of stmt(db, `SELECT participant_id AS p, attribute_id AS a, value FROM participant_values`).all() as { p: string; a: string; value: string }[]) {
    if (!values.has(v.p)) values.set(v.p, new Map());
    values.get(v.p)!.set(v.a, v.value);
  }
  const keyed =
    by === 'document'
      ? `SELECT d.id AS key, CASE WHEN d.session_name <> '' THEN d.session_name ELSE d.title END AS label, d.sort AS sort, t.participant_id AS p
         FROM documents d LEFT JOIN turns t ON t.document_id = d.id AND t.participant_id IS NOT NULL AND t.is_facilitator = 0`
      : `SELECT coalesce(g.id, '') AS key, coalesce(g.name, 'Ungrouped') AS label, coalesce(g.sort, 1e9) AS sort, t.participant_id AS p
         FROM documents d LEFT JOIN document_groups g ON g.id = d.group_id
         LEFT JOIN turns t ON t.document_id = d.id AND t.participant_id IS NOT NULL AND t.is_facilitator = 0`;
  const rows = new Map<string, { label: string; sort: number; people: Set<string> }>();
  for (const r of stmt(db, keyed).all() as { key: string; label: string; sort: number; p: string | null }[]) {
    if (!rows.has(r.key)) rows.set(r.key, { label: r.label, sort: r.sort, people: new Set() });
    if (r.p) rows.get(r.key)!.people.add(r.p);
  }
  const summarize = (key: string, label: string, people: ReadonlySet<string>): SummaryRow => ({
    key,
    label,
    participants: people.size,
    counts: Object.fromEntries(
      attributeIds.map((a) => {
        const counts: Record<string, number> = {};
        for (const p of people) {
          const v = values.get(p)?.get(a) ?? '';
          counts[v] = (counts[v] ?? 0) + 1;
        }
        return [a, counts];
      }),
    ),
  });
  const ordered = [...rows.entries()].sort((a, b) => a[1].sort - b[1].sort || a[1].label.localeCompare(b[1].label));
  const everyone = new Set(ordered.flatMap(([, r]) => [...r.people]));
  return { rows: ordered.map(([key, r]) => summarize(key, r.label, r.people)), total: summarize('total', 'All sessions', everyone) };
}
