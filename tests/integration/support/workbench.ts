import type { CodebookNode } from '../../../shared/api/entities';
import { CAPTURED_TABLES } from '../../../electron/core/store/migrations';
import type { TestApp } from './app';

/** Every captured table, sorted by id: two dumps are equal when undo restored every row exactly. */
export function dumpTables(t: TestApp): Record<string, unknown[]> {
  const db = t.app.requireProject().db;
  return Object.fromEntries(CAPTURED_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
}

export function sql<T = Record<string, unknown>>(t: TestApp, text: string, ...params: unknown[]): T[] {
  return t.app.requireProject().db.prepare(text).all(...params) as T[];
}

export function one<T = unknown>(t: TestApp, text: string, ...params: unknown[]): T {
  return t.app.requireProject().db.prepare(text).pluck().get(...params) as T;
}

export async function nodeNamed(t: TestApp, name: string): Promise<CodebookNode> {
  const node = (await t.client.call('codebook.list', {})).find((n) => n.name === name);
  if (!node) throw new Error(`no node named ${name}`);
  return node;
}

/** The sample's documents in order, with their units in text order. */
export async function sampleDocuments(t: TestApp) {
  const docs = await t.client.call('documents.list', {});
  return Promise.all(docs.map((d) => t.client.call('documents.get', { id: d.id })));
}

export function coderNamed(t: TestApp & { readonly coders: readonly { id: string; name: string }[] }, name: string): string {
  const c = t.coders.find((x) => x.name === name);
  if (!c) throw new Error(`no coder ${name}`);
  return c.id;
}
