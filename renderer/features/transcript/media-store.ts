import type { Turn } from '../../../shared/api/entities';
import type { MediaState } from '../../../shared/api/methods/media';
import { turnAt, turnTimes, type TurnTime } from '../../../shared/text/turn-times';
import { desktopBridge } from '../../api/connection';
import { registerAction } from '../../commands/registry';
import { createStore } from '../../state/create-store';

// The recording playing alongside a transcript: one media element (the player bar's), its
// position, and the turn it is at. Turn times come from the transcript; turns without one are
// placed between their neighbours (shown as estimated).

interface Playback {
  /** The document whose recording the player has loaded, once it can play. */
  readonly documentId: string | null;
  readonly playing: boolean;
  readonly positionMs: number;
  readonly durationMs: number | null;
  /** Each turn's time in the recording, by turn id. */
  readonly times: ReadonlyMap<string, TurnTime>;
  /** The turn at the player's position while it plays or after it played; null before. */
  readonly playingTurnId: string | null;
}

export const useMedia = createStore<Playback>(() => ({ documentId: null, playing: false, positionMs: 0, durationMs: null, times: new Map(), playingTurnId: null }));

let player: HTMLMediaElement | null = null;
let turnOrder: readonly { readonly id: string; readonly time: TurnTime }[] = [];

/** The address the player loads a document's recording from: the app's own scheme, or the local server behind the token. */
export function mediaUrl(state: MediaState): string | null {
  if (state.status !== 'found' || !state.link) return null;
  const id = encodeURIComponent(state.link.documentId);
  const version = encodeURIComponent(state.link.linkedAt);
  if (desktopBridge()) return `app://condensa/media/${id}?v=${version}`;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  return `/media/${id}?token=${encodeURIComponent(token)}&v=${version}`;
}

/** Places the document's turns in the recording (again when the turns or the recording's length change). */
export function setTurnTimes(turns: readonly Turn[], textLength: number): void {
  const times = turnTimes(turns, textLength, useMedia.getState().durationMs);
  turnOrder = turns.map((t, i) => ({ id: t.id, time: times[i] }));
  useMedia.setState({ times: new Map(turnOrder.map((t) => [t.id, t.time])) });
  followPosition();
}

function followPosition(): void {
  if (!player) return;
  const positionMs = player.currentTime * 1000;
  const index = turnAt(
    turnOrder.map((t) => t.time),
    positionMs,
  );
  const started = !player.paused || player.currentTime > 0;
  useMedia.setState({ positionMs, playing: !player.paused, playingTurnId: started && index >= 0 ? turnOrder[index].id : null });
}

/** The player bar hands over its media element (null when it goes). */
export function attachPlayer(element: HTMLMediaElement | null, documentId: string | null): void {
  if (player === element) return;
  player = element;
  useMedia.setState({ documentId: element ? documentId : null, playing: false, positionMs: 0, durationMs: null, playingTurnId: null });
  if (!element) return;
  for (const type of ['timeupdate', 'play', 'pause', 'seeked', 'ended']) element.addEventListener(type, followPosition);
  element.addEventListener('loadedmetadata', () => {
    useMedia.setState({ durationMs: Number.isFinite(element.duration) ? element.duration * 1000 : null });
  });
}

/** Plays from a turn's time. */
export function playFrom(ms: number): void {
  if (!player) return;
  player.currentTime = ms / 1000;
  void player.play().catch(() => undefined);
  followPosition();
}

function hasPlayer(): boolean {
  return player !== null;
}

export function togglePlay(): void {
  if (!player) return;
  if (player.paused) void player.play().catch(() => undefined);
  else player.pause();
}

export function goBack(seconds = 5): void {
  if (!player) return;
  player.currentTime = Math.max(0, player.currentTime - seconds);
  followPosition();
}

export function registerMediaActions(): void {
  registerAction('media.playPause', togglePlay, hasPlayer);
  registerAction('media.back', () => goBack(5), hasPlayer);
}
