import type Database from 'better-sqlite3';
import type { ParsedParams } from '../../../shared/api/contract';
import type { AgreementReport, BinaryFigures, CharacterReport, MultiCoderReport, NodeFigures, PairReport } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import { binaryAgreementFromCounts, type BinaryAgreement } from '../../../shared/domain/agreement';
import { UNIT_SET_LABELS } from '../../../shared/domain/agreement-options';
import { LEVELS_BY_METHOD, NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { listAttributes } from '../repos/participants-repo';
import { projectSettings } from '../repos/project-repo';
import { stmt } from '../store/statements';
import { computeCharacterAgreement } from './character-level';
import {
  codesBeneath,
  loadCodings,
  loadDocuments,
  loadNodes,
  loadTurns,
  loadUnits,
  requireComparableCoders,
  turnOfUnits,
  type NodeInfo,
  type UnitInfo,
} from './comparison-data';
import { computeMultiCoderAgreement } from './multi-coder-agreement';
import { computeUnitAgreement, summarize, type CodeAgreement, type UnitPartition } from './unit-agreement';

export type AgreementParams = ParsedParams<'agreement.compute'>;

/** Blind coding hides the other coders' work, and every comparison shows it. */
export function assertComparisonOpen(db: Database.Database): void {
  if (projectSettings(db).blind) {
    throw new AppError(
      'BLIND_CODING',
      'Blind coding is on, so the coders’ work cannot be compared yet. Open the Compare tab and confirm: that ends blind coding for everyone using this file.',
    );
  }
}

export function assertAgreementEnabled(db: Database.Database): void {
  if (!projectSettings(db).agreementEnabled) {
    throw new AppError(
      'AGREEMENT_OFF',
      'Agreement statistics are turned off for this project (Project settings › Agreement). The discrepancy list and the consensus still work.',
    );
  }
}

export function computeAgreementReport(db: Database.Database, params: AgreementParams): AgreementReport {
  assertAgreementEnabled(db);
  assertComparisonOpen(db);
  const coders = requireComparableCoders(db, params.coderIds);
  if (params.level === 'char' && coders.length !== 2) {
    throw new AppError('BAD_REQUEST', 'Character-level agreement compares two coders at a time. Choose two coders, or the unit level for three or more.');
  }
  const documents = loadDocuments(db);
  const units = loadUnits(db);
  const nodes = loadNodes(db);
  const codings = loadCodings(db, params.coderIds);
  const used = new Set(codings.map((c) => c.codeId));
  const codeIds = nodes.filter((n) => n.level === 'code' || used.has(n.id)).map((n) => n.id);
  const nodeById = new Map(nodes.map((n) => [n.id, n] as const));
  const titleOf = new Map(documents.map((d) => [d.id, d.title] as const));
  const base = { coders, minPositiveUnits: params.minPositiveUnits };

  if (params.level === 'char') {
    const unitById = new Map(units.map((u) => [u.id, u] as const));
    const spans = codings.flatMap((c) => {
      const unit = c.unitId ? unitById.get(c.unitId) : undefined;
      const start = unit ? unit.start : c.start;
      const end = unit ? unit.end : c.end;
      return start === null || end === null ? [] : [{ documentId: c.documentId, codeId: c.codeId, coderId: c.coderId, start, end }];
    });
    const r = computeCharacterAgreement({ documents, codeIds, codings: spans, coderA: coders[0].id, coderB: coders[1].id, documentIds: params.documentIds });
    const characters: CharacterReport = {
      characters: r.characters,
      unusedCodes: r.unusedCodeIds.length,
      overall: r.overall,
      codes: r.codes.map((c) => ({
        nodeId: c.codeId,
        name: nodeById.get(c.codeId)?.name ?? '?',
        percentAgreement: c.percentAgreement,
        pooled: c.pooled,
        mean: c.mean,
        weighted: c.weighted,
        documents: c.documents.map((d) => ({ documentId: d.documentId, title: titleOf.get(d.documentId) ?? '?', ...d.agreement })),
      })),
    };
    return {
      ...base,
      level: 'char',
      unitSet: { mode: params.unitSet, label: 'every character of the compared documents', units: r.characters, documents: r.documentIds.map((id) => ({ id, title: titleOf.get(id) ?? '?' })) },
      notes: characterNotes(r.documentIds.length, r.characters, r.unusedCodeIds.length),
      pair: null,
      characters,
      multi: null,
    };
  }

  const unitCodings = codings.flatMap((c) => (c.unitId ? [{ unitId: c.unitId, codeId: c.codeId, coderId: c.coderId }] : []));
  const spanOnly = codings.length - unitCodings.length;

  if (coders.length > 2) {
    const r = computeMultiCoderAgreement({
      units,
      codeIds,
      codings: unitCodings,
      coderIds: params.coderIds,
      unitSet: params.unitSet,
      documentIds: params.documentIds,
      minPositiveUnits: params.minPositiveUnits,
    });
    const multi: MultiCoderReport = {
      unitsRatedByAll: r.unitsRatedByAll,
      unusedCodes: r.unusedCodeIds.length,
      pooled: r.pooled,
      summaries: r.summaries,
      codes: r.codes.map((c) => ({ ...c, nodeId: c.codeId, name: nodeById.get(c.codeId)?.name ?? '?' })),
    };
    return {
      ...base,
      level: 'unit',
      unitSet: { mode: params.unitSet, label: multiUnitSetLabel(params.unitSet), units: r.units, documents: r.documentIds.map((id) => ({ id, title: titleOf.get(id) ?? '?' })) },
      notes: multiNotes(coders.length, r.units, r.unitsRatedByAll, r.unusedCodeIds.length, params.minPositiveUnits, spanOnly),
      pair: null,
      characters: null,
      multi,
    };
  }

  const levels: readonly NodeInfo['level'][] = LEVELS_BY_METHOD[projectSettings(db).methodology].filter((l) => l !== 'code').reverse();
  const beneath = codesBeneath(nodes, new Set(codeIds));
  const groups = nodes.filter((n) => levels.includes(n.level)).map((n) => ({ id: n.id, codeIds: beneath.get(n.id) ?? [] }));
  const attributes = listAttributes(db);
  const r = computeUnitAgreement({
    units,
    codeIds,
    codings: unitCodings,
    coderA: coders[0].id,
    coderB: coders[1].id,
    unitSet: params.unitSet,
    documentIds: params.documentIds,
    minPositiveUnits: params.minPositiveUnits,
    groups,
    partitions: params.breakdowns ? attributePartitions(db, units, attributes.map((a) => a.id)) : [],
    byDocument: params.breakdowns,
  });
  const toNode = (c: CodeAgreement): NodeFigures => {
    const n = nodeById.get(c.codeId);
    return { nodeId: c.codeId, name: n?.name ?? '?', level: n?.level ?? 'code', figures: figures(c.agreement) };
  };
  const attributeName = new Map(attributes.map((a) => [a.id, a.name] as const));
  const pair: PairReport = {
    codes: r.codes.map(toNode),
    unusedCodes: r.unusedCodeIds.length,
    pooled: figures(r.pooled),
    summaries: r.summaries,
    levels: levels.map((level) => levelReport(level, r.groups.filter((g) => nodeById.get(g.codeId)?.level === level), toNode, params.minPositiveUnits)),
    byDocument: r.byDocument.map((s) => ({ ...s, label: titleOf.get(s.key) ?? '?', pooled: figures(s.pooled) })),
    byAttribute: r.partitions.map((p) => ({
      attributeId: p.id,
      name: attributeName.get(p.id) ?? '?',
      slices: p.slices.map((s) => ({ ...s, label: s.key, pooled: figures(s.pooled) })),
    })),
  };
  return {
    ...base,
    level: 'unit',
    unitSet: { mode: params.unitSet, label: UNIT_SET_LABELS[params.unitSet], units: r.units, documents: r.documentIds.map((id) => ({ id, title: titleOf.get(id) ?? '?' })) },
    notes: pairNotes(r.units, r.documentIds.length, r.unusedCodeIds.length, params.minPositiveUnits, r.pooled.units, levels, spanOnly),
    pair,
    characters: null,
    multi: null,
  };
}

function figures(a: BinaryAgreement): BinaryFigures {
  return a;
}

function levelReport(level: NodeInfo['level'], groups: readonly CodeAgreement[], toNode: (c: CodeAgreement) => NodeFigures, minPositiveUnits: number) {
  const usedGroups = groups.filter((g) => g.agreement.positiveUnits > 0);
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const g of usedGroups) {
    pooled.both += g.agreement.both;
    pooled.onlyA += g.agreement.onlyA;
    pooled.onlyB += g.agreement.onlyB;
    pooled.neither += g.agreement.neither;
  }
  return { level, nodes: usedGroups.map(toNode), pooled: figures(binaryAgreementFromCounts(pooled, { minPositiveUnits })), summaries: summarize(usedGroups) };
}

/** For each attribute: unit → the value its speaker has (units of speakers without a value fall out). */
function attributePartitions(db: Database.Database, units: readonly UnitInfo[], attributeIds: readonly string[]): UnitPartition[] {
  if (attributeIds.length === 0) return [];
  const turnOf = turnOfUnits(units, loadTurns(db));
  const values = stmt(db, `SELECT participant_id AS p, attribute_id AS a, value FROM participant_values`).all() as { p: string; a: string; value: string }[];
  const valueOf = new Map(values.map((v) => [`${v.p}|${v.a}`, v.value] as const));
  return attributeIds.map((attributeId) => {
    const keyOfUnit = new Map<string, string>();
    for (const u of units) {
      const participant = turnOf.get(u.id)?.participantId;
      const value = participant ? valueOf.get(`${participant}|${attributeId}`) : undefined;
      if (value !== undefined && value !== '') keyOfUnit.set(u.id, value);
    }
    return { id: attributeId, keyOfUnit };
  });
}

function pairNotes(units: number, docs: number, unused: number, minPositive: number, decisions: number, levels: readonly NodeInfo['level'][], spanOnly: number): string[] {
  const notes = [
    `Unit set: ${units} meaning units in ${docs} document${docs === 1 ? '' : 's'}. Each code is a present/absent decision on each unit.`,
    `Computed on the coders’ own codings, before any resolution; the consensus is never part of it.`,
    `Codes neither coder applied in these units carry no information and are left out (${unused}).`,
    `Pooled: one 2×2 table summed over all ${decisions} unit × code decisions; pooled α is Krippendorff’s α (nominal) on that table.`,
    `Mean, median and range: over the per-code values that are defined. Codes with fewer than ${minPositive} positive units are flagged “too few to judge” and have no κ or α.`,
    'Where nearly every unit has a code (or nearly none), κ and α can be low even when the coders almost always agree (the prevalence paradox): read AC1, PABAK and positive agreement alongside them.',
  ];
  if (levels.length > 0) {
    notes.push(`${levels.map((l) => NODE_LEVEL_LABELS[l]).join(', ')}: a unit has the node when either coder applied any code beneath it.`);
  }
  if (spanOnly > 0) notes.push(`${spanOnly} codings on free spans (not on meaning units) are compared at the character level only.`);
  return notes;
}

function characterNotes(docs: number, characters: number, unused: number): string[] {
  return [
    `Character level (NVivo-compatible): every character of the ${docs} compared document${docs === 1 ? '' : 's'} (${characters} characters) is a unit; uncoded text counts as agreement; each coder’s own overlapping spans are merged first. A coding of a meaning unit covers the unit’s characters.`,
    'Pooled κ: κ of the code × document tables added cell by cell. Mean κ: the plain mean of the per-table κ. Size-weighted κ: the mean weighted by document length. Tables whose κ is undefined (the code absent from the document for both coders) are left out of the means and counted.',
    `Codes neither coder applied in these documents are left out (${unused}).`,
  ];
}

function multiUnitSetLabel(mode: AgreementParams['unitSet']): string {
  if (mode === 'coded-by-all') return 'units every chosen coder coded at least once';
  if (mode === 'all-units') return 'every meaning unit of the compared documents';
  return 'units coded by at least one of the coders, in documents at least two of them worked on';
}

function multiNotes(coders: number, units: number, allRated: number, unused: number, minPositive: number, spanOnly: number): string[] {
  const notes = [
    `${coders} coders, ${units} meaning units. A coder’s value is missing (not “absent”) for the units of documents they did not code in.`,
    `Krippendorff’s α (nominal) uses every unit with two or more values. Fleiss’ κ needs every unit rated by everyone, so it uses the ${allRated} units all ${coders} coders rated.`,
    `Pooled: over all unit × code decisions. Codes neither coder applied are left out (${unused}); codes with fewer than ${minPositive} positive units are flagged “too few to judge”.`,
  ];
  if (spanOnly > 0) notes.push(`${spanOnly} codings on free spans are not part of unit-level agreement.`);
  return notes;
}
