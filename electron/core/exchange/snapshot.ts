import type Database from 'better-sqlite3';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { CopyOrigin } from '../../../shared/api/methods/exchange';
import { readSetting, writeSetting } from '../repos/project-repo';
import { CAPTURED_TABLES } from '../store/migrations';

export type Row = Record<string, unknown>;
export type TableRows = Map<string, Row>;
export type Snapshot = ReadonlyMap<string, TableRows>;

// A coder copy carries the study as it was when it was handed out (the base), so a merge can tell
// who changed what: a value differing from the base was changed on that side. It lives in the
// settings table, which undo and the audit log leave alone.
export const ORIGIN_KEY = 'exchange.origin';
export const BASE_KEY = 'exchange.base';
export const HANDOUTS_KEY = 'exchange.handouts';
export const MERGES_KEY = 'exchange.merges';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function readTable(db: Database.Database, table: string): TableRows {
  const rows = db.prepare(`SELECT * FROM ${quoteIdent(table)}`).all() as Row[];
  return new Map(rows.map((r) => [String(r.id), r]));
}

export function snapshotOf(db: Database.Database): Map<string, TableRows> {
  return new Map(CAPTURED_TABLES.map((t) => [t, readTable(db, t)] as const));
}

export function encodeSnapshot(snapshot: Snapshot): string {
  const plain: Record<string, Row[]> = {};
  for (const [table, rows] of snapshot) plain[table] = [...rows.values()];
  return gzipSync(Buffer.from(JSON.stringify(plain), 'utf8')).toString('base64');
}

export function decodeSnapshot(text: string): Map<string, TableRows> {
  const plain = JSON.parse(gunzipSync(Buffer.from(text, 'base64')).toString('utf8')) as Record<string, Row[]>;
  return new Map(Object.entries(plain).map(([table, rows]) => [table, new Map(rows.map((r) => [String(r.id), r]))] as const));
}

export function readOrigin(db: Database.Database): CopyOrigin | null {
  const text = readSetting(db, ORIGIN_KEY);
  return text ? (JSON.parse(text) as CopyOrigin) : null;
}

export function readBase(db: Database.Database): Map<string, TableRows> | null {
  const text = readSetting(db, BASE_KEY);
  return text ? decodeSnapshot(text) : null;
}

export function readList<T>(db: Database.Database, key: string): T[] {
  const text = readSetting(db, key);
  return text ? (JSON.parse(text) as T[]) : [];
}

export function appendToList<T>(db: Database.Database, key: string, item: T): void {
  writeSetting(db, key, JSON.stringify([...readList<T>(db, key), item]));
}
