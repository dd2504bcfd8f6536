import type { Cooccurrence, ExportedFile } from '../../../shared/api/methods/analysis';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { type AnalysisTable, exportTable, type TableFormat } from './table-export';
import type { TargetOptions } from '../files/file-targets';

/** The co-occurrence table as on screen, a row per pair (most frequent first), with each node's own count beside it. */
export function cooccurrenceTable(cooc: Cooccurrence, level: NodeLevel): AnalysisTable {
  const label = NODE_LEVEL_LABELS[level];
  const unit = cooc.mode === 'unit';
  const own = unit ? 'units' : 'coded stretches';
  const header = [
    label,
    `With ${label.toLowerCase()}`,
    unit ? 'Units with both' : 'Overlapping stretches',
    ...(unit ? ['Jaccard'] : []),
    `${label} (${own})`,
    `With (${own})`,
  ];
  const rows = cooc.cells.map((c) => [
    cooc.nodes[c.a].name,
    cooc.nodes[c.b].name,
    c.count,
    ...(unit ? [c.jaccard === null ? '' : Math.round(c.jaccard * 1000) / 1000] : []),
    cooc.nodes[c.a].units,
    cooc.nodes[c.b].units,
  ]);
  const together = unit ? 'on the same meaning unit' : 'to overlapping text';
  const jaccard = unit ? ' Jaccard: units with both ÷ units with either.' : '';
  const beneath = level === 'code' ? '' : ', each counting the codes beneath it';
  const note = `Pairs (${label.toLowerCase()} level) one coder applied ${together}${beneath}.${jaccard} Codings: ${cooc.source}.`;
  return { header, rows, note, numberFormats: unit ? { 3: '0.000' } : {} };
}

export function exportCooccurrence(cooc: Cooccurrence, level: NodeLevel, format: TableFormat, path: string | undefined, options: TargetOptions): Promise<ExportedFile> {
  return exportTable(cooccurrenceTable(cooc, level), `cooccurrence-${level}-${cooc.mode}`, 'Co-occurrence', format, path, options);
}
