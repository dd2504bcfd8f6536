import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Locator } from 'playwright-core';
import type { Harness } from './harness';

export interface ForeignStudyShape {
  readonly sources: number;
  /** Sentences per interview, each one coded. */
  readonly sentences: number;
  readonly codes: number;
}

/**
 * A study as another program would export it (.qdpx bytes): `sources` interviews of `sentences`
 * sentences each, every sentence coded with one of `codes` codes in turn. Big enough, when asked,
 * for an import to take a few seconds or for the lists of a window to run far off screen.
 */
export function foreignStudy({ sources, sentences, codes }: ForeignStudyShape): Uint8Array {
  const guid = (kind: number, n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${kind.toString(16).padStart(12, '0')}`;
  const sentence = 'We met every week, and it helped me more than I expected.';
  const text = Array.from({ length: sentences }, () => sentence).join(' ');
  const names = ['Support', 'Time', 'Trust', 'Workload', 'Belonging'];
  const codeXml = Array.from({ length: codes }, (_, i) => {
    const name = i < names.length ? names[i] : `Code ${String(i + 1).padStart(3, '0')}`;
    return `<Code guid="${guid(1, i)}" name="${name}" isCodable="true"/>`;
  });
  const files: Record<string, Uint8Array> = {};
  const enc = new TextEncoder();
  const xmlSources: string[] = [];
  for (let s = 0; s < sources; s++) {
    files[`sources/${guid(2, s)}.txt`] = enc.encode(text);
    const selections = Array.from({ length: sentences }, (_, k) => {
      const start = k * (sentence.length + 1);
      return `<PlainTextSelection guid="${guid(3, s * 1000 + k)}" startPosition="${start}" endPosition="${start + sentence.length}"><Coding guid="${guid(4, s * 1000 + k)}"><CodeRef targetGUID="${guid(1, k % codes)}"/></Coding></PlainTextSelection>`;
    });
    xmlSources.push(`<TextSource guid="${guid(2, s)}" name="Interview ${s + 1}" plainTextPath="internal://${guid(2, s)}.txt">${selections.join('')}</TextSource>`);
  }
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Big study" origin="Another program 1.0"><CodeBook><Codes>${codeXml.join('')}</Codes></CodeBook><Sources>${xmlSources.join('')}</Sources></Project>`;
  return zipSync({ 'project.qde': enc.encode(qde), ...files });
}

/** Writes such a study as `fileName` and starts its import from the start screen; gives the import dialog. */
export async function importForeignStudy(h: Harness, fileName: string, shape: ForeignStudyShape): Promise<Locator> {
  const file = path.join(h.home, fileName);
  fs.writeFileSync(file, foreignStudy(shape));
  await h.page.getByRole('button', { name: 'Import REFI-QDA project…' }).click();
  const dialog = h.page.getByRole('dialog', { name: 'Import REFI-QDA project' });
  await dialog.getByLabel('REFI-QDA project (.qdpx)').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Import' }).click();
  return dialog;
}

/**
 * A small study whose codebook says its levels only by nesting, as NVivo, ATLAS.ti and MAXQDA
 * users build one: a non-codable category, codable subcategories, codes as leaves.
 */
export function nestedStudy(): Uint8Array {
  const g = (n: number) => `${String(n).padStart(8, '0')}-2222-4333-8444-555555555555`;
  const text = 'I felt lost at first. My mentor showed me the wards.';
  const sel = (n: number, words: string, code: number) =>
    `<PlainTextSelection guid="${g(n)}" startPosition="${text.indexOf(words)}" endPosition="${text.indexOf(words) + words.length}"><Coding guid="${g(n + 100)}"><CodeRef targetGUID="${g(code)}"/></Coding></PlainTextSelection>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Nested study" origin="NVivo 14"><CodeBook><Codes>
<Code guid="${g(1)}" name="Becoming a nurse" isCodable="false"><Code guid="${g(2)}" name="Finding one's feet" isCodable="true"><Code guid="${g(3)}" name="Feeling lost" isCodable="true"/><Code guid="${g(4)}" name="Being shown around" isCodable="true"/></Code></Code>
</Codes></CodeBook><Sources><TextSource guid="${g(50)}" name="Interview 1" plainTextPath="internal://${g(50)}.txt">${sel(60, 'I felt lost at first', 3)}${sel(61, 'My mentor showed me the wards', 4)}</TextSource></Sources></Project>`;
  const enc = new TextEncoder();
  return zipSync({ 'project.qde': enc.encode(qde), [`sources/${g(50)}.txt`]: enc.encode(text) });
}
