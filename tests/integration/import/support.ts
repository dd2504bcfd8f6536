import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '../../../shared/api/client';
import type { CommitOptions, ImportPreview, ImportSource } from '../../../shared/api/methods/import';
import { makeTestApp, type TestApp } from '../support/app';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/import');

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A fresh app with an empty project open. */
export async function makeImportApp(): Promise<TestApp> {
  const t = makeTestApp();
  await t.client.call('project.create', { path: t.file(), title: 'Import study' });
  return t;
}

export async function previewOne(client: Client, source: ImportSource, options: { detect?: boolean } = {}): Promise<ImportPreview> {
  const { files } = await client.call('import.preview', { sources: [source], ...options });
  const outcome = files[0];
  if (!outcome.ok) throw new Error(`preview refused: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.preview;
}

/** Preview and commit one file with default decisions (or the given ones). */
export async function importPath(client: Client, file: string, options: Omit<CommitOptions, never> = {}) {
  const preview = await previewOne(client, { kind: 'path', path: file }, { detect: options.detect });
  const result = await client.call('import.commit', { previewId: preview.previewId, ...options });
  const detail = await client.call('documents.get', { id: result.documentId });
  return { preview, result, detail };
}

/** Everything that counts for "the project is unchanged". */
export async function snapshot(client: Client) {
  const summary = await client.call('project.get', {});
  return summary.counts;
}

export function writeTemp(t: TestApp, name: string, bytes: Uint8Array | string): string {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
