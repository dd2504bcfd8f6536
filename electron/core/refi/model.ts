// The REFI-QDA 1.0 project as plain data: what the reader produces and the writer consumes.
// Only the parts Condensa reads or writes are modelled; the reader counts the rest so the
// import report can say what was left behind.

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';
export type ValueKind = 'TextValue' | 'BooleanValue' | 'IntegerValue' | 'FloatValue' | 'DateValue' | 'DateTimeValue';

export interface RefiUser {
  readonly guid: string;
  readonly name: string;
}

export interface RefiCode {
  readonly guid: string;
  readonly name: string;
  readonly isCodable: boolean;
  readonly color: string | null;
  readonly description: string | null;
  readonly noteRefs: readonly string[];
  readonly children: readonly RefiCode[];
}

export interface RefiVariable {
  readonly guid: string;
  readonly name: string;
  readonly type: VariableType;
  readonly description: string | null;
}

export interface RefiVariableValue {
  readonly variable: string;
  readonly kind: ValueKind;
  readonly value: string;
}

export interface RefiCase {
  readonly guid: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly values: readonly RefiVariableValue[];
  readonly sourceRefs: readonly string[];
  readonly selectionRefs: readonly string[];
}

export interface RefiCoding {
  readonly guid: string;
  readonly codeRef: string;
  readonly creatingUser: string | null;
  readonly creationDateTime: string | null;
  readonly noteRefs: readonly string[];
}

export interface RefiSelection {
  readonly guid: string;
  readonly name: string | null;
  readonly start: number;
  readonly end: number;
  readonly creatingUser: string | null;
  readonly creationDateTime: string | null;
  readonly description: string | null;
  readonly codings: readonly RefiCoding[];
  readonly noteRefs: readonly string[];
}

export interface RefiTextSource {
  readonly guid: string;
  readonly name: string | null;
  readonly plainTextPath: string | null;
  readonly richTextPath: string | null;
  readonly plainTextContent: string | null;
  readonly description: string | null;
  readonly creatingUser: string | null;
  readonly creationDateTime: string | null;
  readonly selections: readonly RefiSelection[];
  /** Codings of the whole source. */
  readonly codings: readonly RefiCoding[];
  readonly noteRefs: readonly string[];
  readonly values: readonly RefiVariableValue[];
}

export interface RefiNote {
  readonly guid: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly plainTextContent: string | null;
  readonly plainTextPath: string | null;
  readonly creatingUser: string | null;
  readonly creationDateTime: string | null;
  readonly modifiedDateTime: string | null;
}

export interface RefiSet {
  readonly guid: string;
  readonly name: string;
  readonly description: string | null;
  readonly memberCodes: readonly string[];
  readonly memberSources: readonly string[];
  readonly memberNotes: readonly string[];
}

export interface RefiProject {
  readonly name: string;
  readonly origin: string | null;
  readonly creatingUser: string | null;
  readonly creationDateTime: string | null;
  readonly users: readonly RefiUser[];
  readonly codes: readonly RefiCode[];
  readonly variables: readonly RefiVariable[];
  readonly cases: readonly RefiCase[];
  readonly sources: readonly RefiTextSource[];
  readonly notes: readonly RefiNote[];
  readonly sets: readonly RefiSet[];
  readonly description: string | null;
  readonly noteRefs: readonly string[];
  /** Elements Condensa does not import, by element name (PDFSource, Graph, Link…). */
  readonly unsupported: Readonly<Record<string, number>>;
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** A GUID in the one form Condensa keeps: lower case, no braces; null when it is not a GUID. */
export function normalizeGuid(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = GUID.exec(value.trim());
  return m ? m[1].toLowerCase() : null;
}

export function isGuid(value: string): boolean {
  return GUID.test(value) && !value.startsWith('{');
}

export function allCodes(codes: readonly RefiCode[]): RefiCode[] {
  const out: RefiCode[] = [];
  const visit = (c: RefiCode) => {
    out.push(c);
    c.children.forEach(visit);
  };
  codes.forEach(visit);
  return out;
}
