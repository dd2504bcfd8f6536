// What transcribers write that nobody said: stage directions ("(Laughter)", "[crosstalk]"),
// inaudible marks ("[inaudible 00:12:03]") and bare timestamps. They stay in the text, where the
// reader needs them, but a stretch made only of them is never a meaning unit of its own.

// Square brackets (and Markdown's escaped ones) hold the transcriber's notes by convention.
const BRACKETED = /\\?\[[^[\]\n]{0,80}\\?\]/gu;
// Parentheses also hold asides that were spoken ("(I think)"), so only known directions count.
const PARENTHESISED = /\(([^()\n]{1,80})\)/gu;
// Stems of stage directions in the languages the importer reads; matched at the start of a word.
const DIRECTION_STEMS = [
  // English
  'laugh', 'chuckl', 'giggl', 'pause', 'silence', 'inaudible', 'unintelligible', 'unclear', 'crosstalk', 'cross-talk', 'overlap',
  'interrupt', 'sigh', 'cough', 'clear', 'noise', 'music', 'applause', 'clap', 'phone', 'door', 'knock', 'break', 'recording', 'tape',
  'end of', 'background', 'indistinct', 'sneez', 'cries', 'crying', 'nods', 'shakes', 'gestur',
  // German, Spanish, Portuguese, French
  'lach', 'unverständlich', 'räusper', 'risa', 'riso', 'pausa', 'ininteligible', 'inaudível', 'incompreensível', 'silencio', 'silêncio',
  'rire', 'incompréhensible', 'soupir', 'toux',
  // Persian, Arabic, Hebrew
  'خنده', 'مکث', 'نامفهوم', 'سکوت', 'ضحك', 'صمت', 'غير مسموع', 'צחוק', 'שתיקה', 'לא ברור',
];
const DIRECTION = new RegExp(`(?:^|[^\\p{L}])(?:${DIRECTION_STEMS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'iu');
// *laughs* and _laughs_, as chat-style transcripts mark them.
const STARRED = /(?:^|\s)[*_][^*_\n]{1,40}[*_](?=\s|$)/gu;
const TIME = /\b\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\b/gu;

/** Whether a stretch of text holds nothing that was said: only directions, marks, times and punctuation. */
export function isNonSpeech(text: string): boolean {
  const rest = text
    .replace(BRACKETED, ' ')
    .replace(PARENTHESISED, (all, inner: string) => (DIRECTION.test(inner) ? ' ' : all))
    .replace(STARRED, (all) => (DIRECTION.test(all) ? ' ' : all))
    .replace(TIME, ' ');
  return !/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(rest);
}
