import type Database from 'better-sqlite3';
import type { CodebookNode } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import { stmt } from '../store/statements';

interface NodeRow {
  id: string;
  level: CodebookNode['level'];
  name: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  example_unit_id: string | null;
  colour: string;
  shortcut: string | null;
  status: CodebookNode['status'];
  sort: number;
  codings: number;
}

/** Every node with its parents; `coderId` narrows the coding counts to one coder (blind mode). */
export function listNodes(db: Database.Database, coderId: string | null): CodebookNode[] {
  const rows = stmt(
    db,
    `SELECT n.*, coalesce(c.n, 0) AS codings FROM codebook_nodes n
     LEFT JOIN (SELECT code_id, count(*) AS n FROM codings ${coderId ? 'WHERE coder_id = @coder' : ''} GROUP BY code_id) c ON c.code_id = n.id
     ORDER BY n.sort, n.name`,
  ).all(coderId ? { coder: coderId } : {}) as NodeRow[];
  const links = stmt(db, `SELECT parent_id, child_id FROM codebook_links ORDER BY sort`).all() as { parent_id: string; child_id: string }[];
  const parents = new Map<string, string[]>();
  for (const l of links) {
    const list = parents.get(l.child_id) ?? [];
    list.push(l.parent_id);
    parents.set(l.child_id, list);
  }
  return rows.map((r) => toNode(r, parents.get(r.id) ?? []));
}

/** One node with its parents and its coding count; NOT_FOUND when it is gone. */
export function getNode(db: Database.Database, id: string, coderId: string | null): CodebookNode {
  const r = stmt(
    db,
    `SELECT n.*, (SELECT count(*) FROM codings c WHERE c.code_id = n.id ${coderId ? 'AND c.coder_id = @coder' : ''}) AS codings
     FROM codebook_nodes n WHERE n.id = @id`,
  ).get(coderId ? { id, coder: coderId } : { id }) as NodeRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', 'That code or category is not in the codebook any more (it may have been deleted or merged).');
  const parentIds = stmt(db, `SELECT parent_id FROM codebook_links WHERE child_id = ? ORDER BY sort`).pluck().all(id) as string[];
  return toNode(r, parentIds);
}

function toNode(r: NodeRow, parentIds: string[]): CodebookNode {
  return {
    id: r.id,
    level: r.level,
    name: r.name,
    definition: r.definition,
    inclusion: r.inclusion,
    exclusion: r.exclusion,
    exampleUnitId: r.example_unit_id,
    colour: r.colour,
    shortcut: r.shortcut,
    status: r.status,
    parentIds,
    sort: r.sort,
    codings: r.codings,
  };
}

/** The memo title that holds a code's example when it is text, not a meaning unit (a codebook spreadsheet's example column). */
export const EXAMPLE_MEMO_TITLE = 'Example';

/** Each node's example as text: its chosen meaning unit's words, else its memo titled “Example”. */
export function nodeExampleTexts(db: Database.Database): Map<string, string> {
  const out = new Map<string, string>();
  const memos = stmt(db, `SELECT target_id, body FROM memos WHERE target_type = 'node' AND title = ? ORDER BY created_at, id`).all(EXAMPLE_MEMO_TITLE) as { target_id: string; body: string }[];
  for (const m of memos) if (!out.has(m.target_id)) out.set(m.target_id, m.body);
  const units = stmt(
    db,
    `SELECT n.id, u.start, u."end", d.text FROM codebook_nodes n JOIN meaning_units u ON u.id = n.example_unit_id JOIN documents d ON d.id = u.document_id`,
  ).all() as { id: string; start: number; end: number; text: string }[];
  // Offsets count UTF-16 code units, as JavaScript strings do (SQLite's substr counts characters).
  for (const u of units) out.set(u.id, u.text.slice(u.start, u.end));
  return out;
}
