import type { Client } from '../../../shared/api/client';
import type { Coder } from '../../../shared/api/entities';

// Small studies for agreement tests, built through the contract as a researcher would: short
// answers imported one document each, one meaning unit per answer, codes applied per coder.

export interface Answer {
  readonly title: string;
  readonly text: string;
}

/** Imports each answer as its own document; returns document and unit ids in the same order. */
export async function importAnswers(client: Client, answers: readonly Answer[]): Promise<{ documentId: string; unitIds: string[] }[]> {
  const out: { documentId: string; unitIds: string[] }[] = [];
  // Previewed a few at a time: the app keeps only the latest previews.
  for (let from = 0; from < answers.length; from += 8) {
    const batch = answers.slice(from, from + 8);
    const { files } = await client.call('import.preview', { sources: batch.map((a) => ({ kind: 'text' as const, name: a.title, text: a.text })) });
    for (const [i, file] of files.entries()) {
      if (!file.ok) throw new Error(file.error.message);
      const result = await client.call('import.commit', { previewId: file.preview.previewId, segment: 'paragraph', document: { title: batch[i].title, kind: 'open-answers' } });
      const detail = await client.call('documents.get', { id: result.documentId });
      out.push({ documentId: result.documentId, unitIds: detail.units.map((u) => u.id) });
    }
  }
  return out;
}

export async function makeCoders(client: Client, names: readonly string[]): Promise<Coder[]> {
  const coders: Coder[] = [];
  for (const name of names) coders.push(await client.call('coders.create', { name }));
  return coders;
}

/** Applies a code to units as a coder (switching the current coder first). */
export async function codeAs(client: Client, coder: Coder, unitIds: readonly string[], codeId: string): Promise<void> {
  if (unitIds.length === 0) return;
  await client.call('coders.setCurrent', { coderId: coder.id });
  await client.call('codings.apply', { target: { unitIds: [...unitIds] }, codeIds: [codeId] });
}
