import type { ReportDocument, ReportRow } from '../../../shared/api/methods/reports';
import { cell, groupRow, para, row, section, TableNumbers } from './blocks';
import { renderDocx } from './docx-kit';

// For `npm run bench`: a Word document with a codebook of `codes` codes and a theme table with
// `quotes` exemplar quotes, built as the reports build theirs, so the figure times the writer.

const words = ['mentor', 'exam', 'ward', 'belonging', 'notes', 'hierarchy', 'support', 'quiet', 'advice', 'rota', 'worry', 'trust'];

function sentence(seed: number, length: number): string {
  const out: string[] = [];
  for (let i = 0; i < length; i += 1) out.push(words[(seed * 7 + i * 13) % words.length]);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export function largeReportDocument(codes = 300, quotes = 2_000): ReportDocument {
  const numbers = new TableNumbers(1);
  const codebookRows: ReportRow[] = [];
  for (let i = 0; i < codes; i += 1) {
    if (i % 10 === 0) codebookRows.push(groupRow(8, para(`Category: ${sentence(i, 3)}`), para(sentence(i + 1, 14), 'note')));
    codebookRows.push(
      row([
        cell(`Code ${i + 1}: ${sentence(i, 3)}`),
        cell(sentence(i, 18)),
        cell(sentence(i + 2, 12)),
        cell(sentence(i + 3, 12)),
        cell(para(`“${sentence(i + 4, 30)}” (Mentee ${i % 40}, focus group ${i % 7})`, 'quote')),
        cell(String(10 + (i % 50))),
        cell(String(3 + (i % 9))),
        cell(String(1 + (i % 5))),
      ]),
    );
  }
  const themeRows: ReportRow[] = [];
  const perRow = 5;
  for (let q = 0, r = 0; q < quotes; r += 1) {
    const n = Math.min(perRow, quotes - q);
    themeRows.push(
      row([
        cell(r % 8 === 0 ? `Theme ${r / 8 + 1}: ${sentence(r, 4)}` : ''),
        cell(`Category ${r + 1}: ${sentence(r, 3)}`),
        cell(...Array.from({ length: n }, (_, k) => para(`“${sentence(q + k, 40)}” (Mentee ${(q + k) % 40}, focus group ${(q + k) % 7})`, 'quote'))),
      ]),
    );
    q += n;
  }
  const codebook = numbers.table(
    'Codebook',
    [
      { label: 'Code', width: 2.2 },
      { label: 'Definition', width: 3 },
      { label: 'Inclusion criteria', width: 2.4 },
      { label: 'Exclusion criteria', width: 2.4 },
      { label: 'Example', width: 3 },
      { label: 'Units', width: 0.9 },
      { label: 'Participants', width: 1.75 },
      { label: 'Documents', width: 1.65 },
    ],
    codebookRows,
    'Counts are meaning units, participants and documents.',
  );
  const themes = numbers.table(
    'Themes, categories and exemplar quotes',
    [
      { label: 'Theme', width: 2 },
      { label: 'Category', width: 2 },
      { label: 'Exemplar quotes', width: 5 },
    ],
    themeRows,
    'Quotes are attributed as “{pseudonym}, {session}”.',
  );
  return { title: 'Benchmark report', language: 'en-GB', sections: [section('landscape', [codebook]), section('portrait', [themes])] };
}

/** Builds and writes the benchmark document; the bench times this call. */
export async function writeLargeReport(codes = 300, quotes = 2_000): Promise<{ readonly bytes: Buffer; readonly codes: number; readonly quotes: number }> {
  return { bytes: await renderDocx(largeReportDocument(codes, quotes)), codes, quotes };
}
