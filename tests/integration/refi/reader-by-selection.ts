import { XMLParser } from 'fast-xml-parser';

// A REFI-QDA reader written for the tests, independent of Condensa's own, following the rules of
// the readers people use (QualCoder's importer, refi.py, as published):
// - users are read from <Users>, GUID → name;
// - a text coding's owner is its PlainTextSelection's creatingUser (else modifyingUser), looked up
//   in <Users>; the <Coding>'s own creatingUser is not read; a selection naming no known user
//   gives its codings the owner "default";
// - a coding is one row keyed by (code, source, start, end, owner): a second row with the same key
//   is a duplicate, and dropped ("Only one loaded").

export interface ReadCoding {
  readonly codingGuid: string;
  readonly code: string;
  readonly source: string;
  readonly start: number;
  readonly end: number;
  readonly owner: string;
}

export interface ReadBySelection {
  readonly users: ReadonlyMap<string, string>;
  readonly selections: number;
  readonly selectionsWithUser: number;
  /** Rows kept, in file order. */
  readonly codings: readonly ReadCoding[];
  /** Codings dropped as duplicates of a kept row. */
  readonly dropped: readonly ReadCoding[];
}

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const attr = (n: Node, name: string): string | undefined => n[`@_${name}`] as string | undefined;

export function readBySelection(qde: string): ReadBySelection {
  const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, removeNSPrefix: true }).parse(qde) as Node;
  const project = root.Project as Node;
  const users = new Map(list((project.Users as Node | undefined)?.User).map((u) => [attr(u, 'guid')!, attr(u, 'name') ?? '']));
  const seen = new Set<string>();
  const codings: ReadCoding[] = [];
  const dropped: ReadCoding[] = [];
  let selections = 0;
  let selectionsWithUser = 0;
  for (const source of list((project.Sources as Node | undefined)?.TextSource)) {
    for (const sel of list(source.PlainTextSelection)) {
      selections += 1;
      const userGuid = attr(sel, 'creatingUser') ?? attr(sel, 'modifyingUser');
      const owner = (userGuid && users.get(userGuid)) || 'default';
      if (owner !== 'default') selectionsWithUser += 1;
      for (const coding of list(sel.Coding)) {
        const row: ReadCoding = {
          codingGuid: attr(coding, 'guid')!,
          code: attr(coding.CodeRef as Node, 'targetGUID')!,
          source: attr(source, 'guid')!,
          start: Number(attr(sel, 'startPosition')),
          end: Number(attr(sel, 'endPosition')),
          owner,
        };
        const key = [row.code, row.source, row.start, row.end, row.owner].join('|');
        if (seen.has(key)) dropped.push(row);
        else {
          seen.add(key);
          codings.push(row);
        }
      }
    }
  }
  return { users, selections, selectionsWithUser, codings, dropped };
}
