// The languages a report can be written in: the tag Word's spelling and hyphenation follow, and the
// quotation marks of that language's typography (primary and nested), so a report uses one style.

export interface ReportLanguage {
  /** BCP 47, as Word's w:lang takes it. */
  readonly tag: string;
  readonly name: string;
  readonly quotes: readonly [open: string, close: string];
  readonly nested: readonly [open: string, close: string];
}

const NBSP = '\u00A0';

export const REPORT_LANGUAGES = [
  { tag: 'en-GB', name: 'English (UK)', quotes: ['“', '”'], nested: ['‘', '’'] },
  { tag: 'en-US', name: 'English (US)', quotes: ['“', '”'], nested: ['‘', '’'] },
  // French sets its guillemets apart from the words by a no-break space.
  { tag: 'fr-FR', name: 'French', quotes: [`«${NBSP}`, `${NBSP}»`], nested: ['“', '”'] },
  { tag: 'de-DE', name: 'German', quotes: ['„', '“'], nested: ['‚', '‘'] },
  { tag: 'nl-NL', name: 'Dutch', quotes: ['“', '”'], nested: ['‘', '’'] },
  { tag: 'es-ES', name: 'Spanish', quotes: ['«', '»'], nested: ['“', '”'] },
  { tag: 'pt-PT', name: 'Portuguese', quotes: ['«', '»'], nested: ['“', '”'] },
  { tag: 'pt-BR', name: 'Portuguese (Brazil)', quotes: ['“', '”'], nested: ['‘', '’'] },
  { tag: 'it-IT', name: 'Italian', quotes: ['«', '»'], nested: ['“', '”'] },
  { tag: 'sv-SE', name: 'Swedish', quotes: ['”', '”'], nested: ['’', '’'] },
  { tag: 'da-DK', name: 'Danish', quotes: ['»', '«'], nested: ['›', '‹'] },
  { tag: 'nb-NO', name: 'Norwegian', quotes: ['«', '»'], nested: ['‘', '’'] },
  { tag: 'fi-FI', name: 'Finnish', quotes: ['”', '”'], nested: ['’', '’'] },
  { tag: 'pl-PL', name: 'Polish', quotes: ['„', '”'], nested: ['«', '»'] },
] as const satisfies readonly ReportLanguage[];

export type ReportLanguageTag = (typeof REPORT_LANGUAGES)[number]['tag'];
export const REPORT_LANGUAGE_TAGS = REPORT_LANGUAGES.map((l) => l.tag) as [ReportLanguageTag, ...ReportLanguageTag[]];

export function reportLanguage(tag: string): ReportLanguage {
  return REPORT_LANGUAGES.find((l) => l.tag === tag) ?? REPORT_LANGUAGES[0];
}

/**
 * Straight marks set as the language sets them: a " opens where a word follows and closes
 * elsewhere, with `marks`; a ' is an apostrophe (’) except where it opens a nested quotation.
 */
function curled(text: string, marks: readonly [string, string], nested: readonly [string, string]): string {
  return text
    .replace(/(^|[\s([{\u2014\u2013-])'(?=[\p{L}\p{N}])/gu, (_m, before: string) => `${before}${nested[0]}`)
    .replace(/'/g, '’')
    .replace(/(^|[\s([{\u2014\u2013-])"(?=\S)/gu, (_m, before: string) => `${before}${marks[0]}`)
    .replace(/"/g, marks[1]);
}

/** Printed text with its straight quotation marks in the language's marks (a report uses one style). */
export function curlQuotes(text: string, tag: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const language = reportLanguage(tag);
  return curled(text, language.quotes, language.nested);
}

/**
 * A quotation in the language's marks, and any straight marks inside it set as the language's
 * nested marks: the one function every printed quotation goes through.
 */
export function quoted(text: string, tag: string): string {
  const language = reportLanguage(tag);
  return `${language.quotes[0]}${curled(text, language.nested, language.nested)}${language.quotes[1]}`;
}

// A few of each language's commonest words; the language whose words are most frequent in a sample
// of the transcripts is the one the report is written in (shown to the author, who may choose another).
const COMMON_WORDS: Readonly<Partial<Record<ReportLanguageTag, readonly string[]>>> = {
  'en-GB': ['the', 'and', 'that', 'you', 'was', 'with', 'for', 'it', 'of', 'is', 'i', 'to'],
  'fr-FR': ['le', 'la', 'les', 'et', 'est', 'que', 'je', 'des', 'une', 'pas', 'qui', 'dans'],
  'de-DE': ['der', 'die', 'und', 'das', 'ich', 'nicht', 'ist', 'mit', 'ein', 'auch', 'wir', 'sie'],
  'nl-NL': ['de', 'het', 'een', 'en', 'dat', 'ik', 'niet', 'is', 'van', 'wij', 'ook', 'maar'],
  'es-ES': ['el', 'los', 'que', 'y', 'es', 'por', 'una', 'con', 'para', 'pero', 'muy', 'yo'],
  'pt-PT': ['o', 'os', 'que', 'e', 'não', 'uma', 'com', 'para', 'mas', 'eu', 'muito', 'isso'],
  'it-IT': ['il', 'che', 'e', 'non', 'di', 'una', 'per', 'sono', 'ma', 'io', 'anche', 'gli'],
  'sv-SE': ['och', 'att', 'det', 'som', 'är', 'jag', 'inte', 'med', 'på', 'för', 'vi', 'en'],
  'da-DK': ['og', 'at', 'det', 'er', 'jeg', 'ikke', 'med', 'på', 'for', 'vi', 'som', 'en'],
  'nb-NO': ['og', 'at', 'det', 'er', 'jeg', 'ikke', 'med', 'på', 'for', 'vi', 'som', 'hun'],
  'fi-FI': ['ja', 'on', 'että', 'ei', 'se', 'oli', 'mutta', 'kun', 'niin', 'minä', 'myös', 'tämä'],
  'pl-PL': ['i', 'nie', 'się', 'że', 'jest', 'na', 'to', 'jak', 'ale', 'co', 'tak', 'być'],
};

/** The language whose common words the text uses most; null when the text has too few words to tell. */
export function detectLanguage(text: string): ReportLanguageTag | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 20) return null;
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  let best: ReportLanguageTag | null = null;
  let bestScore = 0;
  for (const [tag, common] of Object.entries(COMMON_WORDS) as [ReportLanguageTag, readonly string[]][]) {
    const score = common.reduce((s, w) => s + (counts.get(w) ?? 0), 0);
    if (score > bestScore) [best, bestScore] = [tag, score];
  }
  return bestScore >= 5 ? best : null;
}
