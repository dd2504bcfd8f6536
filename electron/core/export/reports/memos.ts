import { FORMATS_BY_KIND, REPORT_LABELS, type ReportBlock } from '../../../../shared/api/methods/reports';
import type { Memo } from '../../../../shared/api/methods/memos';
import { NODE_LEVEL_LABELS, type MemoTarget } from '../../../../shared/domain/vocabulary';
import { listJournal, listMemos } from '../../repos/memos-repo';
import { heading, paragraph, section, sheet, type BuiltReport, type ReportBuilder } from '../blocks';
import type { ReportData } from '../data';

const SECTIONS: readonly { readonly type: MemoTarget; readonly title: string }[] = [
  { type: 'project', title: 'The project' },
  { type: 'document', title: 'Documents' },
  { type: 'node', title: 'Codebook' },
  { type: 'participant', title: 'Participants' },
  { type: 'unit', title: 'Meaning units' },
  { type: 'coding', title: 'Codings' },
];

function targetName(data: ReportData, memo: Memo): string {
  switch (memo.targetType) {
    case 'project':
      return data.title;
    case 'document':
      return data.documents.get(memo.targetId)?.title ?? 'A document no longer in the project';
    case 'node': {
      const n = data.tree.byId.get(memo.targetId);
      return n ? `${NODE_LEVEL_LABELS[n.level]}: ${data.people.text(n.name)}` : 'A code no longer in the codebook';
    }
    case 'participant':
      return data.people.nameOf(memo.targetId);
    case 'unit': {
      const u = data.db.prepare(`SELECT document_id AS d FROM meaning_units WHERE id = ?`).get(memo.targetId) as { d: string } | undefined;
      return u ? `A meaning unit in ${data.documents.get(u.d)?.title ?? 'a document'}` : 'A meaning unit';
    }
    default:
      return 'A coding';
  }
}

const day = (iso: string) => iso.slice(0, 10);

function body(data: ReportData, text: string): ReportBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => paragraph(data.people.text(p)));
}

/** Every memo, grouped by what it is about, then the reflexive journal by date. */
export const memosReport: ReportBuilder = {
  kind: 'memos',
  label: REPORT_LABELS.memos,
  formats: FORMATS_BY_KIND.memos,
  build(data): BuiltReport {
    const memos = listMemos(data.db).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const journal = listJournal(data.db).sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
    const blocks: ReportBlock[] = [];
    const flat: (string | null)[][] = [];
    blocks.push(heading(1, 'Memos'));
    if (memos.length === 0) blocks.push(paragraph('No memos yet.', 'missing'));
    for (const s of SECTIONS) {
      const here = memos.filter((m) => m.targetType === s.type);
      if (here.length === 0) continue;
      blocks.push(heading(2, s.title));
      for (const m of here) {
        const about = targetName(data, m);
        const title = data.people.text(m.title.trim()) || 'Untitled memo';
        blocks.push(heading(3, title), paragraph(`On ${about} · ${data.coderName(m.authorName) ?? 'unknown author'} · ${day(m.createdAt)}`, 'note'), ...body(data, m.body));
        flat.push(['Memo', s.title, about, title, data.coderName(m.authorName), day(m.createdAt), data.people.text(m.body)]);
      }
    }
    blocks.push(heading(1, 'Reflexive journal'));
    if (journal.length === 0) blocks.push(paragraph('No journal entries yet.', 'missing'));
    for (const j of journal) {
      blocks.push(heading(3, `${j.date}${j.authorName ? ` – ${data.coderName(j.authorName)}` : ''}`), ...body(data, j.body));
      flat.push(['Journal', null, null, null, data.coderName(j.authorName), j.date, data.people.text(j.body)]);
    }
    return {
      title: 'Memos and journal',
      document: { title: `Memos and journal – ${data.title}`, sections: [section(data.options.orientation === 'landscape' ? 'landscape' : 'portrait', blocks)] },
      sheets: [sheet('Memos and journal', ['Kind', 'About', 'Target', 'Title', 'Author', 'Date', 'Text'], flat)],
      warnings: [],
    };
  },
};
