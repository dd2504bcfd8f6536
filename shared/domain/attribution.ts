// Quote attributions from a template the author writes: "{pseudonym}, {session}" gives
// "Mentee 3, focus group 2"; "a {Year of study:ordinal-word}-year {Role:lower}" gives "a first-year mentee".

const PLACEHOLDER = /\{([^{}:]+)(?::([a-z-]+))?\}/gi;

const ORDINAL_WORDS = [
  'zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
  'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth',
];

export const ATTRIBUTION_MODIFIERS = ['lower', 'upper', 'title', 'ordinal', 'ordinal-word'] as const;

/** The fields every quote has, besides the participant's attributes. */
export const ATTRIBUTION_FIELDS = ['pseudonym', 'session', 'document', 'group', 'date'] as const;

export function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

function applyModifier(value: string, modifier: string | undefined): string {
  switch (modifier) {
    case 'lower':
      return value.toLowerCase();
    case 'upper':
      return value.toUpperCase();
    case 'title':
      return value.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    case 'ordinal':
    case 'ordinal-word': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 0) return value;
      return modifier === 'ordinal-word' && n < ORDINAL_WORDS.length ? ORDINAL_WORDS[n] : ordinalSuffix(n);
    }
    default:
      return value;
  }
}

const fold = (s: string) => s.trim().toLowerCase();

/** Every field the template names, built-in or attribute, as written. */
export function attributionFieldsUsed(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Names in the template that are neither built-in fields nor known attributes, to warn about. */
export function unknownAttributionFields(template: string, attributeNames: readonly string[]): string[] {
  const known = new Set([...ATTRIBUTION_FIELDS, ...attributeNames].map(fold));
  return attributionFieldsUsed(template).filter((f) => !known.has(fold(f)));
}

/** Fills the template; empty fields take their separators with them ("Mentee 3, " → "Mentee 3"). */
export function formatAttribution(template: string, fields: Readonly<Record<string, string | null | undefined>>): string {
  const byName = new Map<string, string>();
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined) byName.set(fold(k), v.trim());
  const fill = (name: string, modifier: string | undefined) => applyModifier(byName.get(fold(name)) ?? '', modifier?.toLowerCase());
  // "a {year:ordinal-word}-year" → "an eighth-year": the article agrees with what is filled in.
  const out = template
    .replace(/\b([Aa]) \{([^{}:]+)(?::([a-z-]+))?\}/g, (_all, article: string, name: string, modifier: string | undefined) => {
      const value = fill(name, modifier);
      return `${/^([aeiou]|8|11\b|18\b)/i.test(value) ? `${article}n` : article} ${value}`;
    })
    .replace(PLACEHOLDER, (_all, name: string, modifier: string | undefined) => fill(name, modifier));
  return out
    .replace(/\s+/g, ' ')
    .replace(/([,;])\s*(?:[,;]\s*)+/g, '$1 ')
    .replace(/\(\s*[,;]?\s*/g, '(')
    .replace(/\s*[,;]?\s*\)/g, ')')
    .replace(/\s*\(\)/g, '')
    .replace(/^[\s,;–-]+|[\s,;–-]+$/g, '')
    .replace(/\s+([,;])/g, '$1')
    .trim();
}
