import type { Client } from '../../../shared/api/client';

/** A meta-synthesis of `count` published studies ("Study 01"…), each an article document, in list order. */
export async function metaSynthesis(client: Client, file: string, count: number): Promise<{ docIds: string[] }> {
  await client.call('project.create', { path: file, title: 'Mentoring competencies', methodology: 'meta-synthesis' });
  const docIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = `Study ${i + 1} reports that mentors build teamwork skills and give feedback on clinical reasoning.`;
    const { files } = await client.call('import.preview', { sources: [{ kind: 'text', name: `Study ${i + 1}`, text }] });
    if (!files[0].ok) throw new Error(files[0].error.message);
    const done = await client.call('import.commit', { previewId: files[0].preview.previewId, segment: 'paragraph', document: { title: `Study ${String(i + 1).padStart(2, '0')}`, kind: 'article' } });
    docIds.push(done.documentId);
  }
  return { docIds };
}

/**
 * Five studies coded by one coder into two components: studies 1–3 report teamwork skills (study 3
 * twice), 4 and 5 shared goals; nothing reports feedback on reasoning. `references` numbers the
 * first studies in order ("79", "45", …); the rest stay unnumbered.
 */
export async function codedSynthesis(client: Client, file: string, references: readonly string[]): Promise<{ docIds: string[] }> {
  const { docIds } = await metaSynthesis(client, file, 5);
  for (const [i, ref] of references.entries()) await client.call('documents.update', { id: docIds[i], reference: ref });
  const coder = await client.call('coders.create', { name: 'Mira Stein' });
  await client.call('coders.setCurrent', { coderId: coder.id });
  const c = client;
  const collaboration = await c.call('codebook.create', { level: 'category', name: 'Collaboration' });
  const teams = await c.call('codebook.create', { level: 'subcategory', name: 'Working in teams', parentId: collaboration.id });
  const teamwork = await c.call('codebook.create', { name: 'teamwork skills', parentId: teams.id });
  const goals = await c.call('codebook.create', { name: 'shared goals', parentId: teams.id });
  const feedback = await c.call('codebook.create', { level: 'category', name: 'Feedback' });
  const giving = await c.call('codebook.create', { level: 'subcategory', name: 'Giving feedback', parentId: feedback.id });
  await c.call('codebook.create', { name: 'feedback on reasoning', parentId: giving.id });
  for (const [doc, code, at] of [[0, teamwork, 0], [2, teamwork, 0], [2, teamwork, 30], [1, teamwork, 0], [3, goals, 0], [4, goals, 0]] as const) {
    await c.call('codings.applySpan', { documentId: docIds[doc], start: at, end: at + 10, codeIds: [code.id] });
  }
  return { docIds };
}
