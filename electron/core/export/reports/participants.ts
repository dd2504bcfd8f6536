import { FORMATS_BY_KIND, REPORT_LABELS, type ReportColumn, type ReportRow } from '../../../../shared/api/methods/reports';
import type { SummaryRow } from '../../../../shared/api/methods/participants';
import { participantSummary } from '../../participants/participants-service';
import { listAttributes } from '../../repos/participants-repo';
import { cell, orientationFor, row, section, sheet, TableNumbers, type BuiltReport, type ReportBuilder } from '../blocks';

// Attributes with at most this many values get a column per value ("Gender: Woman"); others list their values.
const MAX_VALUE_COLUMNS = 5;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Per session (or document group): number of participants and the counts of their attribute values. */
export const participantsReport: ReportBuilder = {
  kind: 'participants',
  label: REPORT_LABELS.participants,
  formats: FORMATS_BY_KIND.participants,
  build(data): BuiltReport {
    const all = listAttributes(data.db);
    const attributes = data.options.attributeIds ? data.options.attributeIds.flatMap((id) => all.filter((a) => a.id === id)) : all;
    const summary = participantSummary(data.db, data.options.by, attributes.map((a) => a.id));
    const wanted = data.options.documentIds && data.options.by === 'document' ? new Set(data.options.documentIds) : null;
    const lines: SummaryRow[] = [...summary.rows.filter((r) => !wanted || wanted.has(r.key)), summary.total];

    // Values the participants hold, choices first in their order, then the rest.
    const layout = attributes.map((a) => {
      const held = Object.keys(summary.total.counts[a.id] ?? {}).filter((v) => v !== '');
      const values = [...a.choices.filter((c) => held.includes(c)), ...held.filter((v) => !a.choices.includes(v)).sort(collator.compare)];
      return { attribute: a, values, split: values.length <= MAX_VALUE_COLUMNS };
    });
    const columns: ReportColumn[] = [{ label: data.options.by === 'document' ? 'Session' : 'Group', width: 3 }, { label: 'n', width: 0.8 }];
    for (const l of layout) {
      if (l.split) for (const v of l.values) columns.push({ label: `${l.attribute.name}: ${v}`, width: 1.2 });
      else columns.push({ label: l.attribute.name, width: 2.4 });
    }
    const valuesOf = (r: SummaryRow): (string | number)[] =>
      layout.flatMap((l): (string | number)[] => {
        const counts = r.counts[l.attribute.id] ?? {};
        if (l.split) return l.values.map((v) => counts[v] ?? 0);
        return [l.values.filter((v) => counts[v]).map((v) => `${v} (${counts[v]})`).join(', ')];
      });
    const flat = lines.map((r) => [r === summary.total ? 'Total' : r.label, r.participants, ...valuesOf(r)]);
    const rows: ReportRow[] = flat.map((values, i) =>
      row([cell({ runs: [{ text: String(values[0]), bold: i === flat.length - 1 }], style: 'normal', indent: 0 }), ...values.slice(1).map((v) => cell(String(v)))]),
    );
    const missing = layout.filter((l) => (summary.total.counts[l.attribute.id]?.[''] ?? 0) > 0).map((l) => l.attribute.name);
    const table = new TableNumbers(data.options.firstTable).table(
      data.options.by === 'document' ? 'Participants by session' : 'Participants by group',
      columns,
      rows,
      `n = participants who spoke in the ${data.options.by === 'document' ? 'session' : 'group’s sessions'}; facilitators are not counted. The total counts each participant once.${missing.length ? ` Some participants have no value for ${missing.join(', ')}.` : ''}`,
    );
    return {
      title: table.title,
      document: { title: table.title, sections: [section(orientationFor(data, columns.length, 6), [table])] },
      sheets: [sheet('Participants', columns.map((c) => c.label), flat)],
      warnings: summary.total.participants === 0 ? ['No participant speaks in these documents yet: map speakers to participants first.'] : [],
    };
  },
};
