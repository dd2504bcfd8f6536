import fs from 'node:fs';
import { FIGURES, meetsTarget, ratioOf, type FigureDef, type Measurement, type Measurements } from './figures';
import type { GeneratedStudy, StudySize } from './generate-study';
import { BUSY_LOAD_PER_CORE, spreadOf, spreadText, wasBusy } from './machine';

// The bench's outputs: a table on the terminal, bench-results/latest.json, and the README's
// Performance section rewritten from that JSON between two marker comments.

export interface SizeResult {
  readonly study: GeneratedStudy;
  readonly measurements: Measurements;
  readonly seconds: number;
  /** The one-minute load average when this size started and ended: other work slows every figure. */
  readonly load: { readonly start: number; readonly end: number };
}

export interface BenchReport {
  readonly generatedAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGb: number; readonly node: string; readonly platform: string };
  readonly totalSeconds: number;
  readonly sizes: readonly StudySize[];
  readonly results: Partial<Record<StudySize, SizeResult>>;
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

const TITLES: Readonly<Record<StudySize, string>> = { tiny: 'Tiny', small: 'Small', large: 'Large', huge: 'Huge' };

function number(v: number, unit: FigureDef['unit']): string {
  if (unit === 'fps') return `${v.toFixed(0)} fps`;
  if (unit === 'MB') return `${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} MB`;
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  return `${v < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en-US')} ms`;
}

export function targetText(def: FigureDef): string {
  if (!def.target) return '—';
  const op = def.target.op === '<=' ? '≤' : '≥';
  const ratio = def.ratioTarget ? `, ≤${def.ratioTarget}× bare min.` : '';
  return `${op} ${number(def.target.value, def.unit)}${ratio} (${def.target.source})`;
}

function mark(def: FigureDef, m: Measurement | undefined): string {
  const ok = meetsTarget(def, m);
  return ok === null ? '' : ok ? ' ✓' : ' ✗';
}

/**
 * The figure with its spread: min / median / max over its runs; one value says "(1 run)", a
 * percentile over many samples of one run says how many. "(busy)" when the machine was busy.
 */
export function cellText(def: FigureDef, m: Measurement | undefined, cpus?: number): string {
  if (!m) return '—';
  if (m.kind === 'skipped') return '—';
  if (m.kind === 'unavailable') return 'not available yet';
  if (m.kind === 'failed') return 'failed';
  const show = (v: number) => number(v, def.unit);
  const spread = m.runs ? spreadOf(m.runs) : null;
  const shown =
    spread && spread.n > 1
      ? spreadText(spread, show)
      : m.samples && m.samples > 1
        ? `${show(m.value)} (n = ${m.samples.toLocaleString('en-US')})`
        : `${show(m.value)} (1 run)`;
  return `${shown}${mark(def, m)}${wasBusy(m.load, cpus) ? ' (busy)' : ''}`;
}

/** The figure's label, with how it was taken when the run decided that (the described size's). */
function rowLabel(def: FigureDef, report: BenchReport, sizes: readonly StudySize[]): string {
  const conditions = new Set(sizes.map((s) => report.results[s]?.measurements[def.id]).flatMap((m) => (m?.kind === 'value' && m.condition ? [m.condition] : [])));
  return conditions.size ? `${def.label}, ${[...conditions].join(' / ')}` : def.label;
}

function ratioText(def: FigureDef, sizes: readonly StudySize[], report: BenchReport): string {
  if (!def.baseline) return '—';
  const parts = sizes.map((s) => {
    const r = ratioOf(report.results[s]?.measurements[def.id]);
    return r === null ? '—' : `${r < 0.1 ? r.toFixed(3) : r.toFixed(2)}×`;
  });
  return `${parts.join(' / ')} vs ${def.baseline}`;
}

function growthText(def: FigureDef, sizes: readonly StudySize[], report: BenchReport): string {
  if (def.sameAtEverySize) return 'same work at every size';
  const values = sizes.map((s) => report.results[s]?.measurements[def.id]).map((m) => (m?.kind === 'value' ? m.value : null));
  if (values.length < 2 || values.some((v) => v === null || v <= 0)) return '—';
  const steps: string[] = [];
  for (let i = 1; i < values.length; i++) steps.push(`×${(values[i]! / values[i - 1]!).toFixed(1)}`);
  return steps.join(', ');
}

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function buildTable(report: BenchReport): Table {
  const sizes = report.sizes.filter((s) => report.results[s]);
  const header = ['Figure', 'Target', ...sizes.map((s) => TITLES[s]), 'Ratio to bare minimum', sizes.length > 1 ? `Growth ${sizes.map((s) => s).join(' → ')}` : 'Growth'];
  const rows = FIGURES.map((def) => [
    rowLabel(def, report, sizes),
    targetText(def),
    ...sizes.map((s) => cellText(def, report.results[s]?.measurements[def.id], report.machine.cpus)),
    ratioText(def, sizes, report),
    growthText(def, sizes, report),
  ]);
  return { header, rows };
}

export function terminalTable(report: BenchReport): string {
  const { header, rows } = buildTable(report);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function studyLine(size: StudySize, s: GeneratedStudy): string {
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  return (
    `**${TITLES[size]}**: ${s.documents.toLocaleString('en-US')} transcripts (${mb(s.textChars)} M characters; longest ${Math.round(s.largestDocumentChars / 1000).toLocaleString('en-US')} k), ` +
    `${s.participants} participants, ${s.units.toLocaleString('en-US')} meaning units, ${s.nodes} codebook nodes (${s.codes} codes), ` +
    `${s.codings.toLocaleString('en-US')} codings by 2 coders, ${s.memos.toLocaleString('en-US')} memos, ${s.quotes.toLocaleString('en-US')} quotes; file ${mb(s.fileBytes)} MB.`
  );
}

/** Figures whose target is missed or that are not there yet, in words, for the table's notes. */
export function shortfalls(report: BenchReport): string[] {
  const sizes = report.sizes.filter((s) => report.results[s]);
  const out: string[] = [];
  for (const def of FIGURES) {
    for (const s of sizes) {
      const m = report.results[s]?.measurements[def.id];
      if (!m) continue;
      if (m.kind === 'failed') out.push(`${def.label} (${s}): failed — ${m.reason}`);
      else if (m.kind === 'unavailable') out.push(`${def.label} (${s}): not available yet — ${m.reason}`);
      else if (m.kind === 'value' && meetsTarget(def, m) === false) {
        const median = (m.runs?.length ?? 0) > 1 ? ` (median of ${m.runs!.length} runs)` : '';
        out.push(`${def.label} (${s}): ${number(m.value, def.unit)}${median} misses ${targetText(def)}${wasBusy(m.load, report.machine.cpus) ? ' (busy machine)' : ''}`);
      }
    }
  }
  return [...new Set(out)];
}

export function markdownSection(report: BenchReport): string {
  const { header, rows } = buildTable(report);
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const table = [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
  const sizes = report.sizes.filter((s) => report.results[s]);
  const m = report.machine;
  const notes: string[] = [];
  const seen = new Set<string>();
  const described = sizes.includes('large') ? 'large' : sizes[0];
  for (const def of FIGURES) {
    const x = report.results[described]?.measurements[def.id];
    if (x?.kind !== 'value' || !x.note || seen.has(x.note)) continue;
    seen.add(x.note);
    notes.push(`- ${def.label}: ${x.note}.`);
  }
  const misses = shortfalls(report);
  const busy = busyNote(report);
  return [
    `Measured ${report.generatedAt.slice(0, 10)} on ${m.cpus} × ${m.cpuModel} with ${m.memoryGb} GB, Node ${m.node}, in ${Math.round(report.totalSeconds)} s (\`npm run bench\`).`,
    ...(busy ? ['', `**${busy}**`] : []),
    '',
    ...sizes.map((s) => `- ${studyLine(s, report.results[s]!.study)}`),
    '',
    table,
    '',
    'Each cell is min / median / max over the runs of that figure (the median meets the target or not); "(1 run)" is a figure taken once, "(n = …)" a percentile or median over that many samples of one run. ' +
      `"(busy)": the one-minute load average was at least ${BUSY_LOAD_PER_CORE} per core before or after the figure, so other programs competed for the cores and the figure is slower than on an idle machine. ` +
      '✓ meets the target, ✗ misses it. Targets come from the feature issues (#N) and are stated for the large study. ' +
      'Ratios are measured in the same run over the same data: the import against the bare minimum (reading, splitting with the same rules, one bulk insert); ' +
      'agreement as computing alone against a naive loop. Growth is each size’s figure over the previous size’s.',
    '',
    ...(notes.length ? [`<details><summary>How each figure was taken (${described} study)</summary>`, '', ...notes, '', '</details>', ''] : []),
    ...(misses.length ? ['Missed or not there yet:', '', ...misses.map((x) => `- ${x}`)] : ['Every figure meets its target.']),
  ].join('\n');
}

/** A warning when the machine was busy with other work while the bench ran, else null. */
export function busyNote(report: BenchReport): string | null {
  const results = Object.values(report.results).filter((r): r is SizeResult => !!r);
  const loads = results.flatMap((r) => [
    ...(r.load ? [r.load.start, r.load.end] : []),
    ...Object.values(r.measurements).flatMap((m) => (m.kind === 'value' && m.load ? [m.load.before, m.load.after] : [])),
  ]);
  if (loads.length === 0) return null;
  const worst = Math.max(...loads);
  const busyFigures = results.reduce((n, r) => n + Object.values(r.measurements).filter((m) => m.kind === 'value' && wasBusy(m.load, report.machine.cpus)).length, 0);
  if (worst < report.machine.cpus * BUSY_LOAD_PER_CORE && busyFigures === 0) return null;
  return (
    `The machine was busy while the bench ran (load average ${Math.min(...loads).toFixed(1)} to ${worst.toFixed(1)} on ${report.machine.cpus} cores` +
    `${busyFigures ? `; ${busyFigures === 1 ? 'the figure' : `${busyFigures} figures`} taken while busy ${busyFigures === 1 ? 'is' : 'are'} marked (busy)` : ''}): the times are slower than on an idle machine.`
  );
}

/** Replaces what stands between the markers in the README; adds a Performance section if it has none. */
export function rewriteReadme(readmePath: string, report: BenchReport): void {
  rewriteReadmeBetween(readmePath, README_START, README_END, markdownSection(report));
}

/** Puts `body` between two marker comments of the README: in place of what stood there, else at the end of the Performance section (or a new one). */
export function rewriteReadmeBetween(readmePath: string, startMarker: string, endMarker: string, body: string): void {
  const readme = fs.readFileSync(readmePath, 'utf8');
  const block = `${startMarker}\n${body}\n${endMarker}`;
  const start = readme.indexOf(startMarker);
  const end = readme.indexOf(endMarker);
  const after = readme.indexOf(README_END);
  const next =
    start >= 0 && end > start
      ? `${readme.slice(0, start)}${block}${readme.slice(end + endMarker.length)}`
      : after >= 0
        ? `${readme.slice(0, after + README_END.length)}\n\n${block}${readme.slice(after + README_END.length)}`
        : `${readme.trimEnd()}\n\n## Performance\n\n${block}\n`;
  fs.writeFileSync(readmePath, next);
}
