import type Database from 'better-sqlite3';
import type { ParsedParams } from '../../../shared/api/contract';
import type { AgreementReport, BinaryFigures, CharacterReport, MultiCoderReport, NodeFigures, PairReport, UnitizingReport } from '../../../shared/api/methods/agreement';
import { AppError } from '../../../shared/api/errors';
import { BOOTSTRAP_DRAWS, binaryAgreementFromCounts, plural, type BinaryAgreement, type BinaryOptions } from '../../../shared/domain/agreement';
import { DOCUMENT_SET_LABELS, UNIT_SET_LABELS, type AgreementLevel, type UnitSetMode } from '../../../shared/domain/agreement-options';
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
import { resolveScope, SCOPE_SOURCE_WORDS, uncodedDocuments } from './scope';
import { computeUnitAgreement, summarize, type CodeAgreement, type UnitPartition } from './unit-agreement';
import { computeUnitizingAgreement } from './unitizing-level';

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
  const codings = loadCodings(db, params.coderIds);
  const level = params.level ?? defaultLevel(codings);
  if (level === 'char' && params.unitSet !== undefined && params.unitSet !== 'all-units') {
    throw new AppError(
      'BAD_REQUEST',
      'At the character level every character of the documents in scope is a unit, so a set of meaning units does not apply. Leave the unit set out (on the command line, drop --unit-set), or compare at the unit level.',
    );
  }
  // Per document, every document in scope counts (one a coder left uncoded is "absent" there).
  const unitSet: UnitSetMode = params.unitSet ?? (level === 'unit' ? 'coded-by-any' : 'all-units');
  const documents = loadDocuments(db);
  const units = loadUnits(db);
  const nodes = loadNodes(db);
  const scope = resolveScope(db, coders, documents, { documents: params.documents, documentIds: params.documentIds });
  const inScope = new Set(scope.documentIds);
  const scopeUnits = units.filter((u) => inScope.has(u.documentId)).length;
  const scopeCharacters = documents.reduce((sum, d) => sum + (inScope.has(d.id) ? d.length : 0), 0);
  const coded = coders.map((c) => new Set(codings.filter((x) => x.coderId === c.id).map((x) => x.documentId)));
  const uncoded = uncodedDocuments(scope, coders, documents, coded);
  // Codings in a compared document the hand-out record says the coder never had cannot count.
  const notGivenWarnings = () =>
    coders.flatMap((c, k) => {
      const stray = scope.documentIds.filter((id) => coded[k].has(id) && !scope.given[k].has(id));
      return stray.length === 0
        ? []
        : [`${c.name} has codings in ${plural(stray.length, 'document')} the hand-out record says ${c.name} was not given (${stray.map((id) => documents.find((d) => d.id === id)?.title ?? '?').join('; ')}): they are left out, and ${c.name}’s values there count as missing.`];
    });
  // The level is said on screen when the app chose it, with how to change it.
  const chosen = params.level ? '' : level === 'document' ? ' (chosen because none of these coders’ codings is on a meaning unit; pick another level to change it)' : '';
  /** `compared` starts with "compared" and says what the units are. */
  const scopeReport = (compared: string): AgreementReport['scope'] => ({
    source: scope.source,
    documents: scope.documentIds.length,
    units: scopeUnits,
    characters: scopeCharacters,
    line: `Scope: ${SCOPE_SOURCE_WORDS[scope.source]}, ${plural(scope.documentIds.length, 'document')} (${plural(scopeUnits, 'meaning unit')}, ${plural(scopeCharacters, 'character')}); ${compared}${chosen}.`,
    uncoded,
    warnings: [...scopeWarnings(scope.documentIds.length), ...scope.warnings, ...uncodedWarnings(uncoded, scope.documentIds.length), ...notGivenWarnings()],
  });
  const used = new Set(codings.map((c) => c.codeId));
  const codeIds = nodes.filter((n) => n.level === 'code' || used.has(n.id)).map((n) => n.id);
  const nodeById = new Map(nodes.map((n) => [n.id, n] as const));
  const titleOf = new Map(documents.map((d) => [d.id, d.title] as const));
  const base = { coders, minPositiveUnits: params.minPositiveUnits, intervals: params.intervals, bootstrap: { seed: params.seed, draws: BOOTSTRAP_DRAWS } };
  const bootstrap = params.intervals ? { seed: params.seed, draws: BOOTSTRAP_DRAWS } : undefined;
  const docList = (ids: readonly string[]) => ids.map((id) => ({ id, title: titleOf.get(id) ?? '?' }));

  if (level === 'char') {
    const unitById = new Map(units.map((u) => [u.id, u] as const));
    const spans = codings.flatMap((c) => {
      const unit = c.unitId ? unitById.get(c.unitId) : undefined;
      const start = unit ? unit.start : c.start;
      const end = unit ? unit.end : c.end;
      return start === null || end === null ? [] : [{ documentId: c.documentId, codeId: c.codeId, coderId: c.coderId, start, end }];
    });
    // κ compares two coders at a time; uα takes any number, on the documents every one of them was given.
    const everyone = scope.documentIds.filter((id) => scope.given.every((g) => g.has(id)));
    const u = computeUnitizingAgreement({ documents, codeIds, codings: spans, coderIds: params.coderIds, documentIds: everyone, minPositiveUnits: params.minPositiveUnits, bootstrap });
    const unitizing: UnitizingReport = {
      characters: u.characters,
      unusedCodes: u.unusedCodeIds.length,
      overall: u.overall,
      codes: u.codes.map((c) => ({ nodeId: c.codeId, name: nodeById.get(c.codeId)?.name ?? '?', passages: c.passages, tooFewToJudge: c.tooFewToJudge, alpha: c.alpha, alphaInterval: c.alphaInterval })),
      bootstrap: bootstrap ? { ...bootstrap, documents: u.documentIds.length } : null,
    };
    const r =
      coders.length === 2
        ? computeCharacterAgreement({
            documents,
            codeIds,
            codings: spans,
            coderA: coders[0].id,
            coderB: coders[1].id,
            documentIds: scope.documentIds,
            minPositiveUnits: params.minPositiveUnits,
          })
        : null;
    const characters: CharacterReport | null = r && {
      characters: r.characters,
      unusedCodes: r.unusedCodeIds.length,
      overall: r.overall,
      codes: r.codes.map((c) => ({
        nodeId: c.codeId,
        name: nodeById.get(c.codeId)?.name ?? '?',
        passages: c.passages,
        tooFewToJudge: c.tooFewToJudge,
        percentAgreement: c.percentAgreement,
        pooled: c.pooled,
        mean: c.mean,
        weighted: c.weighted,
        documents: c.documents.map((d) => ({ documentId: d.documentId, title: titleOf.get(d.documentId) ?? '?', ...d.agreement })),
      })),
    };
    const compared = r ?? u;
    return {
      ...base,
      level: 'char',
      scope: scopeReport(`compared: every character (${plural(compared.characters, 'character')})`),
      unitSet: { mode: 'all-units', label: 'every character of the documents in scope', units: compared.characters, documents: docList(compared.documentIds) },
      notes: [
        ...(r ? characterNotes(r.documentIds.length, r.characters, r.unusedCodeIds.length, params.minPositiveUnits) : []),
        ...unitizingNotes(coders.length, u.documentIds.length, scope.documentIds.length, params.minPositiveUnits),
      ],
      pair: null,
      characters,
      multi: null,
      unitizing,
    };
  }

  // The document level is the unit level with each document as its one unit: a coder has a code
  // there when they applied it anywhere in the document, on a meaning unit or a free passage.
  const perDocument = level === 'document';
  const comparedUnits = perDocument ? documents.map((d) => ({ id: d.id, documentId: d.id, start: 0, end: d.length })) : units;
  const unitCodings = perDocument
    ? codings.map((c) => ({ unitId: c.documentId, codeId: c.codeId, coderId: c.coderId }))
    : codings.flatMap((c) => (c.unitId ? [{ unitId: c.unitId, codeId: c.codeId, coderId: c.coderId }] : []));
  const spanOnly = perDocument ? 0 : codings.length - unitCodings.length;
  const compared = (label: string, count: number) =>
    perDocument ? `compared per document: ${label} (${plural(count, 'document')}), a code counting as present where the coder applied it anywhere in the document` : `compared: ${label} (${plural(count, 'unit')})`;

  if (coders.length > 2) {
    const r = computeMultiCoderAgreement({
      units: comparedUnits,
      codeIds,
      codings: unitCodings,
      coderIds: params.coderIds,
      unitSet,
      documentIds: scope.documentIds,
      given: scope.given,
      minPositiveUnits: params.minPositiveUnits,
      bootstrap,
    });
    const multi: MultiCoderReport = {
      unitsRatedByAll: r.unitsRatedByAll,
      unusedCodes: r.unusedCodeIds.length,
      pooled: r.pooled,
      summaries: r.summaries,
      codes: r.codes.map((c) => ({ ...c, nodeId: c.codeId, name: nodeById.get(c.codeId)?.name ?? '?' })),
    };
    const label = perDocument ? DOCUMENT_SET_LABELS[unitSet] : multiUnitSetLabel(unitSet);
    const notes = multiNotes(coders.length, r.units, r.unitsRatedByAll, r.unusedCodeIds.length, params.minPositiveUnits, spanOnly);
    return {
      ...base,
      level,
      scope: scopeReport(compared(label, r.units)),
      unitSet: { mode: unitSet, label, units: r.units, documents: docList(r.documentIds) },
      notes: perDocument ? [documentNote(r.units), ...notes.slice(1)] : notes,
      pair: null,
      characters: null,
      multi,
      unitizing: null,
    };
  }

  const levels: readonly NodeInfo['level'][] = LEVELS_BY_METHOD[projectSettings(db).methodology].filter((l) => l !== 'code').reverse();
  const beneath = codesBeneath(nodes, new Set(codeIds));
  const groups = nodes.filter((n) => levels.includes(n.level)).map((n) => ({ id: n.id, codeIds: beneath.get(n.id) ?? [] }));
  const attributes = listAttributes(db);
  const r = computeUnitAgreement({
    units: comparedUnits,
    codeIds,
    codings: unitCodings,
    coderA: coders[0].id,
    coderB: coders[1].id,
    unitSet,
    documentIds: scope.documentIds,
    minPositiveUnits: params.minPositiveUnits,
    groups,
    // Per document, a document is one unit: slices by document or by speaker would hold a single decision.
    partitions: params.breakdowns && !perDocument ? attributePartitions(db, units, attributes.map((a) => a.id)) : [],
    byDocument: params.breakdowns && !perDocument,
    bootstrap,
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
    levels: levels.map((level) => levelReport(level, r.groups.filter((g) => nodeById.get(g.codeId)?.level === level), toNode, {
        minPositiveUnits: params.minPositiveUnits,
        bootstrap: bootstrap && { ...bootstrap, key: `level:${level}` },
      }),
    ),
    byDocument: r.byDocument.map((s) => ({ ...s, label: titleOf.get(s.key) ?? '?', pooled: figures(s.pooled) })),
    byAttribute: r.partitions.map((p) => ({
      attributeId: p.id,
      name: attributeName.get(p.id) ?? '?',
      slices: p.slices.map((s) => ({ ...s, label: s.key, pooled: figures(s.pooled) })),
    })),
  };
  const label = (perDocument ? DOCUMENT_SET_LABELS : UNIT_SET_LABELS)[unitSet];
  const notes = pairNotes(r.units, r.documentIds.length, r.unusedCodeIds.length, params.minPositiveUnits, r.pooled.units, levels, spanOnly);
  return {
    ...base,
    level,
    scope: scopeReport(compared(label, r.units)),
    unitSet: { mode: unitSet, label, units: r.units, documents: docList(r.documentIds) },
    notes: perDocument ? [documentNote(r.units), ...notes.slice(1)] : notes,
    pair,
    characters: null,
    multi: null,
    unitizing: null,
  };
}

/**
 * The level a comparison takes when none is asked for: meaning units where the coders coded any, else
 * (free passages only, as a REFI-QDA import brings them) whether each code occurs in each document.
 */
export function defaultLevel(codings: readonly { readonly unitId: string | null }[]): AgreementLevel {
  if (codings.some((c) => c.unitId !== null)) return 'unit';
  return codings.length > 0 ? 'document' : 'unit';
}

function documentNote(documents: number): string {
  return `Document level (code existence): each of the ${plural(documents, 'document')} compared is a unit. A code is present for a coder in a document when the coder applied it anywhere there (on a meaning unit or a free passage, however often); a document a coder left uncoded counts as “no code” for that coder.`;
}

function scopeWarnings(documents: number): string[] {
  return documents === 0
    ? ['No document is in scope, so there is nothing to compare: choose documents both coders were given (on the command line, --documents all or a list of document IDs).']
    : [];
}

/** Documents a coder left without a single coding: listed, never dropped, because they count as "no code". */
function uncodedWarnings(uncoded: AgreementReport['scope']['uncoded'], documents: number): string[] {
  return uncoded.map((u) =>
    u.documents.length === documents
      ? `${u.coderName} coded nothing in the ${plural(documents, 'document')} in scope: every unit there counts as “no code” for ${u.coderName}, so κ is 0 or undefined for every code. Check that this coder’s work was merged.`
      : `${u.coderName} coded nothing in ${u.documents.length} of the ${plural(documents, 'document')} in scope (${u.documents.map((d) => d.title).join('; ')}): every unit there counts as “no code” for ${u.coderName}.`,
  );
}

function figures(a: BinaryAgreement): BinaryFigures {
  return a;
}

function levelReport(level: NodeInfo['level'], groups: readonly CodeAgreement[], toNode: (c: CodeAgreement) => NodeFigures, options: BinaryOptions) {
  const usedGroups = groups.filter((g) => g.agreement.positiveUnits > 0);
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  for (const g of usedGroups) {
    pooled.both += g.agreement.both;
    pooled.onlyA += g.agreement.onlyA;
    pooled.onlyB += g.agreement.onlyB;
    pooled.neither += g.agreement.neither;
  }
  return { level, nodes: usedGroups.map(toNode), pooled: figures(binaryAgreementFromCounts(pooled, options)), summaries: summarize(usedGroups) };
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
    `Unit set: ${plural(units, 'meaning unit')} in ${plural(docs, 'document')}. Each code is a present/absent decision on each unit; a unit a coder left uncoded counts as “no code” for that coder.`,
    `Computed on the coders’ own codings, before any resolution; the consensus is never part of it.`,
    `Codes neither coder applied in these units carry no information and are left out (${unused}).`,
    `Pooled: one 2×2 table summed over all ${plural(decisions, 'unit × code decision')}; pooled α is Krippendorff’s α (nominal) on that table.`,
    `Mean, median and range: over the per-code values that are reported; each mean says how many values it averages. κ and α of a code with fewer than ${plural(minPositive, 'positive unit')} are withheld (shown on request); “undefined” means there is no value at all (no variation).`,
    'Where nearly every unit has a code (or nearly none), κ and α can be low even when the coders almost always agree (the prevalence paradox): read AC1, PABAK and positive agreement alongside them.',
  ];
  if (levels.length > 0) {
    notes.push(`${levels.map((l) => NODE_LEVEL_LABELS[l]).join(', ')}: a unit has the node when either coder applied any code beneath it.`);
  }
  if (spanOnly > 0) notes.push(`${plural(spanOnly, 'coding')} on free spans (not on meaning units) ${spanOnly === 1 ? 'is' : 'are'} compared at the character level only.`);
  return notes;
}

function characterNotes(docs: number, characters: number, unused: number, minPositive: number): string[] {
  return [
    `Character level (NVivo-compatible): every character of the ${plural(docs, 'document')} in scope (${plural(characters, 'character')}, counted in UTF-16 code units as the app stores text) is a unit; uncoded text counts as agreement; each coder’s own overlapping spans are merged first. A coding of a meaning unit covers the unit’s characters.`,
    'Pooled κ: κ of the code × document tables added cell by cell. Mean κ: the plain mean of the per-table κ. Size-weighted κ: the mean weighted by document length. Tables whose κ is undefined (the code absent from the document for both coders) are left out of the means and counted.',
    `κ of a code with fewer than ${plural(minPositive, 'coded passage')} (stretches of text either coder coded with it) is withheld (shown on request), as at the unit level.`,
    `Codes neither coder applied in these documents are left out (${unused}).`,
  ];
}

function unitizingNotes(coders: number, docs: number, scopeDocs: number, minPositive: number): string[] {
  const notes = [
    `Unitizing (Krippendorff’s uα): each coder’s coded passages are units on the text of the ${plural(docs, 'document')} ${coders === 2 ? 'both coders were' : `all ${coders} coders were`} given, read end to end; uncoded text is gap. uα of a code weighs how far the coders’ passages of it lie from one another’s, start and end, against chance (Krippendorff 2004); over all codes it sums those disagreements. |uα asks only whether text is coded at all, cuα which code the coders gave where their coded passages overlap (Krippendorff, Mathet, Bouvry & Widlöcher 2016). Uncoded text counts as agreement in uα and |uα, not in cuα.`,
    `uα of a code with fewer than ${plural(minPositive, 'coded passage')} is withheld (shown on request); “undefined” means there is no value at all (no coder coded with it, or every coder coded all the text).`,
  ];
  if (docs < scopeDocs) notes.push(`${plural(scopeDocs - docs, 'document')} in scope ${scopeDocs - docs === 1 ? 'was' : 'were'} not given to every coder and ${scopeDocs - docs === 1 ? 'is' : 'are'} left out of uα.`);
  return notes;
}

function multiUnitSetLabel(mode: UnitSetMode): string {
  if (mode === 'coded-by-all') return 'units every chosen coder coded at least once';
  if (mode === 'all-units') return 'every meaning unit of the compared documents';
  return 'units coded by at least one of the coders';
}

function multiNotes(coders: number, units: number, allRated: number, unused: number, minPositive: number, spanOnly: number): string[] {
  const notes = [
    `${coders} coders, ${plural(units, 'meaning unit')}. A coder given a document who did not apply a code to a unit there counts as “absent”; a coder’s value is missing only for the units of documents they were not given.`,
    `Krippendorff’s α (nominal) uses every unit with two or more values. Fleiss’ κ needs every unit rated by everyone, so it uses the ${plural(allRated, 'unit')} all ${coders} coders rated.`,
    `Pooled: over all unit × code decisions. Codes no coder applied are left out (${unused}); κ and α of codes with fewer than ${plural(minPositive, 'positive unit')} are withheld (shown on request).`,
  ];
  if (spanOnly > 0) notes.push(`${plural(spanOnly, 'coding')} on free spans ${spanOnly === 1 ? 'is' : 'are'} not part of unit-level agreement.`);
  return notes;
}
