import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Coder } from '../../../shared/api/entities';
import { AppError } from '../../../shared/api/errors';
import type { CoderRole } from '../../../shared/domain/vocabulary';
import { nowIso, stmt } from '../store/statements';

const PALETTE = ['#2f6fdf', '#d9480f', '#2b8a3e', '#862e9c', '#c2255c', '#0b7285', '#e67700', '#5c940d'];

export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

export function listCoders(db: Database.Database): Coder[] {
  return stmt(db, `SELECT id, name, initials, colour, role FROM coders ORDER BY created_at, name`).all() as Coder[];
}

export function getCoder(db: Database.Database, id: string): Coder {
  const c = stmt(db, `SELECT id, name, initials, colour, role FROM coders WHERE id = ?`).get(id) as Coder | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That coder is not part of this project.');
  return c;
}

export function insertCoder(
  db: Database.Database,
  input: { id?: string; name: string; initials?: string; colour?: string; role?: CoderRole },
): Coder {
  const count = stmt(db, `SELECT count(*) FROM coders`).pluck().get() as number;
  const coder: Coder = {
    id: input.id ?? randomUUID(),
    name: input.name.trim(),
    initials: (input.initials ?? initialsOf(input.name)).toUpperCase(),
    colour: input.colour ?? PALETTE[count % PALETTE.length],
    role: input.role ?? 'coder',
  };
  stmt(db, `INSERT INTO coders (id, name, initials, colour, role, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    coder.id,
    coder.name,
    coder.initials,
    coder.colour,
    coder.role,
    nowIso(),
  );
  return coder;
}
