import type { AttributeType } from '../../../shared/domain/vocabulary';

export type ValueCheck = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly problem: string };

const YES = new Set(['yes', 'y', 'true', '1', 'ja', 'oui', 'si', 'sí', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'nein', 'non']);

/** A value as stored for an attribute of this type, or why it does not fit. */
export function normalizeValue(type: AttributeType, raw: string, choices: readonly string[]): ValueCheck {
  const v = raw.trim();
  switch (type) {
    case 'text':
      return { ok: true, value: v };
    case 'number': {
      const n = Number(v.replace(/\s/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2'));
      return v !== '' && Number.isFinite(n) ? { ok: true, value: String(n) } : { ok: false, problem: `“${v}” is not a number` };
    }
    case 'date':
      return isoDate(v);
    case 'boolean': {
      const key = v.toLowerCase();
      if (YES.has(key)) return { ok: true, value: 'yes' };
      if (NO.has(key)) return { ok: true, value: 'no' };
      return { ok: false, problem: `“${v}” is neither yes nor no` };
    }
    case 'choice': {
      const match = choices.find((c) => c.toLowerCase() === v.toLowerCase());
      return match !== undefined ? { ok: true, value: match } : { ok: false, problem: `“${v}” is not one of the choices (${choices.join(', ') || 'none yet'})` };
    }
  }
}

function isoDate(v: string): ValueCheck {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  // Day-first dates as most of the world writes them: 18.03.2024, 18/03/2024.
  const dayFirst = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(v);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : null;
  if (parts === null) return { ok: false, problem: `“${v}” is not a date (write YYYY-MM-DD)` };
  const [y, m, d] = parts;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { ok: false, problem: `“${v}” is not a date (write YYYY-MM-DD)` };
  return { ok: true, value: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
}

/** The type a column of values most likely has: numbers, dates, yes/no, a few repeated choices, else text. */
export function inferType(values: readonly string[]): AttributeType {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  if (present.length === 0) return 'text';
  const all = (type: AttributeType) => present.every((v) => normalizeValue(type, v, []).ok);
  if (all('number')) return 'number';
  if (all('date')) return 'date';
  if (all('boolean')) return 'boolean';
  const distinct = new Set(present.map((v) => v.toLowerCase())).size;
  // A few values, some of them repeated: a choice list (role, gender, campus).
  return distinct <= 12 && distinct < present.length ? 'choice' : 'text';
}

/** Distinct values in first-seen order (case ignored), to become a choice list. */
export function distinctValues(values: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) {
    const t = v.trim();
    if (t !== '' && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()];
}
