import type Database from 'better-sqlite3';
import type { CharacterInput, SpanCoding } from '../electron/core/agreement/character-level';
import type { UnitAgreementInput, UnitCoding } from '../electron/core/agreement/unit-agreement';
import { Prng } from '../shared/domain/prng';

// The inputs of the agreement figures: read from a study file the way a comparison needs them,
// or built in memory at exactly the size issue #5 names (50,000 units × 300 codes).

export interface AgreementInputs {
  readonly unit: UnitAgreementInput;
  readonly character: CharacterInput;
}

/** Two coders' unit codings of a study, as one pass of plain queries. */
export function agreementInputsFromStudy(db: Database.Database, coderA: string, coderB: string): AgreementInputs {
  const units = db.prepare(`SELECT id, document_id AS documentId, start, "end" FROM meaning_units ORDER BY document_id, start`).all() as {
    id: string;
    documentId: string;
    start: number;
    end: number;
  }[];
  const codeIds = db.prepare(`SELECT id FROM codebook_nodes WHERE level = 'code' ORDER BY sort, rowid`).pluck().all() as string[];
  const codings = db
    .prepare(`SELECT unit_id AS unitId, code_id AS codeId, coder_id AS coderId, document_id AS documentId FROM codings WHERE unit_id IS NOT NULL AND coder_id IN (?, ?)`)
    .all(coderA, coderB) as (UnitCoding & { documentId: string })[];
  // Lengths in UTF-16 code units, as spans are stored: SQLite's length() counts code points, short of the text after an emoji.
  const documents = (db.prepare(`SELECT id, text FROM documents`).all() as { id: string; text: string }[]).map((d) => ({ id: d.id, length: d.text.length }));
  const span = new Map(units.map((u) => [u.id, u] as const));
  const spans: SpanCoding[] = codings.map((c) => {
    const u = span.get(c.unitId)!;
    return { documentId: c.documentId, codeId: c.codeId, coderId: c.coderId, start: u.start, end: u.end };
  });
  // Free spans count at the character level as they lie.
  const free = db
    .prepare(`SELECT document_id AS documentId, code_id AS codeId, coder_id AS coderId, start, "end" FROM codings WHERE unit_id IS NULL AND coder_id IN (?, ?)`)
    .all(coderA, coderB) as SpanCoding[];
  spans.push(...free);
  return {
    unit: { units, codeIds, codings, coderA, coderB },
    character: { documents, codeIds, codings: spans, coderA, coderB },
  };
}

/** Two coders over `unitCount` units and `codeCount` codes, 1.5 codes per unit each, agreeing on 85%. */
export function syntheticAgreementInputs(unitCount: number, codeCount: number, seed = 5): AgreementInputs {
  const rng = new Prng(seed);
  const unitsPerDocument = 200;
  const unitLength = 280;
  const codeIds = Array.from({ length: codeCount }, (_, i) => `code-${i}`);
  const units: { id: string; documentId: string }[] = [];
  const codings: UnitCoding[] = [];
  const spans: SpanCoding[] = [];
  const documents: { id: string; length: number }[] = [];
  let focus: string[] = [];
  for (let u = 0; u < unitCount; u++) {
    const d = Math.floor(u / unitsPerDocument);
    const documentId = `doc-${d}`;
    if (u % unitsPerDocument === 0) {
      documents.push({ id: documentId, length: Math.min(unitsPerDocument, unitCount - u) * unitLength });
      focus = Array.from({ length: 24 }, () => rng.pick(codeIds));
    }
    const id = `unit-${u}`;
    units.push({ id, documentId });
    const start = (u % unitsPerDocument) * unitLength;
    const add = (codeId: string, coderId: string) => {
      codings.push({ unitId: id, codeId, coderId });
      spans.push({ documentId, codeId, coderId, start, end: start + unitLength - 1 });
    };
    const a = new Set<string>();
    while (a.size < 1 + (u % 2)) a.add(rng.pick(focus));
    const b = new Set<string>();
    for (const code of a) {
      let other = rng.chance(0.85) ? code : rng.pick(codeIds);
      while (b.has(other)) other = rng.pick(codeIds);
      b.add(other);
    }
    a.forEach((c) => add(c, 'A'));
    b.forEach((c) => add(c, 'B'));
  }
  return {
    unit: { units, codeIds, codings, coderA: 'A', coderB: 'B' },
    character: { documents, codeIds, codings: spans, coderA: 'A', coderB: 'B' },
  };
}
