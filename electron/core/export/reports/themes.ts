import type { CodebookNode } from '../../../../shared/api/entities';
import { defaultLevels, FORMATS_BY_KIND, REPORT_LABELS, type ReportCell, type ReportPara } from '../../../../shared/api/methods/reports';
import { formatAttribution, unknownAttributionFields } from '../../../../shared/domain/attribution';
import { levelWord, type NodeLevel } from '../../../../shared/domain/vocabulary';
import { subtreeIds } from '../../../../shared/domain/codebook-tree';
import { cell, joinWords, levelCell, orientationFor, para, row, section, sheet, someNames, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';
import type { QuoteUnit, ReportData } from '../data';
import { chosenLevels, hierarchyRows, startsGroup, type HierarchyRow } from '../hierarchy-rows';
import { nameWithCount } from './categories';

export interface ChosenQuotes {
  readonly quotes: readonly QuoteUnit[];
  /** marked: the author marked them; picked: Condensa chose coded units because none were marked. */
  readonly how: 'marked' | 'picked' | 'none';
}

/** Marked quotes on the node, else on anything beneath it; else coded units when the author allows picking. */
export function quotesFor(data: ReportData, node: CodebookNode): ChosenQuotes {
  const limit = data.options.quotesPerNode;
  const own = data.quotes.get(node.id) ?? [];
  const beneath = own.length ? own : [...subtreeIds(data.tree.nodes, node.id)].flatMap((id) => (id === node.id ? [] : (data.quotes.get(id) ?? [])));
  const unique = [...new Map(beneath.map((q) => [q.unitId, q])).values()];
  if (unique.length) return { quotes: unique.slice(0, limit), how: 'marked' };
  if (data.options.unmarkedQuotes === 'pick') {
    const codes = [...subtreeIds(data.tree.nodes, node.id)].filter((id) => data.tree.byId.get(id)?.level === 'code');
    const picked = data.codedUnits(codes, limit);
    if (picked.length) return { quotes: picked, how: 'picked' };
  }
  return { quotes: [], how: 'none' };
}

/** The quotes marked on the node itself, up to the author's number. */
function ownQuotes(data: ReportData, node: CodebookNode): QuoteUnit[] {
  return [...new Map((data.quotes.get(node.id) ?? []).map((q) => [q.unitId, q])).values()].slice(0, data.options.quotesPerNode);
}

/**
 * Quotes are shown at the level they were marked at: a node above the last level with quotes of
 * its own gets a row of its own, before the rows beneath it, ending at its column.
 */
function withOwnQuoteRows(data: ReportData, rows: readonly HierarchyRow[]): (HierarchyRow & { readonly own?: CodebookNode })[] {
  const out: (HierarchyRow & { readonly own?: CodebookNode })[] = [];
  const given = new Set<string>();
  for (const r of rows) {
    r.path.forEach((n, c) => {
      if (!n || c === r.path.length - 1 || given.has(`${c}:${n.id}`) || ownQuotes(data, n).length === 0) return;
      given.add(`${c}:${n.id}`);
      out.push({ path: r.path.map((m, k) => (k <= c ? m : null)), own: n });
    });
    out.push(r);
  }
  return out;
}

export function quoteParagraph(data: ReportData, q: QuoteUnit): ReportPara {
  const attribution = formatAttribution(data.options.attribution, data.attributionFields(q));
  return { runs: [{ text: data.quoted(data.people.text(q.text)) }, ...(attribution ? [{ text: ` (${attribution})` }] : [])], style: 'quote', indent: 0 };
}

/** Says how quotes are attributed: by pseudonym, and which participant attributes the template prints. */
function quoteNote(data: ReportData): string {
  const attributes = data.attributionAttributes;
  const by = attributes.length ? `Quotes are attributed by ${joinWords(attributes)}.` : '';
  return [data.options.pseudonyms ? 'Participants are named by pseudonym.' : '', by].filter(Boolean).join(' ');
}

export function themeLevels(data: ReportData): NodeLevel[] {
  const fallback = defaultLevels('themes', data.methodology);
  const levels = chosenLevels(data.methodology, data.options.levels, fallback);
  return levels.length ? levels : fallback;
}

/** Theme → categories (or subthemes) → exemplar quotes, each attributed by the author's template. */
export const themesReport: ReportBuilder = {
  kind: 'themes',
  label: REPORT_LABELS.themes,
  formats: FORMATS_BY_KIND.themes,
  build(data): BuiltReport {
    const levels = themeLevels(data);
    const rows = withOwnQuoteRows(data, hierarchyRows(data.tree, levels));
    const last = levels[levels.length - 1];
    const withoutQuotes: string[] = [];
    const pickedFor: string[] = [];
    const flat: (string | null)[][] = [];

    const tableRows = rows.map((r, i) => {
      const node = r.own ?? r.path[r.path.length - 1];
      const cells: ReportCell[] = r.path.map((n, c) => (n ? levelCell(nameWithCount(data, n), startsGroup(rows, i, c)) : cell('')));
      const names = r.path.map((n) => (n ? data.people.text(n.name) : ''));
      if (!node) return row([...cells, cell('')]);
      // A row ending above the last level holds the quotes marked on that node itself.
      const chosen: ChosenQuotes = r.own ? { quotes: ownQuotes(data, r.own), how: 'marked' } : quotesFor(data, node);
      if (chosen.how === 'none') {
        withoutQuotes.push(node.name);
        flat.push([...names, null, null, null]);
        return row([...cells, cell(para(`No exemplar quote marked for this ${levelWord(data.methodology, node.level).toLowerCase()}.`, 'missing'))]);
      }
      if (chosen.how === 'picked') pickedFor.push(node.name);
      for (const q of chosen.quotes) flat.push([...names, data.people.text(q.text), formatAttribution(data.options.attribution, data.attributionFields(q)), chosen.how]);
      return row([...cells, cell(...chosen.quotes.map((q) => quoteParagraph(data, q)))]);
    });

    const warnings: string[] = [];
    const label = levelWord(data.methodology, last).toLowerCase();
    if (withoutQuotes.length) warnings.push(`No exemplar quote is marked for ${withoutQuotes.length === 1 ? `the ${label}` : `${withoutQuotes.length} ${levelWord(data.methodology, last, 'many').toLowerCase()}`} ${someNames(withoutQuotes)}: mark quotes in the Codebook (or let Condensa pick coded units).`);
    if (pickedFor.length) warnings.push(`Quotes for ${someNames(pickedFor)} were picked by Condensa from coded units because none are marked; mark your own to choose them.`);
    const unknown = unknownAttributionFields(data.options.attribution, [...new Set([...data.people.byId.values()].flatMap((p) => Object.keys(p.values)))]);
    if (unknown.length) warnings.push(`The attribution uses ${unknown.map((u) => `{${u}}`).join(', ')}, which no participant has; it is left empty.`);
    warnings.push(...data.smallCellWarnings(data.attributionAttributes));
    if (data.people.missingPseudonyms.length) warnings.push(`${data.people.missingPseudonyms.length} participants have no pseudonym and appear as “Participant N”.`);

    const columns = [...levels.map((l) => ({ label: levelWord(data.methodology, l), width: 2 })), { label: 'Exemplar quotes', width: 5 }];
    const table = new TableNumbers(data.options.firstTable).table(
      `${levels.map((l, i) => (i === 0 ? levelWord(data.methodology, l, 'many') : levelWord(data.methodology, l, 'many').toLowerCase())).join(', ')} and exemplar quotes`,
      columns,
      tableRows,
      quoteNote(data),
    );
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientationFor(data, columns.length, 3), [table])] },
      sheets: [sheet('Quotes', [...levels.map((l) => levelWord(data.methodology, l)), 'Quote', 'Attribution', 'Chosen'], flat)],
      warnings,
    };
  },
};
