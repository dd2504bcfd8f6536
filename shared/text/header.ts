import { isFacilitatorLabel } from './label-words';
import { summarizeSpeakers, type Turn } from './speakers';
import type { ParsedTranscript } from './transcript';

// Transcripts often open with a header: a title, the date, the place, "Moderator: NAME". Those
// lines describe the session; they are not speech, so they become the document's details (which
// the import shows and the user can change) and leave the text, never becoming a turn or a unit.

export interface TranscriptHeader {
  readonly title: string | null;
  readonly sessionName: string | null;
  /** ISO date (yyyy-mm-dd) when the written date is unambiguous, else null (the line stays in `lines`). */
  readonly sessionDate: string | null;
  readonly place: string | null;
  readonly facilitator: string | null;
  readonly durationMinutes: number | null;
  /** The header as written, line by line, so nothing read from it is lost. */
  readonly lines: string[];
}

/** The header as the document's notes keep it: every line as written, and the place. */
export function headerNotes(header: { readonly lines: readonly string[]; readonly place: string | null }): string {
  return ['Header of the transcript:', ...header.lines, ...(header.place ? [`Place: ${header.place}`] : [])].join('\n');
}

const MAX_HEADER_LINES = 15;
const MAX_HEADER_LINE = 160;

const field = (words: string) => new RegExp(`^(?:${words})[ \\t]*[:：][ \\t]*(.+)$`, 'iu');
const DATE_FIELD = field('date|datum|fecha|data|date de l’entretien|date de l\'entretien|تاریخ|تاريخ|תאריך|interview date|date of interview');
const PLACE_FIELD = field('location|place|venue|site|setting|ort|lugar|lieu|local|localização|مکان|محل|المكان|מקום');
const SESSION_FIELD = field('session|group|focus group|sitzung|gruppe|sesión|grupo|séance|groupe|sessão|جلسه|گروه');
const DURATION_FIELD = field('duration|length|dauer|duración|durée|duração|مدت');
const FACILITATOR_FIELD = field(
  'moderator|moderated by|facilitator|facilitated by|interviewer|interviewed by|moderatorin|interviewerin|moderadora?|entrevistadora?|animat(?:eur|rice)|enquêt(?:eur|rice)|mediador[a]?|مصاحبه‌گر|مصاحبه‌کننده|مصاحبه گر|تسهیل‌گر|مدير الجلسة|מראיין|מראיינת|מנחה',
);
const TITLE_FIELD = field('title|titel|título|titre|عنوان|כותרת');
// Other "Key: value" lines of a header (transcriber, file, participants): kept in the lines.
const OTHER_FIELD = /^[\p{L}][\p{L} .’'-]{0,30}[ \t]*[:：][ \t]*\S.{0,120}$/u;

const MONTHS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['january', 'jan', 'januar', 'enero', 'janvier', 'janeiro'],
    ['february', 'feb', 'februar', 'febrero', 'février', 'fevereiro'],
    ['march', 'mar', 'märz', 'marzo', 'mars', 'março'],
    ['april', 'apr', 'abril', 'avril'],
    ['may', 'mai', 'mayo', 'maio'],
    ['june', 'jun', 'juni', 'junio', 'juin', 'junho'],
    ['july', 'jul', 'juli', 'julio', 'juillet', 'julho'],
    ['august', 'aug', 'agosto', 'août'],
    ['september', 'sep', 'sept', 'septiembre', 'septembre', 'setembro'],
    ['october', 'oct', 'oktober', 'octubre', 'octobre', 'outubro'],
    ['november', 'nov', 'noviembre', 'novembre', 'novembro'],
    ['december', 'dec', 'dezember', 'diciembre', 'décembre', 'dezembro'],
  ].flatMap((names, i) => names.map((n) => [n, i + 1] as const)),
);
const WEEKDAY = String.raw`(?:[\p{L}]+,?[ \t]+)?`;
const MONTH_NAME = String.raw`([\p{L}]{3,10})\.?`;
const DAY_MONTH_YEAR = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th|\.)?[ \t]+(?:de[ \t]+)?${MONTH_NAME}[ \t]+(?:de[ \t]+)?(\d{4})$`, 'iu');
const MONTH_DAY_YEAR = new RegExp(String.raw`^${WEEKDAY}${MONTH_NAME}[ \t]+(\d{1,2})(?:st|nd|rd|th)?,?[ \t]+(\d{4})$`, 'iu');
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;

const iso = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** A written date as yyyy-mm-dd; undefined when the line is no date, null when it is one but ambiguous (3/4/2024). */
export function readDate(written: string): string | null | undefined {
  const s = written.trim().replace(/\s+/g, ' ');
  let m = ISO.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]) ?? undefined;
  m = DAY_MONTH_YEAR.exec(s);
  if (m && MONTHS[m[2].toLowerCase()] !== undefined) return iso(+m[3], MONTHS[m[2].toLowerCase()], +m[1]) ?? undefined;
  m = MONTH_DAY_YEAR.exec(s);
  if (m && MONTHS[m[1].toLowerCase()] !== undefined) return iso(+m[3], MONTHS[m[1].toLowerCase()], +m[2]) ?? undefined;
  m = NUMERIC.exec(s);
  if (m) {
    const [a, b, y] = [+m[1], +m[3], +m[4]];
    // Dotted dates are day first (18.02.2026) wherever they are written.
    if (m[2] === '.') return iso(y, b, a) ?? undefined;
    // Else day first when the first number cannot be a month; month first when the second cannot be one.
    if (a > 12 && b <= 12) return iso(y, b, a) ?? undefined;
    if (b > 12 && a <= 12) return iso(y, a, b) ?? undefined;
    if (a === b) return iso(y, a, b) ?? undefined;
    return iso(y, a, 1) && iso(y, b, 1) ? null : undefined;
  }
  return undefined;
}

// A person's name: two to five words, each capitalised (scripts without case pass), particles such as
// "van" or "de" allowed, an honorific ("Dr.") counting as a word, no sentence punctuation.
const NAME_WORD = String.raw`(?:\p{Lu}|\p{Lo})[\p{L}\p{M}’'\-\u200c]*\.?`;
const PARTICLE = String.raw`(?:van|von|de|da|del|der|den|di|du|la|le|al|bin|ibn|y|e)`;
const NAME = new RegExp(String.raw`^${NAME_WORD}(?:[ \t]+(?:${PARTICLE}[ \t]+)?${NAME_WORD}){1,4}(?:[ \t]*\([^()]{1,40}\))?$`, 'u');
// A name never ends a sentence; in scripts without capitals (Persian, Arabic, Hebrew) it is short too.
const looksLikeName = (s: string) => {
  const t = s.trim();
  if (!NAME.test(t) || /[?!,;،؛؟]/.test(t) || /[.…]$/.test(t)) return false;
  return /\p{Lu}/u.test(t) || t.split(/\s+/).length <= 3;
};

function minutesOf(written: string): number | null {
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(written.trim());
  if (clock) return clock[3] !== undefined ? +clock[1] * 60 + +clock[2] : +clock[1];
  const m = /^(\d{1,4})(?:[ \t]*(?:min|mins|minutes|minuten|minutos|دقیقه))?\.?$/iu.exec(written.trim());
  return m ? +m[1] : null;
}

interface Fields {
  title: string | null;
  sessionName: string | null;
  sessionDate: string | null;
  place: string | null;
  facilitator: string | null;
  durationMinutes: number | null;
}

/** Reads one header line into the fields; false when it does not read as a header line at all. */
function readLine(line: string, fields: Fields, first: boolean): boolean {
  const take = (re: RegExp) => re.exec(line)?.[1].trim() ?? null;
  let v = take(DATE_FIELD);
  if (v !== null) {
    fields.sessionDate ??= readDate(v) ?? null;
    return true;
  }
  const date = readDate(line);
  if (date !== undefined) {
    fields.sessionDate ??= date;
    return true;
  }
  if ((v = take(PLACE_FIELD)) !== null) return ((fields.place ??= v), true);
  if ((v = take(SESSION_FIELD)) !== null) return ((fields.sessionName ??= v), true);
  if ((v = take(DURATION_FIELD)) !== null) return ((fields.durationMinutes ??= minutesOf(v)), true);
  if ((v = take(FACILITATOR_FIELD)) !== null && looksLikeName(v)) return ((fields.facilitator ??= v), true);
  if ((v = take(TITLE_FIELD)) !== null) return ((fields.title ??= v), true);
  if (OTHER_FIELD.test(line)) return true;
  // A title: the first line, short, not a sentence (titles do not end in a full stop).
  if (first && line.length <= 120 && !/[.?!…:]$/.test(line)) return ((fields.title ??= line), true);
  return false;
}

/**
 * Takes a header off the start of a transcript: the lines before the first turn and, right after
 * them, "Moderator: NAME" turns whose text is only a name. Returns the transcript without them
 * (offsets moved) and what they said; the transcript as it was when its start reads as speech.
 */
export function takeHeader(parsed: ParsedTranscript): { parsed: ParsedTranscript; header: TranscriptHeader | null } {
  const { text, turns } = parsed;
  const unchanged = { parsed, header: null };
  if (!turns.some((t) => t.speaker !== null)) return unchanged;
  const fields: Fields = { title: null, sessionName: null, sessionDate: null, place: null, facilitator: null, durationMinutes: null };
  const lines: string[] = [];
  let taken = 0;
  const lead = turns[0];
  if (lead.speaker === null) {
    const block = text.slice(lead.start, lead.end).split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (block.length > MAX_HEADER_LINES || block.some((l) => l.length > MAX_HEADER_LINE)) return unchanged;
    if (!block.every((l, i) => readLine(l, fields, i === 0))) return unchanged;
    lines.push(...block);
    taken = 1;
  }
  // "Moderator: Dr. Lena Vogt" before anyone speaks: the facilitator's name, not their first words.
  // Header lines may follow it before the first blank line ("Duration: 48 min").
  for (let i = taken; i < turns.length - 1; i++) {
    const t = turns[i];
    const [name, ...more] = text.slice(t.start, t.end).split('\n').map((l) => l.trim()).filter((l) => l !== '');
    if (t.speaker === null || !isFacilitatorLabel(t.speaker) || name === undefined || !looksLikeName(name) || fields.facilitator !== null) break;
    const probe = { ...fields };
    if (!more.every((l) => readLine(l, probe, false))) break;
    Object.assign(fields, probe, { facilitator: name });
    lines.push(...text.slice(t.labelStart, t.end).split('\n').map((l) => l.trim()).filter((l) => l !== ''));
    taken = i + 1;
  }
  if (taken === 0) return unchanged;
  const rest = turns.slice(taken);
  const cut = Math.min(...rest.map((t) => Math.min(t.labelStart, t.start)));
  const shift = (t: Turn): Turn => ({ ...t, start: t.start - cut, end: t.end - cut, labelStart: t.labelStart - cut, labelEnd: t.labelEnd - cut });
  const moved = rest.map(shift);
  return {
    parsed: { text: text.slice(cut), turns: moved, speakers: summarizeSpeakers(moved) },
    header: { ...fields, lines },
  };
}
