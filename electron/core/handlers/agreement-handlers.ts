import { randomUUID } from 'node:crypto';
import type { agreementMethods } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import { decisionText } from '../../../shared/domain/agreement-options';
import { discrepancyTable, resolutionTable, writeTable } from '../agreement/agreement-export';
import { assertComparisonOpen, computeAgreementReport } from '../agreement/agreement-service';
import { codingsForView, consensusCodesFor, consensusSpansFor, findConsensusCoder, rebuildConsensus } from '../agreement/consensus';
import { comparePair, discrepancyDetail, discrepancyList, findDiscrepancy, listResolutions, resolutionsByKey } from '../agreement/discrepancies';
import type { HandlerMap } from '../handler-types';
import { getCoder, listCoders } from '../repos/coders-repo';
import { projectSettings, readSetting, updateProjectSettings, writeSetting } from '../repos/project-repo';
import { nowIso, stmt } from '../store/statements';

const REVEALED_AT = 'comparison.revealedAt';
const REVEALED_BY = 'comparison.revealedBy';

export const agreementHandlers: HandlerMap<keyof typeof agreementMethods> = {
  'agreement.status': (_p, { project }) => {
    const db = project.db;
    const settings = projectSettings(db);
    const counts = new Map(
      (stmt(db, `SELECT coder_id AS id, count(*) AS n FROM codings GROUP BY coder_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n] as const),
    );
    const coders = listCoders(db)
      .filter((c) => c.role !== 'consensus')
      .map((c) => ({ ...c, codings: counts.get(c.id) ?? 0 }));
    const ranked = coders.filter((c) => c.codings > 0).sort((x, y) => Number(y.role === 'coder') - Number(x.role === 'coder') || y.codings - x.codings);
    return {
      blind: settings.blind,
      agreementEnabled: settings.agreementEnabled,
      revealedAt: readSetting(db, REVEALED_AT),
      revealedBy: readSetting(db, REVEALED_BY),
      consensusCoderId: findConsensusCoder(db),
      coders,
      defaultPair: ranked.length >= 2 ? [ranked[0].id, ranked[1].id] : null,
    };
  },
  'agreement.reveal': (_p, ctx) => {
    const db = ctx.project.db;
    if (projectSettings(db).blind) {
      const who = ctx.project.currentCoderId ? getCoder(db, ctx.project.currentCoderId).name : 'someone who had not chosen a coder';
      ctx.write('Open the comparison (ends blind coding)', () => {
        updateProjectSettings(db, { blind: false });
        writeSetting(db, REVEALED_AT, nowIso());
        writeSetting(db, REVEALED_BY, who);
      });
    }
    return ctx.project.summary();
  },
  'agreement.compute': (params, { project }) => computeAgreementReport(project.db, params),
  'agreement.discrepancies': (filter, { project }) => {
    assertComparisonOpen(project.db);
    return discrepancyList(project.db, filter);
  },
  'agreement.discrepancy': ({ coderAId, coderBId, key }, { project }) => {
    assertComparisonOpen(project.db);
    return discrepancyDetail(project.db, coderAId, coderBId, key);
  },
  'agreement.exportDiscrepancies': async ({ path, format, overwrite, ...filter }, { app, project }) => {
    assertComparisonOpen(project.db);
    const list = discrepancyList(project.db, filter);
    const written = await writeTable(discrepancyTable(list.items, list.coderA.name, list.coderB.name), app.resolveProjectPath(path), format, { overwrite });
    return { path: written, rows: list.items.length };
  },

  'resolutions.decide': ({ coderAId, coderBId, key, decision, otherCodeId, rationale }, ctx) => {
    const db = ctx.project.db;
    assertComparisonOpen(db);
    const resolverId = ctx.project.requireCoder();
    if (getCoder(db, resolverId).role === 'consensus') throw new AppError('BAD_REQUEST', 'Choose the person who is resolving (click the coder in the status bar).');
    if (decision === 'other-code' && !otherCodeId) throw new AppError('BAD_REQUEST', 'Choose the code to apply instead (“Another code”).');
    if (otherCodeId && !stmt(db, `SELECT 1 FROM codebook_nodes WHERE id = ?`).get(otherCodeId)) {
      throw new AppError('NOT_FOUND', 'That code is not in the codebook (it may have been deleted). Choose another.');
    }
    const cmp = comparePair(db, coderAId, coderBId);
    const core = findDiscrepancy(cmp, key);
    const firstCode = [...core.codesA.filter((c) => !core.common.includes(c)), ...core.codesB.filter((c) => !core.common.includes(c))][0] ?? core.codesA[0] ?? core.codesB[0] ?? null;
    const consensusStarted = findConsensusCoder(db) !== null;
    const id = randomUUID();
    const now = nowIso();
    ctx.write(`Resolve a discrepancy: ${decisionText(decision, cmp.coderA.name, cmp.coderB.name)}`, () => {
      stmt(
        db,
        `INSERT INTO resolutions (id, document_id, unit_id, start, "end", code_id, discrepancy_type, decision, other_code_id, rationale, coder_a_id, coder_b_id, resolver_id, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        core.documentId,
        core.unitId,
        core.unitId ? null : core.start,
        core.unitId ? null : core.end,
        firstCode,
        core.type,
        decision,
        otherCodeId ?? null,
        rationale,
        coderAId,
        coderBId,
        resolverId,
        now,
      );
      if (decision === 'change-codebook') noteCodebookChange(db, core, rationale, resolverId, now);
      // The first decision also brings in everything the coders agreed on; later ones touch only their unit or stretch.
      const scope = consensusStarted ? (core.unitId ? { unitId: core.unitId } : { documentId: core.documentId, start: core.start, end: core.end }) : null;
      rebuildConsensus(db, cmp, resolutionsByKey(db, coderAId, coderBId), scope);
    });
    const decided = resolutionsByKey(db, coderAId, coderBId).get(key) ?? [];
    const resolution = decided[decided.length - 1];
    const codes = core.unitId ? consensusCodesFor(core, resolution, coderAId) : [...new Set(consensusSpansFor(core, resolution, coderAId).map((s) => s.codeId))];
    return {
      resolution,
      consensus: codes.map((c) => {
        const n = cmp.nodes.get(c);
        return { id: c, name: n?.name ?? '?', colour: n?.colour ?? '#888888' };
      }),
    };
  },
  'resolutions.list': ({ coderAId, coderBId }, { project }) => listResolutions(project.db, coderAId, coderBId),
  'resolutions.export': async ({ coderAId, coderBId, path, format, overwrite }, { app, project }) => {
    const rows = listResolutions(project.db, coderAId, coderBId);
    return { path: await writeTable(resolutionTable(rows), app.resolveProjectPath(path), format, { overwrite }), rows: rows.length };
  },

  'consensus.rebuild': ({ coderAId, coderBId }, ctx) => {
    const db = ctx.project.db;
    assertComparisonOpen(db);
    const cmp = comparePair(db, coderAId, coderBId);
    return ctx.write(
      (r) => `Update the consensus (${r.added} added, ${r.removed} removed)`,
      () => rebuildConsensus(db, cmp, resolutionsByKey(db, coderAId, coderBId)),
    );
  },
  'consensus.codings': ({ documentId, coderView }, { project }) => codingsForView(project.db, coderView, documentId, project.visibleCoderId),
};

/** A decision to change the codebook leaves a memo on every code involved, so the change is not forgotten. */
function noteCodebookChange(db: import('better-sqlite3').Database, core: { codesA: readonly string[]; codesB: readonly string[] }, rationale: string, authorId: string, now: string): void {
  for (const codeId of new Set([...core.codesA, ...core.codesB])) {
    stmt(db, `INSERT INTO memos (id, target_type, target_id, title, body, author_id, created_at, updated_at) VALUES (?, 'node', ?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      codeId,
      'Codebook change decided in a resolution',
      rationale,
      authorId,
      now,
      now,
    );
  }
}
