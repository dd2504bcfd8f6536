// The words of the domain (see UX.md), as closed sets shared by the schema, the contract and the UI.
export const METHODOLOGIES = ['content-analysis', 'thematic-analysis', 'meta-synthesis'] as const;
export type Methodology = (typeof METHODOLOGIES)[number];

export const METHODOLOGY_LABELS: Readonly<Record<Methodology, string>> = {
  'content-analysis': 'Qualitative content analysis (Graneheim & Lundman)',
  'thematic-analysis': 'Reflexive thematic analysis (Braun & Clarke)',
  'meta-synthesis': 'Meta-synthesis of published studies',
};

export const DOCUMENT_KINDS = ['focus-group', 'interview', 'diary', 'article', 'open-answers'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Readonly<Record<DocumentKind, string>> = {
  'focus-group': 'Focus group',
  interview: 'Interview',
  diary: 'Diary',
  article: 'Article',
  'open-answers': 'Open survey answers',
};

export const NODE_LEVELS = ['theme', 'subtheme', 'category', 'subcategory', 'code'] as const;
export type NodeLevel = (typeof NODE_LEVELS)[number];

/** The levels a method uses, from the top of the hierarchy down to codes. */
export const LEVELS_BY_METHOD: Readonly<Record<Methodology, readonly NodeLevel[]>> = {
  'content-analysis': ['theme', 'category', 'subcategory', 'code'],
  'thematic-analysis': ['theme', 'subtheme', 'code'],
  'meta-synthesis': ['theme', 'category', 'subcategory', 'code'],
};

export const NODE_LEVEL_LABELS: Readonly<Record<NodeLevel, string>> = {
  theme: 'Theme',
  subtheme: 'Subtheme',
  category: 'Category',
  subcategory: 'Subcategory',
  code: 'Code',
};

export interface LevelWords {
  readonly one: string;
  readonly many: string;
}

const LEVEL_WORDS: Readonly<Record<NodeLevel, LevelWords>> = {
  theme: { one: 'Theme', many: 'Themes' },
  subtheme: { one: 'Subtheme', many: 'Subthemes' },
  category: { one: 'Category', many: 'Categories' },
  subcategory: { one: 'Subcategory', many: 'Subcategories' },
  code: { one: 'Code', many: 'Codes' },
};

/**
 * Each method's words for its levels, in the UI, the reports and REFI descriptions alike. A
 * meta-synthesis groups the codes found in published studies into components and subcomponents
 * (the words of the competency and framework syntheses the method serves, e.g. "teamwork skills
 * (45, 53, 79)" under a component), so its category and subcategory levels take those names.
 */
export const LEVEL_WORDS_BY_METHOD: Readonly<Record<Methodology, Readonly<Record<NodeLevel, LevelWords>>>> = {
  'content-analysis': LEVEL_WORDS,
  'thematic-analysis': LEVEL_WORDS,
  'meta-synthesis': { ...LEVEL_WORDS, category: { one: 'Component', many: 'Components' }, subcategory: { one: 'Subcomponent', many: 'Subcomponents' } },
};

/** A level's name in the method's words: "Component" (one) or "Components" (many). */
export function levelWord(methodology: Methodology, level: NodeLevel, count: 'one' | 'many' = 'one'): string {
  return LEVEL_WORDS_BY_METHOD[methodology][level][count];
}

export const THEME_STATUSES = ['candidate', 'reviewed', 'defined'] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

export const ATTRIBUTE_TYPES = ['text', 'number', 'date', 'boolean', 'choice'] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const CODER_ROLES = ['coder', 'resolver', 'consensus'] as const;
export type CoderRole = (typeof CODER_ROLES)[number];

export const MEMO_TARGETS = ['project', 'document', 'unit', 'node', 'participant', 'coding'] as const;
export type MemoTarget = (typeof MEMO_TARGETS)[number];

export const RESOLUTION_DECISIONS = ['keep-a', 'keep-b', 'keep-both', 'neither', 'other-code', 'change-codebook'] as const;
export type ResolutionDecision = (typeof RESOLUTION_DECISIONS)[number];

/** What each of the project's tables holds, in a reader's words: one row of it, and several. */
export const RECORD_WORDS: Readonly<Record<string, { readonly one: string; readonly many: string }>> = {
  project: { one: 'project setting', many: 'project settings' },
  coders: { one: 'coder', many: 'coders' },
  document_groups: { one: 'document group', many: 'document groups' },
  documents: { one: 'document', many: 'documents' },
  attributes: { one: 'participant attribute', many: 'participant attributes' },
  participants: { one: 'participant', many: 'participants' },
  participant_values: { one: 'attribute value', many: 'attribute values' },
  turns: { one: 'speaker turn', many: 'speaker turns' },
  meaning_units: { one: 'meaning unit', many: 'meaning units' },
  codebook_nodes: { one: 'codebook node', many: 'codes and other codebook nodes' },
  codebook_links: { one: 'codebook placement', many: 'links in the codebook hierarchy' },
  codings: { one: 'coding', many: 'codings' },
  resolutions: { one: 'resolution decision', many: 'resolution decisions' },
  quotes: { one: 'exemplar quote', many: 'exemplar quotes' },
  memos: { one: 'memo', many: 'memos' },
  journal_entries: { one: 'journal entry', many: 'journal entries' },
  saved_searches: { one: 'saved search', many: 'saved searches' },
  map_positions: { one: 'position on the thematic map', many: 'positions on the thematic map' },
  node_name_history: { one: 'earlier name of a code', many: 'earlier names of codes' },
  export_names: { one: 'name checked for exports', many: 'names checked for exports' },
  document_media: { one: 'linked recording', many: 'linked recordings' },
};

/** A table's rows in a reader's words ("meaning units"); a table without words keeps its name, spaced. */
export function recordWords(table: string, count: 'one' | 'many' = 'many'): string {
  return RECORD_WORDS[table]?.[count] ?? table.replace(/_/g, ' ');
}
