import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type {
  RefiCase,
  RefiCode,
  RefiCoding,
  RefiNote,
  RefiProject,
  RefiSelection,
  RefiSet,
  RefiTextSource,
  RefiUser,
  RefiVariable,
  RefiVariableValue,
  ValueKind,
  VariableType,
} from './model';
import { normalizeGuid } from './model';
import { childrenNamed, firstChild, type XmlElement } from './xml';

// Lenient where the meaning is clear: GUIDs in any case or in braces, missing optional parts,
// empty containers. A missing or broken GUID gets a fresh one (and is counted) rather than
// failing the whole import.

export interface ReadNotes {
  repairedGuids: number;
}

const VARIABLE_TYPES: readonly VariableType[] = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'];
const VALUE_KINDS: readonly ValueKind[] = ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue'];
const UNSUPPORTED_SOURCES = ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'];

class Reader {
  readonly notes: ReadNotes = { repairedGuids: 0 };

  guid(el: XmlElement, attr = 'guid'): string {
    const g = normalizeGuid(el.attrs[attr]);
    if (g) return g;
    this.notes.repairedGuids += 1;
    return randomUUID();
  }

  ref(el: XmlElement): string | null {
    return normalizeGuid(el.attrs.targetGUID ?? el.attrs.guid);
  }

  refs(parent: XmlElement, name: string): string[] {
    return childrenNamed(parent, name)
      .map((r) => this.ref(r))
      .filter((g): g is string => g !== null);
  }

  description(el: XmlElement): string | null {
    const d = firstChild(el, 'Description');
    return d ? d.text : null;
  }

  code(el: XmlElement): RefiCode {
    return {
      guid: this.guid(el),
      name: el.attrs.name ?? '',
      isCodable: el.attrs.isCodable !== 'false' && el.attrs.isCodable !== '0',
      color: normalizeColour(el.attrs.color),
      description: this.description(el),
      noteRefs: this.refs(el, 'NoteRef'),
      children: childrenNamed(el, 'Code').map((c) => this.code(c)),
    };
  }

  value(el: XmlElement): RefiVariableValue | null {
    const variable = this.ref(firstChild(el, 'VariableRef') ?? { name: '', attrs: {}, children: [], text: '' });
    const holder = el.children.find((c) => (VALUE_KINDS as readonly string[]).includes(c.name));
    if (!variable || !holder) return null;
    return { variable, kind: holder.name as ValueKind, value: holder.text };
  }

  values(parent: XmlElement): RefiVariableValue[] {
    return childrenNamed(parent, 'VariableValue')
      .map((v) => this.value(v))
      .filter((v): v is RefiVariableValue => v !== null);
  }

  coding(el: XmlElement): RefiCoding | null {
    const codeRef = this.ref(firstChild(el, 'CodeRef') ?? { name: '', attrs: {}, children: [], text: '' });
    if (!codeRef) return null;
    return {
      guid: this.guid(el),
      codeRef,
      creatingUser: normalizeGuid(el.attrs.creatingUser),
      creationDateTime: el.attrs.creationDateTime ?? null,
      noteRefs: this.refs(el, 'NoteRef'),
    };
  }

  codings(parent: XmlElement): RefiCoding[] {
    return childrenNamed(parent, 'Coding')
      .map((c) => this.coding(c))
      .filter((c): c is RefiCoding => c !== null);
  }

  selection(el: XmlElement): RefiSelection | null {
    const start = Number(el.attrs.startPosition);
    const end = Number(el.attrs.endPosition);
    if (!Number.isInteger(start) || !Number.isInteger(end)) return null;
    return {
      guid: this.guid(el),
      name: el.attrs.name ?? null,
      start,
      end,
      creatingUser: normalizeGuid(el.attrs.creatingUser),
      creationDateTime: el.attrs.creationDateTime ?? null,
      description: this.description(el),
      codings: this.codings(el),
      noteRefs: this.refs(el, 'NoteRef'),
    };
  }

  textSource(el: XmlElement, unsupported: Record<string, number>): RefiTextSource {
    const selections: RefiSelection[] = [];
    for (const s of childrenNamed(el, 'PlainTextSelection')) {
      const sel = this.selection(s);
      if (sel) selections.push(sel);
      else unsupported['PlainTextSelection without positions'] = (unsupported['PlainTextSelection without positions'] ?? 0) + 1;
    }
    const content = firstChild(el, 'PlainTextContent');
    return {
      guid: this.guid(el),
      name: el.attrs.name ?? null,
      plainTextPath: el.attrs.plainTextPath ?? null,
      richTextPath: el.attrs.richTextPath ?? null,
      plainTextContent: content ? content.text : null,
      description: this.description(el),
      creatingUser: normalizeGuid(el.attrs.creatingUser),
      creationDateTime: el.attrs.creationDateTime ?? null,
      selections,
      codings: this.codings(el),
      noteRefs: this.refs(el, 'NoteRef'),
      values: this.values(el),
    };
  }

  note(el: XmlElement): RefiNote {
    const content = firstChild(el, 'PlainTextContent');
    return {
      guid: this.guid(el),
      name: el.attrs.name ?? null,
      description: this.description(el),
      plainTextContent: content ? content.text : null,
      plainTextPath: el.attrs.plainTextPath ?? null,
      creatingUser: normalizeGuid(el.attrs.creatingUser),
      creationDateTime: el.attrs.creationDateTime ?? null,
      modifiedDateTime: el.attrs.modifiedDateTime ?? null,
    };
  }

  set(el: XmlElement): RefiSet {
    return {
      guid: this.guid(el),
      name: el.attrs.name ?? 'Set',
      description: this.description(el),
      memberCodes: this.refs(el, 'MemberCode'),
      memberSources: this.refs(el, 'MemberSource'),
      memberNotes: this.refs(el, 'MemberNote'),
    };
  }
}

function normalizeColour(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`.toLowerCase();
  return null;
}

function count(into: Record<string, number>, name: string, n: number): void {
  if (n > 0) into[name] = (into[name] ?? 0) + n;
}

function codesOf(reader: Reader, codebook: XmlElement | undefined): RefiCode[] {
  const codes = firstChild(codebook, 'Codes') ?? codebook;
  return childrenNamed(codes, 'Code').map((c) => reader.code(c));
}

/** Reads a project.qde root element (namespace prefixes already dropped). */
export function readProject(root: XmlElement): { project: RefiProject; notes: ReadNotes } {
  if (root.name !== 'Project') {
    throw new AppError('REFI_BAD_XML', `This is not a REFI-QDA project: its root element is <${root.name.slice(0, 40)}>, not <Project>. Choose a .qdpx exported by a QDA program.`);
  }
  const r = new Reader();
  const unsupported: Record<string, number> = {};
  const users: RefiUser[] = childrenNamed(firstChild(root, 'Users'), 'User').map((u) => ({ guid: r.guid(u), name: u.attrs.name ?? u.attrs.id ?? '' }));
  const variables: RefiVariable[] = childrenNamed(firstChild(root, 'Variables'), 'Variable').map((v) => ({
    guid: r.guid(v),
    name: v.attrs.name ?? 'Variable',
    type: (VARIABLE_TYPES as readonly string[]).includes(v.attrs.typeOfVariable) ? (v.attrs.typeOfVariable as VariableType) : 'Text',
    description: r.description(v),
  }));
  const cases: RefiCase[] = childrenNamed(firstChild(root, 'Cases'), 'Case').map((c) => ({
    guid: r.guid(c),
    name: c.attrs.name ?? null,
    description: r.description(c),
    values: r.values(c),
    sourceRefs: r.refs(c, 'SourceRef'),
    selectionRefs: r.refs(c, 'SelectionRef'),
  }));
  const sourcesEl = firstChild(root, 'Sources');
  const sources = childrenNamed(sourcesEl, 'TextSource').map((s) => r.textSource(s, unsupported));
  for (const kind of UNSUPPORTED_SOURCES) count(unsupported, kind, childrenNamed(sourcesEl, kind).length);
  const notes = childrenNamed(firstChild(root, 'Notes'), 'Note').map((n) => r.note(n));
  const sets = childrenNamed(firstChild(root, 'Sets'), 'Set').map((s) => r.set(s));
  count(unsupported, 'Link', childrenNamed(firstChild(root, 'Links'), 'Link').length);
  count(unsupported, 'Graph', childrenNamed(firstChild(root, 'Graphs'), 'Graph').length);
  const project: RefiProject = {
    name: root.attrs.name ?? '',
    origin: root.attrs.origin ?? null,
    creatingUser: normalizeGuid(root.attrs.creatingUserGUID),
    creationDateTime: root.attrs.creationDateTime ?? null,
    users,
    codes: codesOf(r, firstChild(root, 'CodeBook')),
    variables,
    cases,
    sources,
    notes,
    sets,
    description: r.description(root),
    noteRefs: r.refs(root, 'NoteRef'),
    unsupported,
  };
  return { project, notes: r.notes };
}

export interface RefiCodebook {
  readonly origin: string | null;
  readonly codes: readonly RefiCode[];
  readonly sets: readonly RefiSet[];
}

/** Reads a .qdc root (or the CodeBook inside a project). */
export function readCodebook(root: XmlElement): { codebook: RefiCodebook; notes: ReadNotes } {
  const r = new Reader();
  if (root.name === 'Project') {
    return { codebook: { origin: root.attrs.origin ?? null, codes: codesOf(r, firstChild(root, 'CodeBook')), sets: [] }, notes: r.notes };
  }
  if (root.name !== 'CodeBook') {
    throw new AppError('REFI_BAD_XML', `This is not a REFI-QDA codebook: its root element is <${root.name.slice(0, 40)}>, not <CodeBook>. Choose a .qdc file.`);
  }
  const sets = childrenNamed(firstChild(root, 'Sets'), 'Set').map((s) => r.set(s));
  return { codebook: { origin: root.attrs.origin ?? null, codes: codesOf(r, root), sets }, notes: r.notes };
}
