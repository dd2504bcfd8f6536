import type { Prng } from '../shared/domain/prng';

// The words of the synthetic studies: nurses across several hospitals talking about night shifts.
// Sentences are built from parts so that 12 MB of text rarely repeats a whole line, while staying
// readable enough that a screenshot of the bench study looks like a transcript.

const OPENERS = [
  '', '', '', '', '', 'Honestly, ', 'I think ', 'To be fair, ', 'Well, ', 'You know, ', 'I mean, ', 'For me, ',
  'At the start, ', 'Most of the time, ', 'Sometimes ', 'On a bad night, ', 'When it works, ', 'Looking back, ',
  'If I am honest, ', 'In my first year, ', 'On our ward, ', 'Back then, ',
];

const SUBJECTS = [
  'the handover', 'the night team', 'my manager', 'the ward sister', 'the patients', 'the families', 'the new starters',
  'the agency nurses', 'the doctors on call', 'our unit', 'the rota', 'the pharmacy', 'my colleagues', 'the students',
  'the charge nurse', 'the system', 'the paperwork', 'the bleep', 'the escalation policy', 'the break room',
  'the senior nurse', 'the healthcare assistants', 'the day staff', 'the relatives', 'the bed manager', 'the outreach team',
];

// Each verb with the objects that read naturally after it.
const PREDICATES: readonly (readonly [string, readonly string[]])[] = [
  ['made', ['everyone nervous', 'the whole shift calmer', 'the handover twice as long', 'me feel listened to', 'me question my own judgement', 'the ward feel like a team', 'the mistakes easier to admit', 'people more confident']],
  ['gave', ['us a lot of extra work', 'me a real sense of trust', 'us a way to speak up', 'us time to check in with each other', 'the juniors too much to carry', 'me no time for a proper break', 'the families something to hold on to']],
  ['left', ['everyone on edge', 'the new starters a bit lost', 'the worries unspoken', 'nobody sure who was in charge', 'me ready to leave nursing', 'us chasing the same information', 'the quiet hours feeling heavy']],
  ['let', ['the small things slip', 'the paperwork pile up', 'the medication round run late', 'the tension between the teams grow', 'us take a breath', 'the students try things for themselves']],
  ['helped', ['the families feel reassured', 'the learning stick', 'the sickest patients stay safe', 'me settle in', 'everybody stay a bit more patient', 'the night run smoothly']],
  ['changed', ['the way we hand over', 'how safe I felt', 'the mood on the ward', 'who we call first', 'how the breaks are shared']],
];

const TAILS = [
  '', '', ' at three in the morning', ' by the end of the week', ' without anyone noticing', ' on every single shift',
  ' when we were short-staffed', ' after the restructure', ' in the first few months', ', which nobody talks about',
  ', and that stayed with me', ', if I am honest', ', especially on weekends', ' during the winter', ' once the day team had gone',
  ' before the consultant arrived', ' whenever the ward was full', ', to be honest with you',
];

const MEMORIES = [
  'I remember a night when two patients deteriorated at once and there were only three of us.',
  'There was a time when nobody answered the bleep for forty minutes.',
  'One of the healthcare assistants stayed an hour late just to finish the notes with me.',
  'We once had a relative who sat with us at the station until the morning.',
  'My first week on nights I cried in the sluice room, and a senior nurse found me there.',
  'The new escalation form arrived with no training at all.',
  'We started doing a quick huddle at midnight, and it changed the feel of the shift.',
  'An agency nurse once told me it was the friendliest ward she had worked on.',
  'Last winter we had five admissions in the space of an hour.',
  'A student asked me why we never take our breaks, and I had no answer.',
];

const FEELINGS = [
  'It felt like we were holding the whole hospital together.',
  'It felt lonely, really, even with people around.',
  'It was exhausting but it was also the best team I have worked in.',
  'You feel responsible for everything and in control of nothing.',
  'It is the small gestures that keep you going.',
  'I felt trusted, which I had not expected.',
  'You learn to read the ward like weather.',
  'Nobody prepares you for how quiet it gets and how fast that changes.',
];

const FILLERS = ['Yeah.', 'Mm, yes.', 'Right.', 'Exactly.', 'Same here.', 'Oh, definitely.', 'I agree with that.'];

const QUESTIONS = [
  'Can you tell me more about that?',
  'How did the handover work on your ward?',
  'What helped you most in your first months on nights?',
  'What would you change about the way the shift is organised?',
  'How did that affect the way you worked with the team?',
  'Does anyone have a different experience?',
  'What happens when something goes wrong at night?',
  'How do you look after yourselves on a long run of nights?',
  'Who do you turn to when you are unsure?',
  'How did the families respond?',
];

// A second language: about one transcript in ten is a German-speaking site's, so the study holds
// the words, quotation marks and word lengths of another language beside English.
export type Language = 'en' | 'de';

const OPENERS_DE = ['', '', '', '', 'Ehrlich gesagt, ', 'Ich glaube, ', 'Also, ', 'Na ja, ', 'Ich finde, ', 'Weißt du, ', 'Für mich war es so: '];

const SUBJECTS_DE = [
  'die Übergabe', 'das Nachtteam', 'meine Stationsleitung', 'der Dienstplan', 'die Apotheke', 'die Dokumentation', 'der Piepser',
  'die Eskalationsregel', 'der Pausenraum', 'die Oberschwester', 'die Tagschicht', 'das Bettenmanagement', 'unsere Station', 'die Einarbeitung',
];

const PREDICATES_DE = [
  'hat alle nervös gemacht', 'hat die ganze Schicht ruhiger gemacht', 'hat uns viel Extraarbeit gebracht', 'hat mir echtes Vertrauen gegeben',
  'hat die Neuen ziemlich allein gelassen', 'hat die Angehörigen beruhigt', 'hat mir beim Ankommen geholfen', 'hat die Stimmung auf Station verändert',
  'hat uns keine Zeit für eine richtige Pause gelassen', 'hat Fehler leichter ansprechbar gemacht', 'hat die Medikamentenrunde verzögert',
];

const TAILS_DE = ['', '', '', ', vor allem am Wochenende', ', wenn wir unterbesetzt waren', ', und das ist mir geblieben', ', besonders im Winter', ', ehrlich gesagt', ' – jede einzelne Nacht'];

const MEMORIES_DE = [
  'Ich erinnere mich an eine Nacht, in der zwei Patienten gleichzeitig instabil wurden und wir nur zu dritt waren.',
  'Einmal hat vierzig Minuten lang niemand auf den Piepser reagiert.',
  'Eine Pflegehelferin ist eine Stunde länger geblieben, nur um mit mir die Dokumentation fertig zu machen.',
  'In meiner ersten Woche im Nachtdienst habe ich im Unreinraum geweint, und eine erfahrene Kollegin hat mich dort gefunden.',
  'Wir haben um Mitternacht mit einer kurzen Besprechung angefangen, und das hat die ganze Schicht verändert.',
];

const FEELINGS_DE = [
  'Es fühlte sich an, als würden wir das ganze Krankenhaus zusammenhalten.',
  'Man fühlt sich für alles verantwortlich und hat nichts unter Kontrolle.',
  'Es sind die kleinen Gesten, die einen weitermachen lassen.',
  'Man lernt, die Station zu lesen wie das Wetter.',
];

const FILLERS_DE = ['Ja.', 'Genau.', 'Mhm, ja.', 'Stimmt.', 'Geht mir auch so.'];

const QUESTIONS_DE = [
  'Können Sie mir mehr darüber erzählen?',
  'Wie lief die Übergabe auf Ihrer Station?',
  'Was hat Ihnen in den ersten Monaten im Nachtdienst am meisten geholfen?',
  'Hat jemand andere Erfahrungen gemacht?',
  'Was passiert, wenn nachts etwas schiefgeht?',
  'Wie sorgen Sie für sich selbst nach mehreren Nächten am Stück?',
];

/** Now and then a sentence ends with an emoji, as typed in a chat or kept by a transcriber: astral characters, modifiers, joiners. */
const EMOJI = ['😅', '🙂', '👍🏽', '😴', '🙏', '👩‍⚕️', '❤️', '🌙'];
const EMOJI_SHARE = 0.03;

function withEmoji(rng: Prng, said: SpokenSentence): SpokenSentence {
  return rng.chance(EMOJI_SHARE) ? { ...said, text: `${said.text} ${rng.pick(EMOJI)}` } : said;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface SpokenSentence {
  readonly text: string;
  /** The gist of the sentence, as a condensation would state it. */
  readonly gist: string;
}

/** One sentence a participant might say, with its gist, in the transcript's language; now and then with an emoji. */
export function sentence(rng: Prng, language: Language = 'en'): SpokenSentence {
  return withEmoji(rng, language === 'de' ? sentenceDe(rng) : sentenceEn(rng));
}

function sentenceDe(rng: Prng): SpokenSentence {
  const roll = rng.float();
  if (roll < 0.1) {
    const text = rng.pick(MEMORIES_DE);
    return { text, gist: text.replace(/\.$/, '') };
  }
  if (roll < 0.18) {
    const text = rng.pick(FEELINGS_DE);
    return { text, gist: text.replace(/\.$/, '') };
  }
  const core = `${rng.pick(SUBJECTS_DE)} ${rng.pick(PREDICATES_DE)}`;
  const opener = rng.pick(OPENERS_DE);
  const text = `${opener ? opener + core : capitalise(core)}${rng.pick(TAILS_DE)}.`;
  return { text, gist: capitalise(core) };
}

function sentenceEn(rng: Prng): SpokenSentence {
  const roll = rng.float();
  if (roll < 0.1) {
    const text = rng.pick(MEMORIES);
    return { text, gist: text.replace(/^(I remember |There was |We once |One of )/, '').replace(/\.$/, '') };
  }
  if (roll < 0.18) {
    const text = rng.pick(FEELINGS);
    return { text, gist: text.replace(/\.$/, '') };
  }
  const [verb, objects] = rng.pick(PREDICATES);
  const core = `${rng.pick(SUBJECTS)} ${verb} ${rng.pick(objects)}`;
  const opener = rng.pick(OPENERS);
  const text = `${opener ? opener + core : capitalise(core)}${rng.pick(TAILS)}.`;
  return { text, gist: capitalise(core.replace(/^the /, '')) };
}

export function filler(rng: Prng, language: Language = 'en'): string {
  return rng.pick(language === 'de' ? FILLERS_DE : FILLERS);
}

export function question(rng: Prng, language: Language = 'en'): string {
  if (language === 'de') {
    const q = rng.pick(QUESTIONS_DE);
    return rng.chance(0.3) ? `${rng.pick(['Danke. ', 'Das hilft mir sehr. ', 'Okay. '])}${q}` : q;
  }
  const q = rng.pick(QUESTIONS);
  return rng.chance(0.3) ? `${rng.pick(['Thank you. ', 'That is really helpful. ', 'Okay. '])}${q}` : q;
}

/** A memo: a few sentences of analytic thinking about what was said. */
export function memoBody(rng: Prng): string {
  const parts = [
    `Several participants say ${rng.pick(SUBJECTS)} ${rng.pick(PREDICATES)[0]} ${rng.pick(rng.pick(PREDICATES)[1])}.`,
    `Check whether this holds at the other sites${rng.pick(['', ' before merging the codes', ' in the interviews too'])}.`,
    `Possible tension with how ${rng.pick(SUBJECTS)} was described earlier.`,
    rng.pick(FEELINGS),
  ];
  return parts.slice(0, rng.between(2, 4)).join(' ');
}

// The codebook: four themes over categories, subcategories and codes, named from these parts.
export const THEMES = [
  'Holding the night together', 'Carrying the weight alone', 'Learning the unwritten rules', 'Being seen and heard',
  'Keeping patients safe', 'Finding a rhythm',
];

export const CATEGORIES = [
  'Team cohesion', 'Informal support', 'Workload', 'Isolation', 'Tacit knowledge', 'Socialisation', 'Recognition', 'Voice',
  'Escalation', 'Vigilance', 'Routines', 'Recovery', 'Handover practice', 'Leadership at night', 'Family contact', 'Fatigue',
  'Learning from errors', 'Belonging',
];

const SUB_HEADS = [
  'Sharing tasks', 'Checking in', 'Covering breaks', 'Staffing gaps', 'Competing demands', 'Working unseen', 'Asking for help',
  'Reading the ward', 'Unwritten norms', 'First weeks', 'Role models', 'Thanks and praise', 'Being overlooked', 'Speaking up',
  'Being dismissed', 'Calling the doctor', 'Trusting instinct', 'Watching closely', 'Planning the night', 'Small rituals',
  'Sleep after nights', 'Time off', 'Passing information', 'Missing details', 'Taking charge', 'Absent seniors',
  'Reassuring relatives', 'Difficult conversations', 'Tiredness', 'Errors at dawn', 'Reporting incidents', 'Debriefing',
  'Fitting in', 'Being an outsider', 'Student support', 'Agency staff',
];

const CODE_ADJECTIVES = [
  'Rushed', 'Shared', 'Unspoken', 'Delayed', 'Informal', 'Unclear', 'Extra', 'Missed', 'Quiet', 'Trusted', 'Hidden', 'Late',
  'Supportive', 'Tense', 'Repeated', 'Improvised',
];

const CODE_NOUNS = [
  'handover', 'breaks', 'workload', 'escalation', 'feedback', 'checks', 'documentation', 'teamwork', 'staffing', 'supervision',
  'communication', 'routines', 'decisions', 'responsibility', 'learning', 'reassurance', 'leadership', 'rest', 'monitoring',
  'support', 'priorities', 'conflict', 'humour', 'training', 'induction', 'trust', 'visibility', 'recognition', 'boundaries',
  'coping', 'guidance',
];

/** The name of the i-th code: unique for the first |adjectives| × |nouns| codes, neighbours differing in both words. */
export function codeName(i: number): string {
  const size = CODE_ADJECTIVES.length * CODE_NOUNS.length;
  const k = i % size;
  const a = k % CODE_ADJECTIVES.length;
  const q = Math.floor(k / CODE_ADJECTIVES.length);
  // (a, q) ↦ (a, (q + 3a) mod |nouns|) is one-to-one, so no two codes share a name.
  const name = `${CODE_ADJECTIVES[a]} ${CODE_NOUNS[(q + 3 * a) % CODE_NOUNS.length]}`;
  return i < size ? name : `${name} ${Math.floor(i / size) + 1}`;
}

export function subcategoryName(i: number): string {
  const head = SUB_HEADS[i % SUB_HEADS.length];
  return i < SUB_HEADS.length ? head : `${head} ${Math.floor(i / SUB_HEADS.length) + 1}`;
}

export function categoryName(i: number): string {
  const head = CATEGORIES[i % CATEGORIES.length];
  return i < CATEGORIES.length ? head : `${head} ${Math.floor(i / CATEGORIES.length) + 1}`;
}

export function themeName(i: number): string {
  const head = THEMES[i % THEMES.length];
  return i < THEMES.length ? head : `${head} ${Math.floor(i / THEMES.length) + 1}`;
}

export function definitionOf(name: string, level: string): { definition: string; inclusion: string; exclusion: string } {
  const lower = name.toLowerCase();
  return {
    definition: `Meaning units in which participants describe ${lower} as part of working nights (${level}).`,
    inclusion: `Accounts, examples or opinions that turn on ${lower}, including reported speech.`,
    exclusion: `Passing mentions of ${lower} with no experience or view attached.`,
  };
}

export const SITES = ['Northfield General', 'Riverside Hospital', 'St Anne’s', 'Harbour Infirmary', 'Westgate Hospital', 'Moorland District'];
export const ROLES = ['Staff nurse', 'Charge nurse', 'Healthcare assistant', 'Student nurse', 'Night sister'];
export const SHIFTS = ['Nights only', 'Rotating', 'Mostly days'];
export const GENDERS = ['Woman', 'Man', 'Non-binary', 'Prefer not to say'];
export const FIRST_NAMES = ['Aisha', 'Ben', 'Chloe', 'Dev', 'Eilidh', 'Femi', 'Grace', 'Hamid', 'Isla', 'Jonah', 'Kemi', 'Leon', 'Maya', 'Niall', 'Orla', 'Priya'];
export const LAST_NAMES = ['Adeyemi', 'Brennan', 'Costa', 'Dubois', 'Evans', 'Farouk', 'Gallagher', 'Hughes', 'Iqbal', 'Jensen', 'Kowalski', 'Lindqvist'];
export const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
