// Times of turns for playing a recording alongside its transcript. Turns carry the time their
// source gave them as text ("00:01:02", "1:02", "[00:01:02.500]"); a turn without one is placed
// between its timed neighbours in proportion to where its words lie, and marked as estimated.

const TIME = /^\[?\(?\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*\)?\]?$/;

/** Milliseconds from the start of the recording a turn's time names, or null for no time. */
export function parseTurnTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
  if (seconds >= 60 || (m[1] !== undefined && minutes >= 60)) return null;
  const fraction = m[4] ? Number(m[4].padEnd(3, '0')) : 0;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + fraction;
}

/** "01:02" or "1:02:03", as a player shows a position. */
export function formatPlayTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(total % 60)}` : `${pad(m)}:${pad(total % 60)}`;
}

export interface TurnTime {
  /** Where the turn starts in the recording, or null when it cannot be placed. */
  readonly ms: number | null;
  /** Placed between timed neighbours rather than given by the transcript. */
  readonly estimated: boolean;
}

interface TimedTurn {
  readonly start: number;
  readonly timestamp: string | null;
}

/**
 * The time of every turn: its own, else interpolated by text position between the nearest timed
 * turns before and after it (the recording's start counts as a time at the text's start, its end,
 * when known, at the text's end). A turn after the last time with no duration known stays null.
 */
export function turnTimes(turns: readonly TimedTurn[], textLength: number, durationMs: number | null = null): TurnTime[] {
  const given = turns.map((t) => parseTurnTime(t.timestamp));
  const anchors: { at: number; ms: number }[] = [];
  turns.forEach((t, i) => {
    const ms = given[i];
    // A time earlier than one before it (a restart, a typo) cannot anchor an order; it is kept for its own turn.
    if (ms !== null && (anchors.length === 0 || ms >= anchors[anchors.length - 1].ms)) anchors.push({ at: t.start, ms });
  });
  const first = anchors[0];
  if (!first || first.at > 0) anchors.unshift({ at: 0, ms: 0 });
  if (durationMs !== null && durationMs > anchors[anchors.length - 1].ms) anchors.push({ at: Math.max(textLength, anchors[anchors.length - 1].at + 1), ms: durationMs });
  let k = 0;
  return turns.map((t, i) => {
    const own = given[i];
    if (own !== null) return { ms: own, estimated: false };
    if (anchors.length < 2 && given.every((g) => g === null) && durationMs === null) return { ms: null, estimated: true };
    while (k + 1 < anchors.length && anchors[k + 1].at <= t.start) k += 1;
    const before = anchors[k];
    const after = anchors[k + 1];
    if (!after) return { ms: null, estimated: true };
    const share = after.at === before.at ? 0 : (t.start - before.at) / (after.at - before.at);
    return { ms: Math.round(before.ms + share * (after.ms - before.ms)), estimated: true };
  });
}

/** The index of the turn playing at `ms`: the last one (in text order) that starts at or before it, or -1. */
export function turnAt(times: readonly TurnTime[], ms: number): number {
  let found = -1;
  let latest = -1;
  times.forEach((t, i) => {
    if (t.ms !== null && t.ms <= ms && t.ms >= latest) {
      found = i;
      latest = t.ms;
    }
  });
  return found;
}
