// Word lists behind the speaker-label heuristics. Keys are lower case, without a trailing dot.

// Facilitators in English, Spanish, Portuguese, French, German and Persian, and the usual short forms.
const FACILITATOR_WORDS: ReadonlySet<string> = new Set([
  'moderator',
  'moderatorin',
  'interviewer',
  'interviewerin',
  'facilitator',
  'researcher',
  'int',
  'mod',
  'i',
  'q',
  'moderador',
  'moderadora',
  'entrevistador',
  'entrevistadora',
  'facilitador',
  'facilitadora',
  'investigador',
  'investigadora',
  'pesquisador',
  'pesquisadora',
  'animateur',
  'animatrice',
  'intervieweur',
  'intervieweuse',
  'enquêteur',
  'enquêtrice',
  'modérateur',
  'modératrice',
  'chercheur',
  'chercheuse',
  'forscher',
  'forscherin',
  'مصاحبه‌کننده',
  'مصاحبه‌گر',
  'مصاحبه‌كننده',
  'پژوهشگر',
  'تسهیل‌گر',
  'تسهیلگر',
  'مجری',
]);

// Labels that are speakers even when they occur once: facilitators and the people they ask.
const ROLE_WORDS: ReadonlySet<string> = new Set([
  ...[...FACILITATOR_WORDS].filter((w) => w !== 'i' && w !== 'q'),
  'interviewee',
  'respondent',
  'participant',
  'participante',
  'entrevistado',
  'entrevistada',
  'informante',
  'répondant',
  'répondante',
  'enquêté',
  'enquêtée',
  'teilnehmer',
  'teilnehmerin',
  'befragte',
  'befragter',
  'mentee',
  'mentor',
  'student',
  'estudiante',
  'estudante',
  'étudiant',
  'étudiante',
  'شرکت‌کننده',
  'مشارکت‌کننده',
  'مصاحبه‌شونده',
  'پاسخگو',
  'پاسخ‌دهنده',
  'دانشجو',
]);

// One-letter labels of interview schemes (Q/A, I/R, I/B, E/P); a one-letter word is never prose here.
const LETTER_ROLES: ReadonlySet<string> = new Set(['q', 'a', 'i', 'r', 'b', 'e', 'p', 'm', 's', 'س', 'ج']);

const PSEUDO_LABELS: ReadonlySet<string> = new Set([
  'break',
  'ad break',
  'commercial break',
  'intermission',
  'interlude',
]);

// Bracketed notes inside speech ("[laughter] yes") are not speakers.
const ANNOTATIONS: ReadonlySet<string> = new Set([
  'laughter',
  'laughs',
  'laughing',
  'chuckles',
  'inaudible',
  'unintelligible',
  'indistinct',
  'crosstalk',
  'cross talk',
  'overlapping',
  'overtalk',
  'applause',
  'music',
  'silence',
  'noise',
  'background noise',
  'coughs',
  'sighs',
  'pause',
  'sic',
]);

// Words that open prose lines ("So: ...", "Note: ...") far more often than they name a speaker.
const NOT_A_NAME: ReadonlySet<string> = new Set([
  'yes',
  'no',
  'well',
  'so',
  'and',
  'but',
  'ok',
  'okay',
  'right',
  'oh',
  'um',
  'uh',
  'hmm',
  'note',
  'nb',
  'ps',
  'edit',
  'update',
  'source',
  'tip',
  'warning',
  'example',
  'http',
  'https',
  'ftp',
  'mailto',
  // Prose openers seen in notes and reports.
  'important',
  'reminder',
  'summary',
  'conclusion',
  'result',
  'results',
  'remember',
  'attention',
  'caution',
  'also',
  'then',
  'now',
  'finally',
  'definition',
  // Header fields of a transcript, in the same six languages: metadata, not a speaker.
  'date',
  'time',
  'place',
  'location',
  'duration',
  'title',
  'transcript',
  'transcribed',
  'recorded',
  'recording',
  'participants',
  'project',
  'session',
  'fecha',
  'lugar',
  'duración',
  'título',
  'transcripción',
  'participantes',
  'data',
  'local',
  'duração',
  'transcrição',
  'lieu',
  'durée',
  'titre',
  'transcription',
  'datum',
  'ort',
  'dauer',
  'titel',
  'teilnehmende',
  'تاریخ',
  'مکان',
  'مدت',
  'عنوان',
]);

// Lower-case name particles allowed after the first word ("Ludwig van Beethoven").
const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'dos', 'das', 'bin', 'al', 'y', 'zu',
]);

export const MAX_LABEL_LENGTH = 40;
const MAX_LABEL_WORDS = 4;
// Participant codes are often lower case: p1, id1, resp12.
const PARTICIPANT_CODE = /^\p{L}{1,5}\d+$/u;
// Scripts without case (Persian, Arabic, Hebrew, CJK) start names with any letter.
const STARTS_UPPER_OR_DIGIT = /^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u;
const CASELESS_START = /^\p{Lo}/u;
// Without capitals to tell a name from prose, a caseless label is at most two words ("زهرا احمدی").
const MAX_CASELESS_WORDS = 2;
const HAS_LETTER = /\p{L}/u;
const HAS_ALNUM = /[\p{L}\p{N}]/u;

export function labelKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function firstWordKey(name: string): string {
  return labelKey(name).split(' ')[0].replace(/\.$/, '');
}

// "Interviewer", "Interviewer 2", "Int.", "Mod A", "Respondent 1204": the role word, then at most a
// short code or a number (surveys number thousands of respondents).
function roleWordOf(name: string): string | null {
  const words = labelKey(name).split(' ');
  if (words.length > 2) return null;
  if (words.length === 2 && !/^(?:[\p{L}\p{N}]{1,3}|\p{N}{1,7})$/u.test(words[1])) return null;
  return words[0].replace(/\.$/, '');
}

export function isFacilitatorLabel(name: string): boolean {
  const role = roleWordOf(name);
  return role !== null && FACILITATOR_WORDS.has(role);
}

export function isRoleLabel(name: string): boolean {
  const role = roleWordOf(name);
  if (role === null) return false;
  return ROLE_WORDS.has(role) || (LETTER_ROLES.has(role) && labelKey(name).split(' ').length === 1);
}

export function isPseudoLabel(name: string): boolean {
  return PSEUDO_LABELS.has(labelKey(name));
}

export function isAnnotation(name: string): boolean {
  return ANNOTATIONS.has(labelKey(name));
}

/** Whether a label candidate can name a speaker: 1–4 name-like words, not prose, not a sentence end. */
export function isPlausibleName(name: string): boolean {
  if (name.length === 0 || name.length > MAX_LABEL_LENGTH || !HAS_LETTER.test(name)) return false;
  const words = name.split(/\s+/);
  if (words.length > MAX_LABEL_WORDS || !words.every((w) => HAS_ALNUM.test(w))) return false;
  if (NOT_A_NAME.has(firstWordKey(name))) return false;
  // Role words are labels in lower case too ("int:", "mod:"); other lower-case openers are prose.
  const lowerRole = words.length === 1 && ROLE_WORDS.has(firstWordKey(name));
  if (!STARTS_UPPER_OR_DIGIT.test(words[0]) && !PARTICIPANT_CODE.test(name) && !lowerRole) return false;
  if (CASELESS_START.test(words[0]) && words.length > MAX_CASELESS_WORDS && !isRoleLabel(name)) return false;
  // "She said:" is prose; names capitalise every word but particles.
  const restIsNameLike = words.slice(1).every((w) => STARTS_UPPER_OR_DIGIT.test(w) || NAME_PARTICLES.has(w));
  return restIsNameLike && !endsSentence(words[words.length - 1]);
}

// "...the end.:" ends a sentence; "Jr." and "Int." are abbreviations.
function endsSentence(lastWord: string): boolean {
  return /[.?!]$/.test(lastWord) && lastWord.replace(/[^\p{L}]/gu, '').length > 3;
}
