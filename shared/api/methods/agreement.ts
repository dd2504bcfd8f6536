import { z } from 'zod';
import { filePath } from '../file-paths';
import { DEFAULT_BOOTSTRAP_SEED } from '../../domain/agreement/alpha-bootstrap';
import { AGREEMENT_LEVELS, DISCREPANCY_TYPES, UNIT_SET_MODES } from '../../domain/agreement-options';
import { RESOLUTION_DECISIONS } from '../../domain/vocabulary';
import { Coder, Coding, Id, NodeLevel, Overwrite, ProjectSummary } from '../entities';
import { command, query } from '../method';

// A statistic that may be undefined carries its reason (see shared/domain/agreement/result.ts).
// A withheld value (too few positive units) keeps the number it would have had in `withheld`.
export const StatValue = z.union([z.object({ value: z.number() }), z.object({ value: z.null(), reason: z.string(), withheld: z.number().nullable().optional() })]);
export type StatValue = z.infer<typeof StatValue>;

export const StatSummary = z.object({
  count: z.number(),
  /** Values left out of mean, median and range: withheld ones and undefined ones. */
  undefinedCount: z.number(),
  withheldCount: z.number(),
  mean: StatValue,
  median: StatValue,
  min: StatValue,
  max: StatValue,
});
export type StatSummary = z.infer<typeof StatSummary>;

export const KappaInterval = z.object({ se: z.number(), low: z.number(), high: z.number() });

/** 95 % bootstrap interval of α (Hayes & Krippendorff 2007) and q: the share of draws below .667 and below .800. */
export const AlphaInterval = z.object({ low: z.number(), high: z.number(), below667: z.number(), below800: z.number() });
export type AlphaInterval = z.infer<typeof AlphaInterval>;

export const BinaryFigures = z.object({
  both: z.number(),
  onlyA: z.number(),
  onlyB: z.number(),
  neither: z.number(),
  units: z.number(),
  positiveUnits: z.number(),
  tooFewToJudge: z.boolean(),
  percentAgreement: StatValue,
  kappa: StatValue,
  alpha: StatValue,
  ac1: StatValue,
  pabak: StatValue,
  positiveAgreement: StatValue,
  /** κ ± 1.96 large-sample SE (Fleiss, Cohen & Everitt 1969); null where κ is withheld or undefined. */
  kappaInterval: KappaInterval.nullable(),
  /** Present when intervals were asked for; null where α is withheld or undefined. */
  alphaInterval: AlphaInterval.nullable(),
});
export type BinaryFigures = z.infer<typeof BinaryFigures>;

export const FigureSummaries = z.object({
  kappa: StatSummary,
  alpha: StatSummary,
  percentAgreement: StatSummary,
  ac1: StatSummary,
  pabak: StatSummary,
  positiveAgreement: StatSummary,
});
export type FigureSummaries = z.infer<typeof FigureSummaries>;

export const NodeFigures = z.object({ nodeId: Id, name: z.string(), level: NodeLevel, figures: BinaryFigures });
export type NodeFigures = z.infer<typeof NodeFigures>;

export const SliceFigures = z.object({ key: z.string(), label: z.string(), units: z.number(), pooled: BinaryFigures, kappa: StatSummary });
export type SliceFigures = z.infer<typeof SliceFigures>;

export const AggregatedKappa = z.object({
  method: z.enum(['mean', 'weighted-mean', 'pooled']),
  kappa: StatValue,
  tables: z.number(),
  excludedTables: z.number(),
  /** κ ± 1.96 SE (pooled: the pooled table's; a mean: the tables' SEs combined); null where κ is withheld or undefined. */
  kappaInterval: KappaInterval.nullable(),
});
export type AggregatedKappa = z.infer<typeof AggregatedKappa>;

export const PairReport = z.object({
  codes: z.array(NodeFigures),
  unusedCodes: z.number(),
  pooled: BinaryFigures,
  summaries: FigureSummaries,
  /** The levels above codes (subcategory, category, theme…): a unit has a node when any code beneath it is applied. */
  levels: z.array(z.object({ level: NodeLevel, nodes: z.array(NodeFigures), pooled: BinaryFigures, summaries: FigureSummaries })),
  byDocument: z.array(SliceFigures),
  byAttribute: z.array(z.object({ attributeId: Id, name: z.string(), slices: z.array(SliceFigures) })),
});
export type PairReport = z.infer<typeof PairReport>;

export const CharacterReport = z.object({
  characters: z.number(),
  codes: z.array(
    z.object({
      nodeId: Id,
      name: z.string(),
      /** Stretches of text either coder coded with the code: the character level's positive units. */
      passages: z.number(),
      tooFewToJudge: z.boolean(),
      documents: z.array(
        z.object({
          documentId: Id,
          title: z.string(),
          length: z.number(),
          both: z.number(),
          onlyA: z.number(),
          onlyB: z.number(),
          neither: z.number(),
          percentAgreement: StatValue,
          kappa: StatValue,
        }),
      ),
      percentAgreement: StatValue,
      pooled: AggregatedKappa,
      mean: AggregatedKappa,
      weighted: AggregatedKappa,
    }),
  ),
  unusedCodes: z.number(),
  overall: z.object({ percentAgreement: StatValue, pooled: AggregatedKappa, mean: AggregatedKappa, weighted: AggregatedKappa }),
});
export type CharacterReport = z.infer<typeof CharacterReport>;

export const MultiCoderReport = z.object({
  unitsRatedByAll: z.number(),
  codes: z.array(
    z.object({
      nodeId: Id,
      name: z.string(),
      positiveUnits: z.number(),
      tooFewToJudge: z.boolean(),
      percentAgreement: StatValue,
      fleissKappa: StatValue,
      /** κ ± 1.96 SE from Gwet's (2008) linearised variance; null where κ is withheld or undefined. */
      fleissKappaInterval: KappaInterval.nullable(),
      alpha: StatValue,
      alphaInterval: AlphaInterval.nullable(),
    }),
  ),
  unusedCodes: z.number(),
  pooled: z.object({ fleissKappa: StatValue, fleissKappaInterval: KappaInterval.nullable(), alpha: StatValue, alphaInterval: AlphaInterval.nullable(), percentAgreement: StatValue }),
  summaries: z.object({ fleissKappa: StatSummary, alpha: StatSummary, percentAgreement: StatSummary }),
});
export type MultiCoderReport = z.infer<typeof MultiCoderReport>;

/** Krippendorff's α for unitized text: the coders' coded stretches as units on the text in scope. */
export const UnitizingReport = z.object({
  characters: z.number(),
  codes: z.array(
    z.object({
      nodeId: Id,
      name: z.string(),
      /** Stretches of text any coder coded with the code. */
      passages: z.number(),
      tooFewToJudge: z.boolean(),
      /** uα of the code (Krippendorff 2004): its passages against the rest of the text. */
      alpha: StatValue,
      alphaInterval: AlphaInterval.nullable(),
    }),
  ),
  unusedCodes: z.number(),
  /** uα over all codes; |uα coded against uncoded; cuα which code where coded stretches coincide. */
  overall: z.object({
    alpha: StatValue,
    binary: StatValue,
    coding: StatValue,
    alphaInterval: AlphaInterval.nullable(),
    binaryInterval: AlphaInterval.nullable(),
    codingInterval: AlphaInterval.nullable(),
  }),
  /** The documents resampled for the intervals, with the seed and draws; null when intervals were not asked for. */
  bootstrap: z.object({ seed: z.number(), draws: z.number(), documents: z.number() }).nullable(),
});
export type UnitizingReport = z.infer<typeof UnitizingReport>;

export const DOCUMENT_SCOPES = ['auto', 'all', 'handed-out'] as const;

/** Which documents were compared and why, in numbers and words; what a reviewer checks first. */
export const AgreementScope = z.object({
  /** picked: the user's list; handed-out: the documents the coders' copies held; all: every document. */
  source: z.enum(['all', 'handed-out', 'picked']),
  documents: z.number(),
  units: z.number(),
  characters: z.number(),
  /** The scope in one sentence, as the Compare tab, the CLI and the Word report print it. */
  line: z.string(),
  /** Per coder: the documents in scope that coder left without a single coding. */
  uncoded: z.array(z.object({ coderId: Id, coderName: z.string(), documents: z.array(z.object({ id: Id, title: z.string() })) })),
  /** Everything left out or guessed, in sentences. */
  warnings: z.array(z.string()),
});
export type AgreementScope = z.infer<typeof AgreementScope>;

export const AgreementReport = z.object({
  level: z.enum(AGREEMENT_LEVELS),
  scope: AgreementScope,
  coders: z.array(Coder),
  unitSet: z.object({
    mode: z.enum(UNIT_SET_MODES),
    label: z.string(),
    units: z.number(),
    documents: z.array(z.object({ id: Id, title: z.string() })),
  }),
  minPositiveUnits: z.number(),
  /** Whether the tables show a 95 % interval beside κ and α. */
  intervals: z.boolean(),
  /** The bootstrap behind α's intervals: the same seed and data give the same intervals. */
  bootstrap: z.object({ seed: z.number(), draws: z.number() }),
  /** What the figures are computed on and how they are aggregated, in words for the reader. */
  notes: z.array(z.string()),
  pair: PairReport.nullable(),
  characters: CharacterReport.nullable(),
  multi: MultiCoderReport.nullable(),
  /** At the character level: uα, |uα and cuα of the coded passages, for any number of coders. */
  unitizing: UnitizingReport.nullable(),
});
export type AgreementReport = z.infer<typeof AgreementReport>;

export const CodeRef = z.object({ id: Id, name: z.string(), colour: z.string() });
export type CodeRef = z.infer<typeof CodeRef>;

export const SpanRef = z.object({ codeId: Id, start: z.number(), end: z.number() });

export const Resolution = z.object({
  id: Id,
  key: z.string(),
  documentId: Id,
  documentTitle: z.string(),
  unitId: Id.nullable(),
  start: z.number().nullable(),
  end: z.number().nullable(),
  text: z.string(),
  codeId: Id.nullable(),
  codeName: z.string().nullable(),
  discrepancyType: z.string(),
  decision: z.enum(RESOLUTION_DECISIONS),
  otherCodeId: Id.nullable(),
  otherCodeName: z.string().nullable(),
  rationale: z.string(),
  coderAId: Id.nullable(),
  coderAName: z.string().nullable(),
  coderBId: Id.nullable(),
  coderBName: z.string().nullable(),
  resolverId: Id,
  resolverName: z.string(),
  decidedAt: z.string(),
});
export type Resolution = z.infer<typeof Resolution>;

export const Discrepancy = z.object({
  key: z.string(),
  type: z.enum(DISCREPANCY_TYPES),
  documentId: Id,
  documentTitle: z.string(),
  sessionName: z.string(),
  unitId: Id.nullable(),
  start: z.number(),
  end: z.number(),
  text: z.string(),
  speaker: z.string().nullable(),
  pseudonym: z.string().nullable(),
  /** Everything each coder applied here; `common` is what both applied. */
  codesA: z.array(CodeRef),
  codesB: z.array(CodeRef),
  common: z.array(CodeRef),
  spansA: z.array(SpanRef),
  spansB: z.array(SpanRef),
  status: z.enum(['open', 'resolved']),
  resolution: Resolution.nullable(),
});
export type Discrepancy = z.infer<typeof Discrepancy>;

export const DiscrepancyFilter = z.object({
  coderAId: Id,
  coderBId: Id,
  status: z.enum(['open', 'resolved', 'all']).default('all'),
  codeId: Id.optional(),
  documentId: Id.optional(),
  type: z.enum(DISCREPANCY_TYPES).optional(),
});
export type DiscrepancyFilter = z.input<typeof DiscrepancyFilter>;

export const DiscrepancyList = z.object({
  coderA: Coder,
  coderB: Coder,
  documents: z.array(z.object({ id: Id, title: z.string() })),
  /** Counts before the filter. */
  total: z.number(),
  open: z.number(),
  resolved: z.number(),
  byType: z.record(z.string(), z.number()),
  agreedUnits: z.number(),
  items: z.array(Discrepancy),
});
export type DiscrepancyList = z.infer<typeof DiscrepancyList>;

export const ContextTurn = z.object({ speaker: z.string().nullable(), timestamp: z.string().nullable(), text: z.string(), isFacilitator: z.boolean() });

export const DiscrepancyDetail = z.object({
  discrepancy: Discrepancy,
  before: z.array(ContextTurn),
  turn: ContextTurn.nullable(),
  after: z.array(ContextTurn),
  /** Offsets of the discrepancy inside `turn.text`, to highlight it. */
  highlight: z.object({ start: z.number(), end: z.number() }).nullable(),
  memos: z.array(z.object({ id: Id, about: z.string(), title: z.string(), body: z.string(), authorName: z.string().nullable() })),
  definitions: z.array(
    z.object({ id: Id, name: z.string(), level: NodeLevel, definition: z.string(), inclusion: z.string(), exclusion: z.string(), path: z.array(z.string()) }),
  ),
  history: z.array(Resolution),
});
export type DiscrepancyDetail = z.infer<typeof DiscrepancyDetail>;

export const ComparisonStatus = z.object({
  blind: z.boolean(),
  agreementEnabled: z.boolean(),
  revealedAt: z.string().nullable(),
  revealedBy: z.string().nullable(),
  consensusCoderId: Id.nullable(),
  /** People who coded (never the consensus pseudo-coder), with their number of codings. */
  coders: z.array(Coder.extend({ codings: z.number() })),
  /** The two coders with the most codings, as the screen's starting pair. */
  defaultPair: z.tuple([Id, Id]).nullable(),
});
export type ComparisonStatus = z.infer<typeof ComparisonStatus>;

/** Whose codings to show: the consensus, everyone's originals, or one coder's. */
export const CoderView = z.union([z.literal('consensus'), z.literal('all'), Id]);
export type CoderView = z.infer<typeof CoderView>;

const ExportFormat = z.enum(['csv', 'xlsx']);
const ExportPath = filePath(z.string().trim().min(1).max(4096));

export const agreementMethods = {
  'agreement.status': query('Whether the comparison can be opened, and who can be compared', z.object({}), ComparisonStatus),
  'agreement.reveal': command(
    'Opens the comparison: ends blind coding for everyone and records who did it and when',
    z.object({ confirm: z.literal(true) }),
    ProjectSummary,
  ),
  'agreement.compute': query(
    'Agreement between coders on their codings before resolution: per code, pooled and by document, group and level',
    z.object({
      coderIds: z.array(Id).min(2).max(20),
      /** Left out: meaning units when the coders coded any, else (free passages only) documents; the scope line says which. */
      level: z.enum(AGREEMENT_LEVELS).optional(),
      /** Meaning units only: at the character level every character in scope is a unit, and a unit set is refused. */
      unitSet: z.enum(UNIT_SET_MODES).optional(),
      /** auto: the hand-out records when the coders have any, else every document. */
      documents: z.enum(DOCUMENT_SCOPES).default('auto'),
      /** The user's pick; overrides `documents`. */
      documentIds: z.array(Id).min(1).max(10_000).optional(),
      minPositiveUnits: z.number().int().min(0).max(10_000).default(5),
      breakdowns: z.boolean().default(true),
      /** Show the 95 % interval of every κ (large-sample SE) and α (bootstrap, with q for .667 and .800). */
      intervals: z.boolean().default(false),
      /** Seed of α's bootstrap, printed with the intervals so a report reproduces. */
      seed: z.number().int().min(0).max(4_294_967_295).default(DEFAULT_BOOTSTRAP_SEED),
    }),
    AgreementReport,
  ),
  'agreement.discrepancies': query('Every unit or span where two coders differ, classified, with its status', DiscrepancyFilter, DiscrepancyList),
  'agreement.discrepancy': query(
    'One discrepancy in context: neighbouring turns, memos, the codebook definitions involved, earlier decisions',
    z.object({ coderAId: Id, coderBId: Id, key: z.string().min(1).max(300) }),
    DiscrepancyDetail,
  ),
  'agreement.exportDiscrepancies': query(
    'Writes the discrepancy list (with any filter) as CSV or XLSX',
    DiscrepancyFilter.extend({ path: ExportPath, format: ExportFormat, overwrite: Overwrite }),
    z.object({ path: z.string(), rows: z.number() }),
  ),
  'resolutions.decide': command(
    'Settles a discrepancy: keep A’s, B’s, both, neither, another code, or change the codebook, with a rationale',
    z.object({
      coderAId: Id,
      coderBId: Id,
      key: z.string().min(1).max(300),
      decision: z.enum(RESOLUTION_DECISIONS),
      otherCodeId: Id.optional(),
      rationale: z.string().trim().min(1, 'a rationale: say why you decided this').max(20_000),
    }),
    z.object({ resolution: Resolution, consensus: z.array(CodeRef) }),
  ),
  'resolutions.list': query(
    'The resolution log, oldest first: every decision with its rationale, resolver and time',
    z.object({ coderAId: Id.optional(), coderBId: Id.optional() }),
    z.array(Resolution),
  ),
  'resolutions.export': query(
    'Writes the resolution log as CSV or XLSX',
    z.object({ coderAId: Id.optional(), coderBId: Id.optional(), path: ExportPath, format: ExportFormat, overwrite: Overwrite }),
    z.object({ path: z.string(), rows: z.number() }),
  ),
  'consensus.rebuild': command(
    'Brings the consensus coding up to date: agreed codings plus every decision, for two coders’ documents',
    z.object({ coderAId: Id, coderBId: Id }),
    z.object({ consensusCoderId: Id, added: z.number(), removed: z.number() }),
  ),
  'consensus.codings': query(
    'Codings as seen in a coder view: the consensus, everyone (without the consensus), or one coder',
    z.object({ documentId: Id.optional(), coderView: CoderView }),
    z.object({ coderId: Id.nullable(), codings: z.array(Coding) }),
  ),
} as const;
