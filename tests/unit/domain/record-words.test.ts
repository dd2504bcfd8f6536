import { describe, expect, it } from 'vitest';
import { CAPTURED_TABLES } from '../../../electron/core/store/migrations';
import { RECORD_WORDS, recordWords } from '../../../shared/domain/vocabulary';

describe('the project’s tables in a reader’s words (audit log, merge report and progress, REFI import progress)', () => {
  it('names every table the history records, and no table that is not there', () => {
    expect(Object.keys(RECORD_WORDS).sort()).toEqual([...CAPTURED_TABLES].sort());
    for (const table of CAPTURED_TABLES) {
      const { one, many } = RECORD_WORDS[table];
      expect(one, table).not.toMatch(/_/);
      expect(many, table).not.toMatch(/_/);
      expect(one, table).not.toBe(many);
    }
  });

  it('gives one row or several, and spaces out the name of a table it does not know', () => {
    expect(recordWords('participant_values')).toBe('attribute values');
    expect(recordWords('meaning_units', 'one')).toBe('meaning unit');
    expect(recordWords('some_new_table')).toBe('some new table');
  });
});
