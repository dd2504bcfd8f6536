// Which way a text runs and which language's rules segment it, read from its letters: the first
// strong character decides a paragraph's direction (as the Unicode bidirectional algorithm and
// HTML's dir="auto" decide it), and the script most of the letters are in names the language.

export type TextDirection = 'ltr' | 'rtl';

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;
const STRONG = /\p{L}/u;
const SAMPLE_CHARS = 20_000;

/** The direction of a paragraph: that of its first letter; null when it holds none (only digits, marks, spaces). */
export function paragraphDirection(text: string): TextDirection | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  for (const ch of sample) {
    if (!STRONG.test(ch)) continue;
    return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
  }
  return null;
}

// Letters Persian writes and Arabic does not: پ چ ژ گ, Persian kaf and yeh.
const PERSIAN_ONLY = /[\u067e\u0686\u0698\u06af\u06a9\u06cc]/g;
const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]/g;
const HEBREW_SCRIPT = /[\u0590-\u05ff\ufb1d-\ufb4f]/g;
const ANY_LETTER = /\p{L}/gu;

/**
 * The language whose sentence and word rules suit a text, by its script: Persian, Arabic or Hebrew
 * when most letters are in those scripts, else the given default.
 */
export function textLocale(text: string, fallback = 'en'): string {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = sample.match(ANY_LETTER)?.length ?? 0;
  if (letters === 0) return fallback;
  const arabic = sample.match(ARABIC_SCRIPT)?.length ?? 0;
  const hebrew = sample.match(HEBREW_SCRIPT)?.length ?? 0;
  if (hebrew * 2 > letters) return 'he';
  if (arabic * 2 > letters) return (sample.match(PERSIAN_ONLY)?.length ?? 0) > 0 ? 'fa' : 'ar';
  return fallback;
}
