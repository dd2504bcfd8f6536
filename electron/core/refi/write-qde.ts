import type { RefiCode, RefiCoding, RefiNote, RefiProject, RefiSelection, RefiSet, RefiTextSource, RefiVariableValue } from './model';
import type { RefiCodebook } from './read-qde';
import { XmlWriter } from './xml';
import type { PackedEntry } from './zip';

// Element order follows the official schemas (Project-mrt2019.xsd, Codebook-mrt2019.xsd): they
// use xsd:sequence everywhere, so order matters; empty containers are left out because each
// requires at least one child.

export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

function description(w: XmlWriter, value: string | null): void {
  if (value !== null && value !== '') w.text('Description', value);
}

function noteRefs(w: XmlWriter, refs: readonly string[]): void {
  for (const r of refs) w.empty('NoteRef', { targetGUID: r });
}

function code(w: XmlWriter, c: RefiCode, withNotes: boolean): void {
  const attrs = { guid: c.guid, name: c.name, isCodable: c.isCodable, color: c.color };
  const hasBody = (c.description ?? '') !== '' || c.children.length > 0 || (withNotes && c.noteRefs.length > 0);
  if (!hasBody) {
    w.empty('Code', attrs);
    return;
  }
  w.open('Code', attrs);
  description(w, c.description);
  if (withNotes) noteRefs(w, c.noteRefs);
  for (const child of c.children) code(w, child, withNotes);
  w.close('Code');
}

function value(w: XmlWriter, v: RefiVariableValue): void {
  w.open('VariableValue');
  w.empty('VariableRef', { targetGUID: v.variable });
  w.text(v.kind, v.value);
  w.close('VariableValue');
}

function coding(w: XmlWriter, c: RefiCoding): void {
  w.open('Coding', { guid: c.guid, creatingUser: c.creatingUser, creationDateTime: c.creationDateTime });
  w.empty('CodeRef', { targetGUID: c.codeRef });
  noteRefs(w, c.noteRefs);
  w.close('Coding');
}

function selection(w: XmlWriter, s: RefiSelection): void {
  const attrs = {
    guid: s.guid,
    name: s.name,
    startPosition: s.start,
    endPosition: s.end,
    creatingUser: s.creatingUser,
    creationDateTime: s.creationDateTime,
  };
  if (!s.description && s.codings.length === 0 && s.noteRefs.length === 0) {
    w.empty('PlainTextSelection', attrs);
    return;
  }
  w.open('PlainTextSelection', attrs);
  description(w, s.description);
  s.codings.forEach((c) => coding(w, c));
  noteRefs(w, s.noteRefs);
  w.close('PlainTextSelection');
}

function textSource(w: XmlWriter, s: RefiTextSource): void {
  w.open('TextSource', {
    guid: s.guid,
    name: s.name,
    richTextPath: s.richTextPath,
    plainTextPath: s.plainTextPath,
    creatingUser: s.creatingUser,
    creationDateTime: s.creationDateTime,
  });
  description(w, s.description);
  if (s.plainTextContent !== null) w.text('PlainTextContent', s.plainTextContent);
  s.selections.forEach((sel) => selection(w, sel));
  s.codings.forEach((c) => coding(w, c));
  noteRefs(w, s.noteRefs);
  s.values.forEach((v) => value(w, v));
  w.close('TextSource');
}

function note(w: XmlWriter, n: RefiNote): void {
  w.open('Note', {
    guid: n.guid,
    name: n.name,
    plainTextPath: n.plainTextPath,
    creatingUser: n.creatingUser,
    creationDateTime: n.creationDateTime,
    modifiedDateTime: n.modifiedDateTime,
  });
  description(w, n.description);
  if (n.plainTextContent !== null) w.text('PlainTextContent', n.plainTextContent);
  w.close('Note');
}

function projectSet(w: XmlWriter, s: RefiSet): void {
  w.open('Set', { guid: s.guid, name: s.name });
  description(w, s.description);
  for (const g of s.memberCodes) w.empty('MemberCode', { targetGUID: g });
  for (const g of s.memberSources) w.empty('MemberSource', { targetGUID: g });
  for (const g of s.memberNotes) w.empty('MemberNote', { targetGUID: g });
  w.close('Set');
}

/**
 * A project as the writer takes it: its sources and notes may be produced while they are written
 * (see buildRefiProject), so the writer goes through each once, in the schema's order.
 */
export interface QdeProject extends Omit<RefiProject, 'sources' | 'notes'> {
  readonly sources: Iterable<RefiTextSource>;
  readonly notes: Iterable<RefiNote>;
}

/** Writes `items` inside one `container` element, left out when there are none (the schema wants at least one). */
function container<T>(w: XmlWriter, name: string, items: Iterable<T>, write: (w: XmlWriter, item: T) => void): void {
  let open = false;
  for (const item of items) {
    if (!open) w.open(name);
    open = true;
    write(w, item);
  }
  if (open) w.close(name);
}

/** project.qde for a .qdpx, written into its zip entry a megabyte at a time (packed meanwhile). */
export function writeProjectQde(p: QdeProject, entry: PackedEntry): void {
  const w = new XmlWriter((chunk) => entry.add(chunk));
  w.open('Project', {
    xmlns: PROJECT_NS,
    name: p.name,
    origin: p.origin,
    creatingUserGUID: p.creatingUser,
    creationDateTime: p.creationDateTime,
  });
  if (p.users.length) {
    w.open('Users');
    for (const u of p.users) w.empty('User', { guid: u.guid, name: u.name });
    w.close('Users');
  }
  if (p.codes.length) {
    w.open('CodeBook').open('Codes');
    p.codes.forEach((c) => code(w, c, true));
    w.close('Codes').close('CodeBook');
  }
  if (p.variables.length) {
    w.open('Variables');
    for (const v of p.variables) {
      if (v.description) {
        w.open('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
        description(w, v.description);
        w.close('Variable');
      } else w.empty('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
    }
    w.close('Variables');
  }
  if (p.cases.length) {
    w.open('Cases');
    for (const c of p.cases) {
      w.open('Case', { guid: c.guid, name: c.name });
      description(w, c.description);
      c.values.forEach((v) => value(w, v));
      for (const g of c.sourceRefs) w.empty('SourceRef', { targetGUID: g });
      for (const g of c.selectionRefs) w.empty('SelectionRef', { targetGUID: g });
      w.close('Case');
    }
    w.close('Cases');
  }
  container(w, 'Sources', p.sources, textSource);
  container(w, 'Notes', p.notes, note);
  if (p.sets.length) {
    w.open('Sets');
    p.sets.forEach((s) => projectSet(w, s));
    w.close('Sets');
  }
  description(w, p.description);
  noteRefs(w, p.noteRefs);
  entry.end(w.close('Project').rest());
}

/** A .qdc codebook file. */
export function writeCodebookXml(cb: RefiCodebook): string {
  const w = new XmlWriter();
  w.open('CodeBook', { xmlns: CODEBOOK_NS, origin: cb.origin });
  w.open('Codes');
  cb.codes.forEach((c) => code(w, c, false));
  w.close('Codes');
  if (cb.sets.length) {
    w.open('Sets');
    for (const s of cb.sets) {
      w.open('Set', { guid: s.guid, name: s.name });
      description(w, s.description);
      for (const g of s.memberCodes) w.empty('MemberCode', { guid: g });
      w.close('Set');
    }
    w.close('Sets');
  }
  w.close('CodeBook');
  return w.toString();
}
