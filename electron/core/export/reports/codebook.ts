import type { CodebookNode } from '../../../../shared/api/entities';
import { FORMATS_BY_KIND, REPORT_LABELS, type ReportCell, type ReportPara, type ReportRow } from '../../../../shared/api/methods/reports';
import { LEVELS_BY_METHOD, NODE_LEVEL_LABELS, NODE_LEVELS, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { cell, joinWords, LEVEL_PLURALS, para, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder, lowerFirst } from '../blocks';
import type { QuoteUnit, ReportData } from '../data';
import { quoteParagraph } from './themes';

const COLUMNS = [
  { label: 'Code', width: 2.2 },
  { label: 'Definition', width: 3 },
  { label: 'Inclusion criteria', width: 2.4 },
  { label: 'Exclusion criteria', width: 2.4 },
  { label: 'Example', width: 3 },
  { label: 'Units', width: 0.9 },
  { label: 'Participants', width: 1.75 },
  { label: 'Documents', width: 1.65 },
];

/** The node's chosen typical example, else its first marked quote. */
function exampleOf(data: ReportData, node: CodebookNode): QuoteUnit | null {
  if (node.exampleUnitId) {
    const u = data.db.prepare(`SELECT id, document_id AS documentId, start, "end" FROM meaning_units WHERE id = ?`).get(node.exampleUnitId) as
      | { id: string; documentId: string; start: number; end: number }
      | undefined;
    if (u && data.documents.has(u.documentId)) return data.unit(u.id, u.documentId, u.start, u.end);
  }
  return data.quotes.get(node.id)?.[0] ?? null;
}

interface Visit {
  readonly node: CodebookNode;
  /** The group nodes above it on this path, top down. */
  readonly path: readonly CodebookNode[];
}

/** Depth first, as the Codebook tab shows it; a code under two categories appears under both. */
function walk(data: ReportData): Visit[] {
  const out: Visit[] = [];
  const visit = (node: CodebookNode, path: readonly CodebookNode[], seen: ReadonlySet<string>) => {
    if (seen.has(node.id)) return;
    out.push({ node, path });
    const next = new Set(seen).add(node.id);
    for (const c of data.tree.children.get(node.id) ?? []) visit(c, [...path, node], next);
  };
  for (const root of data.tree.roots) visit(root, [], new Set());
  return out;
}

/** The levels shown as group rows: the author's choice, else every level above codes the method has. */
function groupLevels(data: ReportData): Set<NodeLevel> {
  const asked = data.options.levels?.filter((l) => l !== 'code');
  return new Set(asked?.length ? asked : LEVELS_BY_METHOD[data.methodology].filter((l) => l !== 'code'));
}

/** The node's name, bold; above codes, its level in small print over it ("Category"). */
function nameCell(data: ReportData, node: CodebookNode): ReportCell {
  const name: ReportPara = { runs: [{ text: data.people.text(node.name), bold: true }], style: 'normal', indent: 0 };
  return node.level === 'code' ? cell(name) : cell(para(NODE_LEVEL_LABELS[node.level], 'note'), name);
}

/** Each code with its definition, criteria, example and counts, grouped under the levels above it. */
export const codebookReport: ReportBuilder = {
  kind: 'codebook',
  label: REPORT_LABELS.codebook,
  formats: FORMATS_BY_KIND.codebook,
  build(data): BuiltReport {
    const shown = groupLevels(data);
    const aboveCodes = LEVELS_BY_METHOD[data.methodology].filter((l) => l !== 'code');
    const rows: ReportRow[] = [];
    const flat: (string | number | null)[][] = [];
    const noDefinition: string[] = [];
    const noExample: string[] = [];
    const text = (s: string) => data.people.text(s);
    for (const { node, path } of walk(data)) {
      const counts = data.counts.get(node.id);
      const example = exampleOf(data, node);
      const ancestors = aboveCodes.map((level) => path.filter((p) => p.level === level).map((p) => text(p.name)).join('; '));
      flat.push([
        NODE_LEVEL_LABELS[node.level],
        text(node.name),
        ...ancestors,
        text(node.definition),
        text(node.inclusion),
        text(node.exclusion),
        example ? text(example.text) : null,
        counts?.units ?? 0,
        counts?.participants ?? 0,
        counts?.documents ?? 0,
      ]);
      // Every level the table shows gets the same columns: definitions, criteria and examples are
      // written for categories and themes too.
      if (node.level !== 'code' && !shown.has(node.level)) continue;
      if (node.level === 'code' && !node.definition.trim()) noDefinition.push(node.name);
      if (node.level === 'code' && !example) noExample.push(node.name);
      rows.push(
        row([
          nameCell(data, node),
          cell(node.definition ? text(node.definition) : para('No definition yet', 'missing')),
          cell(text(node.inclusion)),
          cell(text(node.exclusion)),
          cell(example ? quoteParagraph(data, example) : para('No example chosen', 'missing')),
          cell(String(counts?.units ?? 0)),
          cell(String(counts?.participants ?? 0)),
          cell(String(counts?.documents ?? 0)),
        ]),
      );
    }
    const codes = data.tree.nodes.filter((n) => n.level === 'code').length;
    const warnings: string[] = [];
    if (noDefinition.length) warnings.push(`${noDefinition.length} of ${codes} codes have no definition yet.`);
    if (noExample.length) warnings.push(`${noExample.length} of ${codes} codes have no example: choose a typical example or mark a quote in the Codebook.`);
    // The title names the levels when the author left some out.
    const levels = NODE_LEVELS.filter((l) => l === 'code' || shown.has(l));
    const title = levels.length === LEVELS_BY_METHOD[data.methodology].length ? 'Codebook' : `Codebook: ${joinWords(levels.map((l) => LEVEL_PLURALS[l].toLowerCase()))}`;
    const table = new TableNumbers(data.options.firstTable).table(
      title,
      COLUMNS,
      rows,
      `Counts are meaning units, participants and documents coded with the code (${lowerFirst(data.source.label)}).${data.options.pseudonyms ? ' Participants are named by pseudonym.' : ''}`,
    );
    return {
      title,
      document: { title: `${title} – ${data.title}`, sections: [section(data.options.orientation === 'portrait' ? 'portrait' : 'landscape', [table])] },
      sheets: [
        sheet('Codebook', ['Level', 'Name', ...aboveCodes.map((l) => NODE_LEVEL_LABELS[l]), 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example', 'Units', 'Participants', 'Documents'], flat),
      ],
      warnings,
    };
  },
};
