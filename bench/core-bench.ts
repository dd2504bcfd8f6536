import fs from 'node:fs';
import path from 'node:path';
import { isMethodName } from '../shared/api/contract';
import { Application } from '../electron/core/application';
import { computeCharacterAgreement, naiveCharacterAgreement } from '../electron/core/agreement/character-level';
import { computeUnitAgreement, naiveUnitAgreement } from '../electron/core/agreement/unit-agreement';
import { baselineImport } from '../electron/core/import/bench-support';
import { insertProject } from '../electron/core/repos/project-repo';
import { ProjectFile } from '../electron/core/store/project-file';
import { measureAgreementIntervals } from './agreement-bench';
import { agreementInputsFromStudy, syntheticAgreementInputs } from './agreement-input';
import { failed, skipped, unavailable, value, withLoad, type Measurement, type Measurements } from './figures';
import type { GeneratedStudy } from './generate-study';
import { underLoad } from './machine';
import { measureRefi, refiMeasurement } from './refi-bench';
import { median, percentile, processMemory, timeIt, type Timed } from './timing';

// The figures measured in plain Node, in a process of their own so its peak memory is theirs.
// Methods go through Application.dispatch, as the desktop and browser transports do; a method
// that is not in the contract yet gives "not available yet", never a made-up number.

export interface CoreBenchInput {
  readonly study: GeneratedStudy;
  /** A private copy of the study the bench may change. */
  readonly studyCopy: string;
  readonly workDir: string;
  readonly focusGroupFile: string;
  /** Measured runs per figure after one warm-up. */
  readonly runs: number;
  /** Run the naive references for the ratios (minutes at the huge size, so it leaves them out). */
  readonly naive: boolean;
  /** Figures left out at this size (they would take minutes). */
  readonly skip: readonly string[];
}

const SEARCH_QUERIES = ['handover', 'escalation', 'break', 'agency nurses', 'medication round', 'sluice', 'families', 'bleep', 'rota', 'trust'];

/** The figures this process reports, so a crash can mark each of them failed. */
export const CORE_FIGURES = [
  'open.core',
  'code.apply.core',
  'search.query',
  'agreement.unit.cold',
  'agreement.unit.warm',
  'agreement.character.cold',
  'agreement.character.warm',
  'agreement.scale',
  'agreement.intervals',
  'analysis.matrix.cold',
  'analysis.matrix.warm',
  'analysis.cooccurrence.cold',
  'analysis.cooccurrence.warm',
  'export.qdpx',
  'import.transcript',
  'import.qdpx',
  'memory.server.core',
] as const;

class MethodMissing extends Error {}

export class CoreBench {
  readonly app: Application;
  private readonly input: CoreBenchInput;

  constructor(input: CoreBenchInput) {
    this.input = input;
    this.app = new Application({
      platform: 'direct',
      version: 'bench',
      dialogs: null,
      projectsFolder: input.workDir,
      userDataFolder: path.join(input.workDir, 'user-data'),
    });
  }

  /** Calls a method of the contract by name; a method the contract does not have yet is reported as such. */
  async call<T>(method: string, params: unknown): Promise<T> {
    if (!isMethodName(method)) throw new MethodMissing(`the method ${method} is not in the contract yet`);
    const envelope = await this.app.dispatch(method, params);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message} [${envelope.error.code}]`);
    return envelope.result as T;
  }

  private get db() {
    return this.app.requireProject().db;
  }

  async run(log: (line: string) => void): Promise<Measurements> {
    const out: Measurements = {};
    out['open.core'] = await this.open();
    log(`  open.core: ${describe(out['open.core'])}`);
    const steps0: [string, () => Promise<Measurement>][] = [['code.apply.core', () => this.applyInCore()]];
    const steps: [string, () => Promise<Measurement>][] = [
      ['search.query', () => this.search()],
      ...(['cold', 'warm'] as const).flatMap((t): [string, () => Promise<Measurement>][] => [
        [`agreement.unit.${t}`, () => this.agreement('unit', t)],
        [`agreement.character.${t}`, () => this.agreement('character', t)],
      ]),
      ['agreement.scale', () => this.agreementAtScale()],
      ['agreement.intervals', () => (this.input.study.size === 'large' ? measureAgreementIntervals(this.input.runs) : Promise.resolve(skipped('measured with the large study')))],
      ...(['cold', 'warm'] as const).flatMap((t): [string, () => Promise<Measurement>][] => [
        [`analysis.matrix.${t}`, () => this.matrix(t)],
        [`analysis.cooccurrence.${t}`, () => this.cooccurrence(t)],
      ]),
      ['import.transcript', () => this.importTranscript()],
    ];
    for (const [id, step] of [...steps0, ...steps]) {
      const t0 = performance.now();
      if (this.input.skip.includes(id)) {
        out[id] = skipped('left out at this size to keep the run short (the large study measures it)');
        continue;
      }
      // Each figure with the load average before and after it: a busy machine marks it.
      const { result, load } = await underLoad(
        id,
        async () => {
          try {
            return await step();
          } catch (err) {
            return err instanceof MethodMissing ? unavailable(err.message) : failed(err);
          }
        },
        log,
      );
      out[id] = withLoad(result, load);
      log(`  ${id}: ${describe(out[id])} (${Math.round(performance.now() - t0)} ms)`);
    }
    // Last: importing a .qdpx opens the new project in place of the study.
    await this.refiFigures(out, log);
    this.app.closeProject();
    const memory = processMemory();
    out['memory.server.core'] = memory ? value(memory.peakMb, { note: 'VmHWM of the core process' }) : skipped('no /proc on this system');
    return out;
  }

  /** Both REFI-QDA figures at once: the import reads what the export wrote, and replaces the open study. */
  private async refiFigures(out: Measurements, log: (line: string) => void): Promise<void> {
    const ids = (['export.qdpx', 'import.qdpx'] as const).filter((id) => !this.input.skip.includes(id));
    for (const id of ['export.qdpx', 'import.qdpx'] as const) {
      if (!ids.includes(id)) out[id] = skipped('left out at this size to keep the run short (the large study measures it)');
    }
    if (ids.length === 0) return;
    const t0 = performance.now();
    try {
      const { result: figures, load } = await underLoad(
        'the REFI-QDA figures',
        () => measureRefi(this.app, (method, params) => this.call(method, params), this.input.workDir, this.input.runs, { withImport: ids.includes('import.qdpx') }, log),
        log,
      );
      // The spread over the runs goes with the median, as for every other figure.
      for (const f of figures) {
        const m = refiMeasurement(f);
        out[f.id] = m.kind === 'value' ? { ...m, runs: f.runs.map((r) => r.wallMs), load } : m;
      }
    } catch (err) {
      for (const id of ids) out[id] = failed(err);
    }
    for (const id of ids) log(`  ${id}: ${describe(out[id])} (${Math.round(performance.now() - t0)} ms, REFI-QDA figures together)`);
  }

  /** What the window asks for when a project opens, as the renderer's loadWorkspace does, timed in the core. */
  private async open(): Promise<Measurement> {
    const lap = async (work: () => Promise<unknown>) => {
      const t0 = performance.now();
      await work();
      return performance.now() - t0;
    };
    const opened = await lap(() => this.call('project.open', { path: this.input.studyCopy }));
    const lists = await lap(() =>
      Promise.all(['documents.list', 'documentGroups.list', 'participants.list', 'attributes.list', 'coders.list', 'codebook.list'].map((m) => this.call(m, {}))),
    );
    let codings = 0;
    const document = await lap(async () => {
      const detail = await this.call<{ codings: unknown[] }>('documents.get', { id: this.input.study.largestDocumentId });
      codings = detail.codings.length;
    });
    return value(opened + lists + document, {
      samples: 1,
      note: `project.open ${fmt(opened)} (checks and backs up the file), the lists ${fmt(lists)}, the longest transcript with ${codings.toLocaleString('en-US')} codings ${fmt(document)}`,
    });
  }

  /** The server's share of applying a code: the command as the window sends it, on units of the longest transcript. */
  private async applyInCore(): Promise<Measurement> {
    const [coderA] = this.input.study.coderIds;
    // Units from the middle of the transcript, away from those the window codes first.
    const all = this.db.prepare(`SELECT id FROM meaning_units WHERE document_id = ? ORDER BY start`).pluck().all(this.input.study.largestDocumentId) as string[];
    const units = all.slice(Math.floor(all.length / 2), Math.floor(all.length / 2) + 100);
    const codes = this.db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY sort, rowid LIMIT 9`).pluck().all() as string[];
    const taken = this.db.prepare(`SELECT code_id FROM codings WHERE unit_id = ? AND coder_id = ?`).pluck();
    const runs: number[] = [];
    for (const unitId of units) {
      const have = new Set(taken.all(unitId, coderA) as string[]);
      const codeId = codes.find((c) => !have.has(c));
      if (!codeId) continue;
      const t = await timeIt(() => this.call('codings.apply', { target: { unitIds: [unitId] }, codeIds: [codeId] }), { runs: 1, warmup: 0 });
      runs.push(t.ms);
    }
    if (runs.length === 0) throw new Error('no unit could take a new code');
    return value(percentile(runs, 95), { samples: runs.length, note: `${runs.length} applications through Application.dispatch (one recorded step each); p50 ${fmt(percentile(runs, 50))}` });
  }

  private async search(): Promise<Measurement> {
    const each: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (const query of SEARCH_QUERIES) {
      const t = await timeIt(() => this.call<{ hits: unknown[] }>('search.query', { query }), { runs: 3 });
      each.push(t.ms);
      cpu.push(t.cpuMs);
      hits += t.last.hits.length;
    }
    return value(median(each), {
      samples: SEARCH_QUERIES.length,
      runs: each,
      note: `the spread is over the ${SEARCH_QUERIES.length} queries (each the median of 3 runs); ${Math.round(hits / SEARCH_QUERIES.length)} hits per query on average (limit 200); CPU ${fmt(median(cpu))}`,
    });
  }

  private toggled: { unitId: string; codeId: string; applied: boolean } | null = null;

  /**
   * A change such as a coder makes between two looks at a view: applies one code to a unit of the
   * longest transcript, next time removes it again. The project's change counter moves, so every
   * view reads the project afresh on its next call (the caches key on it).
   */
  private async change(): Promise<void> {
    if (!this.toggled) {
      const unitId = this.db.prepare(`SELECT id FROM meaning_units WHERE document_id = ? ORDER BY start DESC LIMIT 1`).pluck().get(this.input.study.largestDocumentId) as string;
      const codeId = this.db
        .prepare(`SELECT id FROM codebook_nodes n WHERE level = 'code' AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = ? AND c.code_id = n.id) ORDER BY sort, rowid LIMIT 1`)
        .pluck()
        .get(unitId) as string;
      this.toggled = { unitId, codeId, applied: false };
    }
    const t = this.toggled;
    await this.call(t.applied ? 'codings.remove' : 'codings.apply', { target: { unitIds: [t.unitId] }, codeIds: [t.codeId] });
    t.applied = !t.applied;
  }

  /** Times a view cold (a change before every run, outside the timing) or warm (called again with nothing changed). */
  private view<T>(temperature: 'cold' | 'warm', work: () => Promise<T>): Promise<Timed<T>> {
    return timeIt(work, { runs: this.input.runs, ...(temperature === 'cold' ? { before: () => this.change() } : {}) });
  }

  /**
   * The figure is what the app does (the agreement.compute method: reading, computing, the report),
   * cold or warm; the ratio compares the computing alone with the naive loop over the same rows.
   */
  private async agreement(level: 'unit' | 'character', temperature: 'cold' | 'warm'): Promise<Measurement> {
    const [coderA, coderB] = this.input.study.coderIds;
    const load = await timeIt(() => agreementInputsFromStudy(this.db, coderA, coderB), { runs: 1 });
    const inputs = load.last;
    const fast = (): unknown => (level === 'unit' ? computeUnitAgreement(inputs.unit) : computeCharacterAgreement(inputs.character));
    const naive = (): unknown => (level === 'unit' ? naiveUnitAgreement(inputs.unit) : naiveCharacterAgreement(inputs.character));
    const computed = await timeIt(fast, { runs: this.input.runs });
    // The naive loop is slow by design: one run is enough for the ratio, and the cold figure alone takes it.
    const reference = this.input.naive && temperature === 'cold' ? await timeIt(naive, { runs: 1, warmup: 0 }) : null;
    this.naiveAgreement[level] = reference?.ms ?? this.naiveAgreement[level];
    const naiveMs = this.naiveAgreement[level];
    const size = `${inputs.unit.units.length.toLocaleString('en-US')} units × ${inputs.unit.codeIds.length} codes`;
    const split = `computing alone ${fmt(computed.ms)}${naiveMs !== undefined ? `, naive ${fmt(naiveMs)}` : ''}`;
    const app = await this.view(temperature, () => this.call('agreement.compute', { coderIds: [coderA, coderB], level: level === 'unit' ? 'unit' : 'char' }));
    return value(app.ms, {
      ratio: naiveMs !== undefined ? computed.ms / naiveMs : undefined,
      baseline: naiveMs,
      samples: app.runs.length,
      runs: app.runs,
      note: `${size}, agreement.compute with its breakdowns (CPU ${fmt(app.cpuMs)}); ${split}`,
    });
  }

  private readonly naiveAgreement: { unit?: number; character?: number } = {};

  private async agreementAtScale(): Promise<Measurement> {
    if (this.input.study.size !== 'large') return skipped('measured with the large study');
    const inputs = syntheticAgreementInputs(50_000, 300);
    const unit = await timeIt(() => computeUnitAgreement(inputs.unit), { runs: this.input.runs });
    const character = await timeIt(() => computeCharacterAgreement(inputs.character), { runs: this.input.runs });
    const naiveUnit = await timeIt(() => naiveUnitAgreement(inputs.unit), { runs: 1, warmup: 0 });
    const naiveCharacter = await timeIt(() => naiveCharacterAgreement(inputs.character), { runs: 1, warmup: 0 });
    // Run i of the figure is unit run i plus character run i.
    const runs = unit.runs.slice(0, character.runs.length).map((u, i) => u + character.runs[i]);
    return value(median(runs), {
      baseline: naiveUnit.ms + naiveCharacter.ms,
      ratio: median(runs) / (naiveUnit.ms + naiveCharacter.ms),
      samples: runs.length,
      runs,
      note: `in memory: unit ${fmt(unit.ms)} + character ${fmt(character.ms)} (CPU ${fmt(unit.cpuMs + character.cpuMs)}); naive ${fmt(naiveUnit.ms)} + ${fmt(naiveCharacter.ms)}`,
    });
  }

  private roleAttribute(): string {
    const id = this.db.prepare(`SELECT id FROM attributes WHERE name = 'Role'`).pluck().get() as string | undefined;
    if (!id) throw new Error('the study has no Role attribute');
    return id;
  }

  private async matrix(temperature: 'cold' | 'warm'): Promise<Measurement> {
    const params = { filter: { coder: 'all' }, level: 'code', columns: { kind: 'attribute', attributeId: this.roleAttribute() }, measure: 'units' };
    const t = await this.view(temperature, () => this.call<{ rows: unknown[]; columns: unknown[] }>('analysis.matrix', params));
    return value(t.ms, { samples: t.runs.length, runs: t.runs, note: `${t.last.rows.length} codes × ${t.last.columns.length} roles, both coders, units counted; CPU ${fmt(t.cpuMs)}` });
  }

  private async cooccurrence(temperature: 'cold' | 'warm'): Promise<Measurement> {
    const params = { filter: { coder: 'all' }, level: 'code', mode: 'unit' };
    const t = await this.view(temperature, () => this.call<{ nodes: unknown[]; cells: unknown[] }>('analysis.cooccurrence', params));
    return value(t.ms, { samples: t.runs.length, runs: t.runs, note: `${t.last.nodes.length} codes, ${t.last.cells.length} pairs, both coders; CPU ${fmt(t.cpuMs)}` });
  }

  private async importTranscript(): Promise<Measurement> {
    const file = this.input.focusGroupFile;
    // As the import dialog does: the preview (reading, speakers, lines), then the commit of that
    // preview with the speakers as suggested, one recorded step, through the app's methods.
    const importOnce = async () => {
      const { files } = await this.call<{ files: { ok: boolean; preview?: { previewId: string }; error?: { message: string } }[] }>('import.preview', { sources: [{ kind: 'path', path: file }] });
      const [outcome] = files;
      if (!outcome.ok || !outcome.preview) throw new Error(`import.preview: ${outcome.error?.message ?? 'no preview'}`);
      return this.call<{ turns: number; units: number }>('import.commit', { previewId: outcome.preview.previewId });
    };
    const t = await timeIt(importOnce, { runs: this.input.runs });
    // The bare minimum goes into an empty project of its own, as the import helper intends.
    const scratch = ProjectFile.create(path.join(this.input.workDir, 'baseline.condensa'), (db) => insertProject(db, 'baseline', 'Baseline', 'content-analysis'));
    try {
      const base = await timeIt(() => baselineImport(scratch.db, file), { runs: this.input.runs });
      return value(t.ms, {
        baseline: base.ms,
        samples: t.runs.length,
        runs: t.runs,
        note: `import.preview then import.commit of a ${mb(fs.statSync(file).size)} MB text, ${t.last.turns} turns, ${t.last.units} units into the study (CPU ${fmt(t.cpuMs)}); bare minimum ${fmt(base.ms)} (CPU ${fmt(base.cpuMs)})`,
      });
    } finally {
      scratch.close();
    }
  }
}

function fmt(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

function describe(m: Measurement): string {
  if (m.kind === 'value') return `${m.value.toFixed(1)}${m.baseline ? ` (baseline ${m.baseline.toFixed(1)})` : ''}`;
  return `${m.kind === 'unavailable' ? 'not available yet' : m.kind === 'skipped' ? 'skipped' : 'FAILED'}: ${m.reason}`;
}
