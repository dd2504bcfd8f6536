import { isAnnotation, isPlausibleName } from '../../../shared/text/label-words';

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
 * Whether the bold (or speaker-styled) run that opens a paragraph is a speaker's label written
 * without a colon (`**Mentee 3** I never met mine`): a name's shape, and words after it.
 */
export function isBoldLabel(run: string, after: string): boolean {
  const name = run.trim();
  return /^[ \t\u00a0\n]+[^\s:,.;!?)]/.test(after) && isPlausibleName(name) && !isAnnotation(name);
}

/** Character styles transcribers give labels: "Speaker", "Speaker Name", "Sprecher", "Interlocutor"… */
export const LABEL_STYLE_NAME = /^(?:speaker|speaker ?name|speaker ?label|label|sprecher(?:in)?|hablante|locuteur|interlocut(?:or|eur)|orador|falante|گوینده)\b/i;
