import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodebookNode } from '../../../shared/api/entities';
import { makeTestApp, type TestApp } from '../support/app';

// The labelled corpus of codebook spreadsheets (tests/fixtures/codebooks/labels.json): each file
// must import into an empty project as exactly the labelled tree, levels, fields and repairs.
const DIR = path.join(__dirname, '../../fixtures/codebooks');

interface Label {
  readonly program: string;
  readonly nodes: Readonly<Record<string, string>>;
  readonly fields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly repairs: readonly string[];
}

const labels = Object.entries(JSON.parse(fs.readFileSync(path.join(DIR, 'labels.json'), 'utf8')) as Record<string, Label | string>).filter(
  (e): e is [string, Label] => typeof e[1] !== 'string',
);

/** Every node by its path from the top, as the labels write it. */
function byPath(nodes: readonly CodebookNode[]): Map<string, CodebookNode> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pathOf = (n: CodebookNode): string => {
    const names = [n.name];
    for (let p = byId.get(n.parentIds[0]); p; p = byId.get(p.parentIds[0])) names.unshift(p.name);
    return names.join(' > ');
  };
  return new Map(nodes.map((n) => [pathOf(n), n]));
}

describe('codebook spreadsheets from other programs import to the labelled tree', () => {
  const outcomes: { file: string; ok: boolean }[] = [];
  let t: TestApp;
  afterAll(() => {
    t?.close();
    const ok = outcomes.filter((o) => o.ok).length;
    console.log(`codebook spreadsheet corpus: ${ok} of ${outcomes.length} files import to the labelled tree (${outcomes.filter((o) => !o.ok).map((o) => o.file).join(', ') || 'none wrong'})`);
  });

  it('has files in every shape the issue names', () => {
    expect(labels.length).toBeGreaterThanOrEqual(12);
    expect(labels.some(([f]) => f.endsWith('.xlsx'))).toBe(true);
    for (const [file] of labels) expect(fs.existsSync(path.join(DIR, file)), file).toBe(true);
  });

  it.each(labels)('%s', async (file, label) => {
    let ok = false;
    try {
      t?.close();
      t = makeTestApp();
      await t.client.call('project.create', { path: t.file('corpus.condensa'), title: 'Corpus' });
      const { report } = await t.client.call('refi.importCodebook', { sourcePath: path.join(DIR, file) });
      const nodes = byPath(await t.client.call('codebook.list', {}));
      expect(Object.fromEntries([...nodes].map(([p, n]) => [p, n.level]))).toEqual(label.nodes);
      const memos = await t.client.call('memos.list', { targetType: 'node' });
      for (const [p, fields] of Object.entries(label.fields ?? {})) {
        const n = nodes.get(p)!;
        const example = memos.find((m) => m.targetId === n.id && m.title === 'Example')?.body;
        const seen: Record<string, string | undefined> = { definition: n.definition, inclusion: n.inclusion, exclusion: n.exclusion, colour: n.colour, example };
        for (const [field, value] of Object.entries(fields)) expect(seen[field], `${p}: ${field}`).toBe(value);
      }
      expect(report.items.flatMap((i) => (i.code ? [i.code] : [])).sort()).toEqual([...label.repairs].sort());
      ok = true;
    } finally {
      outcomes.push({ file, ok });
    }
  });
});
