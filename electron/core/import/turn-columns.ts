import { isPseudoLabel, isRoleLabel, labelKey } from '../../../shared/text/label-words';
import { matchLabel } from '../../../shared/text/labels';

// The header names of a table of turns, shared by CSV column guessing and HTML tables of turns.
// English and German first, then the words Spanish, Portuguese, French, Persian and Arabic exports use.
export const SPEAKER_HEADER =
  /^(?:speaker|name|participant|person|who|sprecher(?:in)?|teilnehmer(?:in)?|role|hablante|orador(?:a)?|participante|falante|locuteur|locutrice|intervenant|nom|nombre|nome|گوینده|سخنران|نام|المتحدث|الاسم)$/i;
export const TEXT_HEADER =
  /^(?:text|utterance|content|speech|transcript|answer|response|comment|quote|turn|texto|texte|transcripción|transcrição|transcription|respuesta|resposta|réponse|متن|پاسخ|النص)$/i;
export const TIME_HEADER = /^(?:time|timestamp|start|start time|time ?code|zeit|zeitstempel|tiempo|hora|marca de tiempo|tempo|horário|temps|horodatage|début|زمان|الوقت)$/i;
export const TAG_HEADER = /^(?:tags?|codes?|codings?|labels?|categor(?:y|ies)|themes?|kodes?|codierung(?:en)?|schlagw(?:ö|oe)rter|etiquetas?|códigos?|étiquettes?|برچسب(?:‌ها)?)$/i;

/** A row that names columns (`Speaker | Text`), not one that holds a turn. */
export function isTurnsHeader(cells: readonly string[]): boolean {
  return cells.length >= 2 && cells.every((c) => [SPEAKER_HEADER, TEXT_HEADER, TIME_HEADER].some((re) => re.test(c.trim())));
}

const TIME_CELL = /^[[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?$/;
/** A speaker cell is a name, not a sentence. */
const MAX_SPEAKER_CELL = 60;

/**
 * A row of a table of turns (a word processor's or a web page's) as one line: `Speaker: text`,
 * `[time] Speaker: text`, or its cells in order when no cell reads as a speaker; null for a header
 * row or a row without text.
 */
export function rowAsTurn(rawCells: readonly string[]): string | null {
  const cells = rawCells.map((c) => c.replace(/\s+/g, ' ').trim()).filter((c) => c !== '');
  if (cells.length === 0 || isTurnsHeader(cells)) return null;
  const times = cells.filter((c) => TIME_CELL.test(c));
  const words = cells.filter((c) => !TIME_CELL.test(c));
  const time = times.length > 0 ? `[${times[0].replace(/^[[(]|[\])]$/g, '')}] ` : '';
  const speaker = words.length >= 2 ? words[0].replace(/\s*:$/, '') : '';
  if (speaker !== '' && speaker.length <= MAX_SPEAKER_CELL && !/[.!?]$/.test(speaker)) return `${time}${speaker}: ${words.slice(1).join(' ')}`;
  return `${time}${words.join(' ')}`;
}

/**
 * Whether the bold (or speaker-styled) run that opens a paragraph could be a speaker's label written
 * without a colon (`**Mentee 3** I never met mine`): a name's shape, and words after it. Whether it
 * is one takes evidence as well (boldLabelCandidate, resolveBoldLabels).
 */
export function isBoldLabel(run: string, after: string): boolean {
  if (!/^[ \t\u00a0\n]+[^\s:,.;!?)]/.test(after)) return false;
  // The whole run as a label with a colon: a plausible name, perhaps with an attribute part or a time.
  const name = run.trim();
  const match = matchLabel(`${name}:`, 0);
  return match !== null && match.style === 'colon' && match.labelEnd === name.length + 1;
}

// Bold is emphasis as often as it is a label ("**Really** I did not expect that"): a bold run heard
// once is a label only when it has a label's shape of its own, else only when the same run opens
// another paragraph too. Until the whole document is read, a candidate is written between marks:
// SURE (a shape of its own) or MAYBE (needs a second paragraph), then END, then the space after it.
const SURE = '\ufdd0';
const MAYBE = '\ufdd1';
const END = '\ufdd2';
/** The noncharacters the marks use: taken out of the input so that no text can forge one. */
export const BOLD_MARKS = /[\ufdd0-\ufdd3]/g;
const CANDIDATE = /([\ufdd0\ufdd1])([^\ufdd0-\ufdd2]*)\ufdd2([ \t\u00a0\n]*)/g;

// `Mentee 1`, `Aluna 3`, `P3`, `Int 2`: a word and a participant's number.
const NUMBERED = /^(?:\p{L}[\p{L}\p{M}'’\u200c-]*[ \t]+\p{N}{1,4}|\p{L}{1,5}\p{N}{1,4})$/u;
// `MARIA`, `DR. KHAN`, `JS`, `J.S.`: capitals only (two at least), or initials.
const CAPITALS = /^(?=[^\p{Ll}]*\p{Lu}[^\p{Ll}]*\p{Lu})[\p{Lu}\p{N} .'’-]+$/u;

/** Whether an opening bold run names a speaker by its shape alone, without being heard twice. */
export function hasLabelShape(run: string, after: string, styled = false): boolean {
  // A run in a style named for speakers, or one a tab or a line break sets apart from the words.
  if (styled || /^[ \u00a0]*[\t\n]/.test(after)) return true;
  const match = matchLabel(`${run.trim()}:`, 0);
  if (match === null) return false;
  const { name } = match;
  return match.attributes !== null || match.timestamp !== null || isRoleLabel(name) || isPseudoLabel(name) || NUMBERED.test(name) || CAPITALS.test(name);
}

/** The paragraph start for an opening bold run that may label the words after it, marked for resolveBoldLabels. */
export function boldLabelCandidate(run: string, after: string, styled = false): string | null {
  if (!isBoldLabel(run, after)) return null;
  const [, space, words] = /^([ \t\u00a0\n]*)([\s\S]*)$/.exec(after) ?? ['', '', after];
  return `${hasLabelShape(run, after, styled) ? SURE : MAYBE}${run.trim()}${END}${space}${words}`;
}

/**
 * The document's text with each marked bold run decided: a label (`Name: words`) when it has a
 * label's shape or opens at least two paragraphs, else the words as written.
 */
export function resolveBoldLabels(text: string): string {
  const counts = new Map<string, number>();
  for (const [, , run] of text.matchAll(CANDIDATE)) counts.set(labelKey(run), (counts.get(labelKey(run)) ?? 0) + 1);
  return text.replace(CANDIDATE, (_all, mark: string, run: string, space: string) =>
    mark === SURE || (counts.get(labelKey(run)) ?? 0) >= 2 ? `${run}: ` : `${run}${space}`,
  );
}

/** Character styles transcribers give labels: "Speaker", "Speaker Name", "Sprecher", "Interlocutor"… */
export const LABEL_STYLE_NAME = /^(?:speaker|speaker ?name|speaker ?label|label|sprecher(?:in)?|hablante|locuteur|interlocut(?:or|eur)|orador|falante|گوینده)\b/i;
