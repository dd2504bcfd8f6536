import { describe, expect, it } from 'vitest';
import { historyLabel, historyNotice } from '../../../renderer/features/project/history-label';

// Local times, so the day the label compares with is the reader's own day.
const now = new Date(2025, 11, 9, 16, 30);

describe('undo and redo labels', () => {
  it('names a step of this session by its summary alone', () => {
    expect(historyLabel('undo', { summary: 'Rename code “Fear” to “Worry”', earlierAt: null }, now, 'en-GB')).toBe('Undo ‘Rename code “Fear” to “Worry”’');
    expect(historyNotice('redo', { summary: 'Add coder Dana Ruiz', earlierAt: null }, now, 'en-GB')).toBe('Redid “Add coder Dana Ruiz”.');
  });

  it('says a step is from an earlier session, with its day', () => {
    const at = new Date(2025, 11, 3, 10, 5).toISOString();
    expect(historyLabel('undo', { summary: 'Rename code “Fear” to “Worry”', earlierAt: at }, now, 'en-GB')).toBe('Undo ‘Rename code “Fear” to “Worry”’ (from 3 Dec)');
    expect(historyNotice('undo', { summary: 'Code 2 units', earlierAt: at }, now, 'en-GB')).toBe('Undid “Code 2 units” (from 3 Dec).');
  });

  it('adds the year for a step from another year, and the time for one from earlier today', () => {
    const lastYear = new Date(2024, 10, 28, 9, 0).toISOString();
    expect(historyLabel('undo', { summary: 'Code 2 units', earlierAt: lastYear }, now, 'en-GB')).toBe('Undo “Code 2 units” (from 28 Nov 2024)');
    const thisMorning = new Date(2025, 11, 9, 9, 12).toISOString();
    expect(historyLabel('redo', { summary: 'Code 2 units', earlierAt: thisMorning }, now, 'en-GB')).toBe('Redo “Code 2 units” (from the session at 09:12 today)');
  });
});
