import type Database from 'better-sqlite3';
import type { Attribute, Participant } from '../../../shared/api/entities';
import { stmt } from '../store/statements';

export function listAttributes(db: Database.Database): Attribute[] {
  const rows = stmt(db, `SELECT id, name, type, choices, sort FROM attributes ORDER BY sort, name`).all() as (Omit<Attribute, 'choices'> & {
    choices: string;
  })[];
  return rows.map((r) => ({ ...r, choices: JSON.parse(r.choices) as string[] }));
}

export function listParticipants(db: Database.Database): Participant[] {
  const people = stmt(db, `SELECT id, label, pseudonym, notes FROM participants ORDER BY sort, label`).all() as {
    id: string;
    label: string;
    pseudonym: string;
    notes: string;
  }[];
  const values = stmt(db, `SELECT participant_id AS p, attribute_id AS a, value FROM participant_values`).all() as { p: string; a: string; value: string }[];
  const turns = stmt(db, `SELECT participant_id AS p, document_id AS d, count(*) AS n FROM turns WHERE participant_id IS NOT NULL GROUP BY p, d`).all() as {
    p: string;
    d: string;
    n: number;
  }[];
  const byPerson = new Map<string, Participant>(
    people.map((p) => [p.id, { ...p, values: {}, documentIds: [], turns: 0 }] as [string, Participant]),
  );
  for (const v of values) {
    const p = byPerson.get(v.p);
    if (p) (p.values as Record<string, string>)[v.a] = v.value;
  }
  for (const t of turns) {
    const p = byPerson.get(t.p);
    if (!p) continue;
    (p.documentIds as string[]).push(t.d);
    (p as { turns: number }).turns += t.n;
  }
  return [...byPerson.values()];
}

/** Participants who speak in at least one turn not marked as the facilitator's: the people a study reports on. */
export function speakingParticipantIds(db: Database.Database): Set<string> {
  return new Set(stmt(db, `SELECT DISTINCT participant_id FROM turns WHERE participant_id IS NOT NULL AND is_facilitator = 0`).pluck().all() as string[]);
}

export interface LabelledParticipant {
  readonly participantId: string;
  readonly label: string;
  readonly pseudonym: string;
  readonly sessions: { documentId: string; title: string; groupId: string | null }[];
}

/** Every participant with the documents they speak in, in project order. */
export function participantsWithSessions(db: Database.Database): LabelledParticipant[] {
  const rows = stmt(
    db,
    `SELECT p.id, p.label, p.pseudonym, d.id AS documentId, d.title, d.group_id AS groupId
     FROM participants p
     LEFT JOIN (SELECT DISTINCT participant_id, document_id FROM turns WHERE participant_id IS NOT NULL) t ON t.participant_id = p.id
     LEFT JOIN documents d ON d.id = t.document_id
     ORDER BY p.sort, p.created_at, d.sort, d.title`,
  ).all() as { id: string; label: string; pseudonym: string; documentId: string | null; title: string | null; groupId: string | null }[];
  const byId = new Map<string, LabelledParticipant>();
  for (const r of rows) {
    let p = byId.get(r.id);
    if (!p) byId.set(r.id, (p = { participantId: r.id, label: r.label, pseudonym: r.pseudonym, sessions: [] }));
    if (r.documentId) p.sessions.push({ documentId: r.documentId, title: r.title ?? '', groupId: r.groupId });
  }
  return [...byId.values()];
}
