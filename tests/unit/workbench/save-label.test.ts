import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/api/errors';
import { saveLabel } from '../../../renderer/features/project/save-label';

// The status bar says what happened to the last write and points only at what is on screen.
describe('the status bar’s words for the last write', () => {
  it('an edit refused while the conflict question is open waits for the choice, pointing at no message', () => {
    // sendEdit clears the banner and asks: nothing is shown above.
    const label = saveLabel({ saveState: 'failed', banner: null, questionOpen: true });
    expect(label).toBe('Waiting for your choice');
    expect(label).not.toMatch(/message|above|Not saved/);
  });

  it('a refusal shown in the banner says nothing changed, and why, in short', () => {
    expect(saveLabel({ saveState: 'failed', banner: { code: 'PROJECT_READ_ONLY' }, questionOpen: false })).toBe('Not changed — the project is read-only');
    expect(saveLabel({ saveState: 'failed', banner: { code: 'EDIT_CONFLICT' }, questionOpen: false })).toBe('Not changed — changed in another window');
  });

  it('with no banner on screen (dismissed, or the refusal shown where the user acted) it never points above', () => {
    expect(saveLabel({ saveState: 'failed', banner: null, questionOpen: false })).toBe('Not changed');
  });

  it('only a label with the banner on screen may send the user to the message above; every label fits the status bar', () => {
    for (const code of ERROR_CODES) {
      const withBanner = saveLabel({ saveState: 'failed', banner: { code }, questionOpen: false });
      expect(withBanner.length, withBanner).toBeLessThanOrEqual(40);
      expect(withBanner).not.toMatch(/saved/i);
    }
    expect(saveLabel({ saveState: 'saved', banner: null, questionOpen: false })).toBe('Saved');
    expect(saveLabel({ saveState: 'saving', banner: { code: 'DISK_FULL' }, questionOpen: true })).toBe('Saving…');
  });
});
