import type { ErrorCode } from '../../../shared/api/errors';

// What the status bar says about the last write. A write the core refused is one transaction
// rolled back: nothing in the project changed. The words name what happened and point only at
// what is on screen: the error banner, or the question the refusal opened.

const SHORT_REASONS: Partial<Record<ErrorCode, string>> = {
  EDIT_CONFLICT: 'changed in another window',
  CONFLICT: 'it clashes with other work',
  NOT_FOUND: 'it no longer exists',
  PROJECT_READ_ONLY: 'the project is read-only',
  PROJECT_LOCKED: 'open in another program',
  PROJECT_CHANGED: 'the file changed on disk',
  DISK_FULL: 'the disk is full',
  BLIND_CODING: 'blind coding hides it',
  INVALID_RANGE: 'words out of range',
  INVALID_VALUE: 'the value was refused',
  BAD_REQUEST: 'the input was refused',
  NOTHING_TO_UNDO: 'nothing to undo',
  NOTHING_TO_REDO: 'nothing to redo',
  CANCELLED: 'cancelled',
};

export interface SaveContext {
  /** The app store's SaveState (kept apart here so the words are tested without the store). */
  readonly saveState: 'saved' | 'saving' | 'failed';
  /** The error banner, if one is on screen. */
  readonly banner: { readonly code: string } | null;
  /** A refusal is being asked about in a dialog (another window changed the same text). */
  readonly questionOpen: boolean;
}

export function saveLabel({ saveState, banner, questionOpen }: SaveContext): string {
  if (saveState === 'saved') return 'Saved';
  if (saveState === 'saving') return 'Saving…';
  if (questionOpen) return 'Waiting for your choice';
  // A lost connection may have cut off the answer, not the write: whether it was written is not known.
  if (banner?.code === 'CONNECTION_LOST') return 'Not confirmed — connection lost';
  if (!banner) return 'Not changed';
  return `Not changed — ${SHORT_REASONS[banner.code as ErrorCode] ?? 'see the message above'}`;
}
