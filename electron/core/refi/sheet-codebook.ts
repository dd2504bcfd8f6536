import type { RefiReportItem, SheetColumnRole, SheetLayout } from '../../../shared/api/methods/refi';
import type { CodebookNode } from '../../../shared/api/entities';
import { NODE_LEVEL_LABELS, NODE_LEVELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import { undoInertCellText } from '../../../shared/text/csv-write';
import { extensionOf, fileError } from '../import/formats';
import { tableFromBytes, type RawTable } from '../participants/attribute-table';
import { derivedGuid, renderNodeDescription } from './convention';
import { normalizeGuid, type RefiCode } from './model';
import type { RefiCodebook } from './read-qde';
import { isZip } from './package';

// A codebook kept in a spreadsheet, as MAXQDA ("Code" with subcodes after ">" or "\"), NVivo
// (hierarchical names with "\"), ATLAS.ti ("::") and Taguette (tag, parent, description) users keep
// theirs: the rows become a code tree the REFI-QDA codebook import then places, levels and merges.

/** Deeper nesting than this is refused: no codebook needs it, and the tree views would not show it. */
export const MAX_SHEET_DEPTH = 50;

type Role = Exclude<SheetColumnRole, 'ignore'>;

// Header words per role, compared without case, accents or punctuation: English, German, Spanish, French, Portuguese.
const HEADER_WORDS: Readonly<Record<Role, readonly string[]>> = {
  path: ['path', 'code path', 'full path', 'hierarchical name', 'hierarchy', 'code hierarchy', 'pfad', 'codepfad', 'ruta', 'jerarquia', 'chemin', 'hierarchie', 'caminho', 'hierarquia'],
  name: [
    'name', 'code', 'codes', 'code name', 'codename', 'tag', 'tags', 'node', 'nodes', 'node name', 'label', 'title',
    'bezeichnung', 'codebezeichnung', 'nombre', 'codigo', 'nombre del codigo', 'nom', 'nom du code', 'nome', 'nome do codigo', 'etiqueta',
  ],
  parent: [
    'parent', 'parent code', 'parent node', 'parent tag', 'parent name', 'parent path', 'parent category', 'parent id',
    'ubergeordneter code', 'ubergeordnet', 'oberkategorie', 'obercode', 'padre', 'codigo padre', 'code parent', 'categorie parente', 'pai', 'codigo pai',
  ],
  level: ['level', 'type', 'node type', 'kind', 'tier', 'ebene', 'stufe', 'typ', 'nivel', 'tipo', 'niveau'],
  definition: [
    'definition', 'description', 'desc', 'memo', 'code memo', 'comment', 'meaning', 'beschreibung', 'kommentar', 'definicion', 'descripcion',
    'comentario', 'commentaire', 'definicao', 'descricao',
  ],
  inclusion: [
    'inclusion', 'inclusion criteria', 'inclusion criterion', 'include', 'when to use', 'coding rule', 'coding rules', 'kodierregel', 'kodierregeln',
    'einschluss', 'einschlusskriterien', 'einschlusskriterium', 'criterios de inclusion', 'criterio de inclusion', 'criteres d inclusion',
    'critere d inclusion', 'inclusao', 'criterios de inclusao',
  ],
  exclusion: [
    'exclusion', 'exclusion criteria', 'exclusion criterion', 'exclude', 'when not to use', 'ausschluss', 'ausschlusskriterien', 'ausschlusskriterium',
    'abgrenzung', 'criterios de exclusion', 'criterio de exclusion', 'criteres d exclusion', 'critere d exclusion', 'exclusao', 'criterios de exclusao',
  ],
  example: [
    'example', 'examples', 'typical example', 'anchor example', 'exemplar', 'quote', 'sample quote', 'beispiel', 'ankerbeispiel', 'ejemplo',
    'ejemplos', 'exemple', 'exemples', 'exemplo', 'exemplos', 'cita',
  ],
  colour: ['colour', 'color', 'colour code', 'color code', 'hex', 'farbe', 'couleur', 'cor'],
  id: ['id', 'guid', 'uuid', 'code id', 'node id'],
};

const LEVEL_WORDS: Readonly<Record<NodeLevel, readonly string[]>> = {
  theme: ['theme', 'main theme', 'overarching theme', 'thema', 'hauptthema', 'tema', 'tema principal', 'theme principal'],
  subtheme: ['subtheme', 'sub theme', 'subthema', 'unterthema', 'subtema', 'sous theme'],
  category: ['category', 'main category', 'kategorie', 'hauptkategorie', 'categoria', 'categoria principal', 'categorie', 'categorie principale'],
  subcategory: ['subcategory', 'sub category', 'unterkategorie', 'subkategorie', 'subcategoria', 'sous categorie'],
  code: ['code', 'subcode', 'sub code', 'node', 'tag', 'kode', 'untercode', 'codigo', 'subcodigo', 'sous code'],
};

// Colour words a spreadsheet user may type instead of a hex value, in the five languages.
const COLOUR_WORDS: Readonly<Record<string, string>> = {
  red: '#e03131', rot: '#e03131', rojo: '#e03131', rouge: '#e03131', vermelho: '#e03131',
  green: '#2f9e44', grun: '#2f9e44', verde: '#2f9e44', vert: '#2f9e44',
  blue: '#1971c2', blau: '#1971c2', azul: '#1971c2', bleu: '#1971c2',
  yellow: '#f08c00', gelb: '#f08c00', amarillo: '#f08c00', jaune: '#f08c00', amarelo: '#f08c00',
  orange: '#e8590c', naranja: '#e8590c', laranja: '#e8590c',
  purple: '#7048e8', violet: '#7048e8', lila: '#7048e8', violett: '#7048e8', morado: '#7048e8', roxo: '#7048e8',
  pink: '#d6336c', rosa: '#d6336c', rose: '#d6336c',
  brown: '#8d5524', braun: '#8d5524', marron: '#8d5524', marrom: '#8d5524',
  grey: '#868e96', gray: '#868e96', grau: '#868e96', gris: '#868e96', cinza: '#868e96',
  black: '#212529', schwarz: '#212529', negro: '#212529', noir: '#212529', preto: '#212529',
  teal: '#0c8599', turquoise: '#0c8599', turkis: '#0c8599', turquesa: '#0c8599',
  cyan: '#1098ad', magenta: '#c2255c', navy: '#1c3d7a', olive: '#5c940d', maroon: '#862e2e', gold: '#f59f00',
};

/** Lower case without accents or punctuation, single spaces: how headers and level words are compared. */
export function plainWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const ROLE_OF_WORD = new Map<string, Role>(Object.entries(HEADER_WORDS).flatMap(([role, words]) => words.map((w) => [w, role as Role] as const)));
const LEVEL_OF_WORD = new Map<string, NodeLevel>(Object.entries(LEVEL_WORDS).flatMap(([level, words]) => words.map((w) => [w, level as NodeLevel] as const)));

/** Path separators in the order they are preferred when a file uses more than one. */
const SEPARATORS = ['>', '::', '\\'] as const;
type Separator = (typeof SEPARATORS)[number];

export interface SheetCodebook {
  readonly codebook: RefiCodebook;
  /** Levels the level column states, by GUID. */
  readonly given: ReadonlyMap<string, NodeLevel>;
  /** Example texts, by GUID. */
  readonly examples: ReadonlyMap<string, string>;
  /** Nodes the file names only as parents (no row of their own), by GUID. */
  readonly created: ReadonlySet<string>;
  readonly layout: SheetLayout;
  /** What was repaired or left out, for the import report. */
  readonly notes: readonly RefiReportItem[];
}

/** Whether a codebook file is a spreadsheet (CSV, XLSX) rather than REFI-QDA XML or a .qdpx. */
export function isCodebookSheet(bytes: Uint8Array, fileName: string): boolean {
  const ext = extensionOf(fileName);
  if (['csv', 'tsv', 'tab', 'txt', 'xlsx', 'xlsm', 'xls', 'ods'].includes(ext)) return true;
  if (['qdc', 'qdpx', 'qde', 'xml'].includes(ext)) return false;
  // An .xlsx names its workbook part in the zip's directory; a .qdpx never does.
  if (isZip(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/workbook.xml');
  // Without a telling name: text whose first line is split into cells, as a table's header is.
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\ufeff/, '').trimStart();
  return !head.startsWith('<') && /[,;\t]/.test(head.split(/\r?\n/, 1)[0]);
}

/**
 * The role of each column: the user's choice, else its header; a role already taken is not given twice.
 * A level word as a header ("Category", "Kategorie") names the codes when no other column does (a
 * Mayring coding guide), else their parent (Category | Code): several such columns are the levels
 * above the code, left to right (Theme | Category | Code).
 */
function layoutColumns(table: RawTable, chosen: Readonly<Record<string, SheetColumnRole>>): SheetLayout['columns'] {
  const taken = new Set<SheetColumnRole>(Object.values(chosen).filter((r) => r !== 'ignore'));
  const columns = table.columns.map((header, i) => {
    const sample = (table.rows.find((r) => r[i] !== '')?.[i] ?? '').replace(/\s+/g, ' ').slice(0, 60);
    const own = chosen[String(i)];
    if (own) return { header, role: own, recognised: true, sample };
    const role = ROLE_OF_WORD.get(plainWord(header));
    if (!role || taken.has(role)) return { header, role: 'ignore' as const, recognised: false, sample };
    taken.add(role);
    return { header, role, recognised: true, sample };
  });
  const levelHeaders = columns.map((c, i) => (chosen[String(i)] || c.recognised || !LEVEL_OF_WORD.has(plainWord(c.header)) ? -1 : i)).filter((i) => i >= 0);
  const naming = !taken.has('name') && !taken.has('path');
  if (naming && levelHeaders.length) columns[levelHeaders[0]] = { ...columns[levelHeaders[0]], role: 'name', recognised: true };
  else if (!taken.has('parent')) for (const i of levelHeaders) columns[i] = { ...columns[i], role: 'parent', recognised: true };
  return columns;
}

interface Row {
  readonly cells: Partial<Record<Role, string>>;
  /** Every parent column's cell, left to right (several: the levels above the code, Theme | Category | Code). */
  readonly parents: readonly string[];
}

/** A step of a path: a name, and the level its column's header names (a wide layout's parents). */
interface Segment {
  readonly name: string;
  readonly level?: NodeLevel;
}

/** A node of the tree being built from the rows; `row` is null for a parent the file never lists. */
interface Draft {
  readonly name: string;
  readonly key: string;
  row: Row | null;
  parent: Draft | null;
  readonly children: Draft[];
  readonly order: number;
  /** The level the header of the column that names it says (a wide layout's Theme | Category columns), if any. */
  readonly level?: NodeLevel;
}

class Notes {
  private readonly items = new Map<string, RefiReportItem>();

  add(code: string, kind: RefiReportItem['kind'], message: string, n = 1): void {
    const item = this.items.get(code);
    this.items.set(code, item ? { ...item, count: item.count + n } : { kind, message, count: n, code });
  }

  list(): RefiReportItem[] {
    return [...this.items.values()];
  }
}

const nameKey = (name: string) => name.trim().toLowerCase();

function splitPath(value: string, separator: Separator | null): string[] {
  const parts = separator ? value.split(separator) : [value];
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The separator most path cells use; null when none is used (a flat list). */
function pathSeparator(values: readonly string[]): Separator | null {
  let best: Separator | null = null;
  let most = 0;
  for (const s of SEPARATORS) {
    const n = values.filter((v) => v.includes(s)).length;
    if (n > most) [best, most] = [s, n];
  }
  return best;
}

/** NVivo writes hierarchical names from its root folder ("Nodes\Family\Parents", "Codes\…"): that folder is no code. */
function dropRootFolder(paths: string[][]): void {
  const first = paths[0]?.[0];
  if (!first || !['nodes', 'codes'].includes(first.toLowerCase())) return;
  if (!paths.every((p) => p.length > 1 && p[0].toLowerCase() === first.toLowerCase())) return;
  for (const p of paths) p.shift();
}

class Tree {
  readonly roots: Draft[] = [];
  private readonly byKey = new Map<string, Draft>();
  private order = 0;

  get(key: string): Draft | undefined {
    return this.byKey.get(key);
  }

  add(name: string, parent: Draft | null, row: Row | null, level?: NodeLevel): Draft {
    const key = `${parent ? `${parent.key}\u0000` : ''}${nameKey(name)}`;
    const draft: Draft = { name, key, row, parent, children: [], order: this.order++, level };
    this.byKey.set(key, draft);
    (parent ? parent.children : this.roots).push(draft);
    return draft;
  }
}

/** Reads a codebook spreadsheet into a code tree, repairing what can be repaired and saying so. */
export async function readCodebookSheet(
  bytes: Uint8Array,
  fileName: string,
  chosen: Readonly<Record<string, SheetColumnRole>> = {},
  forPreview = false,
): Promise<SheetCodebook> {
  const label = fileName || 'codebook';
  const read = await tableFromBytes(label, bytes, { rowsAre: 'codebook rows', expected: 'the codebook spreadsheet (.csv or .xlsx)' });
  // A CSV Condensa wrote carries apostrophes that keep formula-like cells inert; they are not part of the text.
  const table = isZip(bytes) ? read : { ...read, rows: read.rows.map((r) => r.map(undoInertCellText)) };
  const columns = layoutColumns(table, chosen);
  const col = (role: Role) => columns.findIndex((c) => c.role === role);
  const naming = col('path') >= 0 ? col('path') : col('name');
  if (naming < 0 && forPreview) {
    // The preview shows the columns so that the user can say which one holds the names.
    const layout = { columns, shape: 'flat' as const, rows: table.rows.length };
    const notes = [{ kind: 'note' as const, message: 'No column is recognised as the code names: choose the column that holds them', count: 1, code: 'NO_NAME_COLUMN' }];
    return { codebook: { origin: `the spreadsheet “${label}”`, codes: [], sets: [] }, given: new Map(), examples: new Map(), created: new Set(), layout, notes };
  }
  if (naming < 0) {
    throw fileError(
      'CODEBOOK_NO_NAMES',
      label,
      `No column holds the code names (a header such as Code, Name, Tag or Path). Columns: ${table.columns.slice(0, 12).join(', ')}. Choose which column holds the names.`,
    );
  }
  const notes = new Notes();
  const rows: Row[] = [];
  const parentColumns = columns.flatMap((c, j) => (c.role === 'parent' ? [j] : []));
  const wide = parentColumns.length > 1;
  for (const cells of table.rows) {
    const row: Partial<Record<Role, string>> = {};
    columns.forEach((c, j) => {
      if (c.role !== 'ignore' && cells[j] !== '' && row[c.role] === undefined) row[c.role] = cells[j];
    });
    const parents = parentColumns.map((j) => cells[j].trim());
    // In a wide layout a row without a code describes the deepest level it fills (a category's definition).
    if (!(row.path ?? row.name)?.trim() && !(wide && parents.some((p) => p))) notes.add('ROW_WITHOUT_NAME', 'skipped', 'Rows without a code name were skipped');
    else rows.push({ cells: row, parents });
  }

  const hasParent = parentColumns.length > 0;
  const hasLevel = col('level') >= 0;
  const tree = new Tree();
  let shape: SheetLayout['shape'];
  const separator = hasParent ? null : pathSeparator(rows.map((r) => r.cells.path ?? r.cells.name ?? ''));
  const levelOf = (j: number) => LEVEL_OF_WORD.get(plainWord(columns[j].header));
  if (wide) {
    shape = 'path';
    const segments = (r: Row): Segment[] => [
      ...r.parents.flatMap((name, k) => (name ? [{ name, level: levelOf(parentColumns[k]) }] : [])),
      ...((r.cells.path ?? r.cells.name)?.trim() ? [{ name: (r.cells.path ?? r.cells.name)!.trim() }] : []),
    ];
    placeByPath(rows, rows.map(segments), tree, notes);
  } else if (hasParent) {
    shape = 'parent';
    // A parent column headed by a level word (Theme | Code) gives that level to the parents it names.
    placeByParent(rows, tree, notes, levelOf(parentColumns[0]));
  } else if (separator) {
    shape = 'path';
    const paths = rows.map((r) => splitPath((r.cells.path ?? r.cells.name)!, separator));
    dropRootFolder(paths);
    placeByPath(rows, paths.map((p) => p.map((name) => ({ name }))), tree, notes);
  } else if (hasLevel && rows.some((r) => rankOf(r.cells.level) !== null)) {
    shape = 'outline';
    placeByOutline(rows, tree, notes);
  } else {
    shape = 'flat';
    for (const r of rows) addUnique(tree, (r.cells.path ?? r.cells.name)!.trim(), null, r, notes);
  }
  checkDepth(tree, label);
  const { codes, given, examples, created } = buildCodes(tree, notes);
  const codebook = { origin: `the spreadsheet “${label}”`, codes, sets: [] };
  return { codebook, given, examples, created, layout: { columns, shape, rows: table.rows.length }, notes: notes.list() };
}

/** A node under `parent` (null: at the top), or the row merged into the node of that name already there. */
function addUnique(tree: Tree, name: string, parent: Draft | null, row: Row, notes: Notes, level?: NodeLevel): Draft {
  const key = `${parent ? `${parent.key}\u0000` : ''}${nameKey(name)}`;
  const found = tree.get(key);
  if (!found) return tree.add(name, parent, row, level);
  if (found.row) notes.add('DUPLICATE_NAME', 'skipped', 'Rows repeating a code already listed at the same place (same name under the same parent) were merged into its first row');
  else found.row = row;
  return found;
}

/** Each row is the last step of its path; the steps before it are found or created. */
function placeByPath(rows: readonly Row[], paths: readonly (readonly Segment[])[], tree: Tree, notes: Notes): void {
  rows.forEach((r, i) => {
    let parent: Draft | null = null;
    const segments = paths[i];
    segments.forEach((segment, depth) => {
      if (depth === segments.length - 1) {
        parent = addUnique(tree, segment.name, parent, r, notes, segment.level);
        return;
      }
      const key = `${parent ? `${parent.key}\u0000` : ''}${nameKey(segment.name)}`;
      parent = tree.get(key) ?? tree.add(segment.name, parent, null, segment.level);
    });
  });
  const made = countMade(tree.roots);
  if (made) notes.add('PARENT_CREATED', 'converted', 'Parents named in a path but given no row of their own were created', made);
}

function countMade(drafts: readonly Draft[]): number {
  let n = 0;
  const stack = [...drafts];
  while (stack.length) {
    const d = stack.pop()!;
    if (!d.row) n += 1;
    stack.push(...d.children);
  }
  return n;
}

/** Rows name their parent (by ID, else by name): loops are cut where they start, missing parents created at the top. */
function placeByParent(rows: readonly Row[], tree: Tree, notes: Notes, createdLevel: NodeLevel | undefined): void {
  const name = (r: Row) => (r.cells.path ?? r.cells.name)!.trim();
  const firstByName = new Map<string, number>();
  const byId = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!firstByName.has(nameKey(name(r)))) firstByName.set(nameKey(name(r)), i);
    const id = normalizeGuid(r.cells.id);
    if (id && !byId.has(id)) byId.set(id, i);
  });
  // Each row's parent row (-1: the top; -2 - k: the k-th parent the file never lists).
  const missing: string[] = [];
  const parentOf = rows.map((r) => {
    const said = r.cells.parent?.trim();
    if (!said) return -1;
    const id = normalizeGuid(said);
    const found = (id ? byId.get(id) : undefined) ?? firstByName.get(nameKey(said));
    if (found !== undefined) return found;
    let k = missing.findIndex((m) => nameKey(m) === nameKey(said));
    if (k < 0) k = missing.push(said) - 1;
    return -2 - k;
  });
  cutLoops(rows, parentOf, name, notes);
  if (missing.length) notes.add('PARENT_CREATED', 'converted', 'Parents named in the parent column but given no row of their own were created at the top level', missing.length);
  const made = missing.map((m) => tree.add(m, null, null, createdLevel));
  const placed = new Map<number, Draft>();
  // Parents before children: walk each row's chain up to a placed node (iteratively: chains may be long).
  rows.forEach((_, start) => {
    const chain: number[] = [];
    for (let i = start; i >= 0 && !placed.has(i); i = parentOf[i]) chain.push(i);
    for (let c = chain.length - 1; c >= 0; c -= 1) {
      const i = chain[c];
      const p = parentOf[i];
      const parent = p === -1 ? null : p < -1 ? made[-2 - p] : placed.get(p)!;
      placed.set(i, addUnique(tree, name(rows[i]), parent, rows[i], notes));
    }
  });
}

/** Parent links that lead round in a circle: the first row of each circle (in file order) is moved to the top. */
function cutLoops(rows: readonly Row[], parentOf: number[], name: (r: Row) => string, notes: Notes): void {
  const state = new Uint8Array(rows.length); // 0 unseen, 1 on the current walk, 2 settled
  for (let start = 0; start < rows.length; start += 1) {
    const walk: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      walk.push(i);
      i = parentOf[i];
    }
    if (i >= 0 && state[i] === 1) {
      const loop = walk.slice(walk.indexOf(i));
      const first = Math.min(...loop);
      parentOf[first] = -1;
      const names = loop.slice(0, 4).map((k) => `“${name(rows[k]).slice(0, 40)}”`);
      notes.add('PARENT_LOOP', 'converted', `Parent links that went round in a circle (${names.join(' → ')}${loop.length > 4 ? ' → …' : ''} → back) were cut: the first of each circle in the file stands at the top level`);
    }
    for (const k of walk) state[k] = 2;
  }
}

/** A level cell's rank in an outline: a level word (theme above category above code), or a number (1 at the top). */
function rankOf(cell: string | undefined): number | null {
  if (!cell) return null;
  const level = LEVEL_OF_WORD.get(plainWord(cell));
  if (level) return NODE_LEVELS.indexOf(level);
  return /^\d{1,3}$/.test(cell.trim()) ? Number(cell) : null;
}

/** Rows listed top-down with their level: each row goes under the nearest row above it of a higher level. */
function placeByOutline(rows: readonly Row[], tree: Tree, notes: Notes): void {
  const stack: { rank: number; draft: Draft }[] = [];
  for (const r of rows) {
    const rank = rankOf(r.cells.level) ?? NODE_LEVELS.indexOf('code');
    while (stack.length && stack[stack.length - 1].rank >= rank) stack.pop();
    const draft = addUnique(tree, (r.cells.path ?? r.cells.name)!.trim(), stack.at(-1)?.draft ?? null, r, notes);
    stack.push({ rank, draft });
  }
}

function checkDepth(tree: Tree, label: string): void {
  const stack = tree.roots.map((d) => ({ d, depth: 1 }));
  while (stack.length) {
    const { d, depth } = stack.pop()!;
    if (depth > MAX_SHEET_DEPTH) {
      throw fileError(
        'CODEBOOK_TOO_DEEP',
        label,
        `The codebook nests more than ${MAX_SHEET_DEPTH} levels deep (under “${d.name.slice(0, 60)}”). Check the path or parent column: a codebook this deep is most likely a mistake.`,
      );
    }
    for (const c of d.children) stack.push({ d: c, depth: depth + 1 });
  }
}

function colourOf(cell: string | undefined, notes: Notes): string | null {
  if (!cell) return null;
  const text = cell.trim();
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(text)?.[1];
  if (hex) return `#${(hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex).toLowerCase()}`;
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/i.exec(text);
  if (rgb && rgb.slice(1).every((v) => Number(v) <= 255)) return `#${rgb.slice(1).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
  const word = COLOUR_WORDS[plainWord(text)];
  if (word) return word;
  notes.add('COLOUR_UNREAD', 'converted', 'Colours that are neither a hex value (#2f6fdf) nor a colour name were replaced by the palette');
  return null;
}

/** The drafts as REFI codes, with stable GUIDs (the file's own, else derived from the path, so the preview and the import agree). */
function buildCodes(tree: Tree, notes: Notes): Pick<SheetCodebook, 'given' | 'examples' | 'created'> & { codes: RefiCode[] } {
  const given = new Map<string, NodeLevel>();
  const examples = new Map<string, string>();
  const created = new Set<string>();
  const usedIds = new Set<string>();
  let unknownLevels = 0;
  const toCode = (d: Draft, children: RefiCode[]): RefiCode => {
    const cells = d.row?.cells ?? {};
    const own = normalizeGuid(cells.id);
    const guid = own && !usedIds.has(own) ? own : derivedGuid('codebook-sheet', d.key);
    usedIds.add(guid);
    if (!d.row) created.add(guid);
    const level = cells.level ? LEVEL_OF_WORD.get(plainWord(cells.level)) : d.level;
    if (level) given.set(guid, level);
    else if (cells.level && rankOf(cells.level) === null) unknownLevels += 1;
    if (cells.example?.trim()) examples.set(guid, cells.example.trim());
    const description = renderNodeDescription({ level: 'code', definition: cells.definition?.trim() ?? '', inclusion: cells.inclusion?.trim() ?? '', exclusion: cells.exclusion?.trim() ?? '' });
    return { guid, name: d.name, isCodable: !level || level === 'code', color: colourOf(cells.colour, notes), description: description || null, noteRefs: [], children };
  };
  // Children before parents, without recursion.
  const order: Draft[] = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const d = stack.pop()!;
    order.push(d);
    stack.push(...d.children);
  }
  const built = new Map<Draft, RefiCode>();
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const d = order[i];
    built.set(d, toCode(d, d.children.map((c) => built.get(c)!)));
  }
  if (unknownLevels) notes.add('LEVEL_UNREAD', 'converted', 'Level names Condensa does not know were left to the tree', unknownLevels);
  return { codes: tree.roots.map((d) => built.get(d)!), given, examples, created };
}

// ---- The same shape out: one row per node, read back by readCodebookSheet. ----

export const SHEET_EXPORT_COLUMNS = ['Path', 'Level', 'Definition', 'Inclusion criteria', 'Exclusion criteria', 'Example', 'Colour', 'ID'] as const;

/** The codebook as rows: parents before children, each node once (under its first parent) with its full path. */
export function codebookSheetRows(nodes: readonly CodebookNode[], examples: ReadonlyMap<string, string>): { rows: string[][]; notes: string[] } {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string, CodebookNode[]>();
  const roots: CodebookNode[] = [];
  for (const n of nodes) {
    const parent = n.parentIds.find((p) => byId.has(p));
    if (parent) children.set(parent, [...(children.get(parent) ?? []), n]);
    else roots.push(n);
  }
  // The first separator no name contains keeps every path readable back.
  const separator = SEPARATORS.find((s) => nodes.every((n) => !n.name.includes(s))) ?? SEPARATORS[0];
  const rows: string[][] = [];
  const stack = [...roots].reverse().map((n) => ({ n, path: [n.name] }));
  const seen = new Set<string>();
  while (stack.length) {
    const { n, path } = stack.pop()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    rows.push([path.join(` ${separator} `), NODE_LEVEL_LABELS[n.level], n.definition, n.inclusion, n.exclusion, examples.get(n.id) ?? '', n.colour, n.id]);
    for (const c of [...(children.get(n.id) ?? [])].reverse()) stack.push({ n: c, path: [...path, c.name] });
  }
  const notes: string[] = [];
  const shared = nodes.filter((n) => n.parentIds.length > 1).length;
  if (shared) notes.push(`${shared} node${shared === 1 ? '' : 's'} sit under more than one parent; the sheet lists each once, under its first parent.`);
  if (nodes.some((n) => n.name.includes(separator))) notes.push(`Some names contain every path separator (>, ::, \\); their paths will not read back as one name.`);
  return { rows, notes };
}
