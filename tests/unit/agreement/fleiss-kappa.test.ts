import { describe, it, expect } from 'vitest';
import { countsFromRatings, fleissKappaFromCounts, fleissKappaFromRatings } from '../../../shared/domain/agreement';

// Fleiss (1971): 30 subjects, 6 raters each, categories 1–5; each digit is one rater.
const FLEISS_1971 =
  '444444 222555 233335 555555 222444 113333 333355 113334 114444 555555 144444 124444 222333 144444 224445 ' +
  '333335 111455 111112 224444 133555 555555 244444 224555 114444 144445 222224 111155 224444 133333 555555';

const FLEISS_RATINGS = FLEISS_1971.split(' ').map((subject) => [...subject].map(Number));

// 10 subjects × 5 categories, 14 raters each.
const COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("Fleiss' kappa", () => {
  it('reproduces Fleiss 1971 from raw ratings (0.430245)', () => {
    expect(FLEISS_RATINGS).toHaveLength(30);
    expect(fleissKappaFromRatings(FLEISS_RATINGS).value).toBeCloseTo(0.430245, 4);
  });

  it('reproduces the 14-rater counts table (0.209931)', () => {
    expect(fleissKappaFromCounts(COUNTS).value).toBeCloseTo(0.209931, 4);
  });

  it('gives the same answer from ratings and from their counts', () => {
    const { counts, categories } = countsFromRatings(FLEISS_RATINGS);
    expect(categories).toHaveLength(5);
    expect(fleissKappaFromCounts(counts).value).toBeCloseTo(fleissKappaFromRatings(FLEISS_RATINGS).value as number, 12);
  });

  it('explains why it is undefined', () => {
    expect(fleissKappaFromCounts([]).value).toBeNull();
    expect(fleissKappaFromCounts([[3, 0], [3, 0]])).toEqual({
      value: null,
      reason: 'no variation: every value falls in one category',
    });
    const uneven = fleissKappaFromRatings([
      ['a', 'b', 'a'],
      ['a', null, 'b'],
    ]);
    expect(uneven.value).toBeNull();
    expect('reason' in uneven && uneven.reason).toMatch(/different numbers of ratings/);
    expect(fleissKappaFromCounts([[1, 0], [0, 1]]).value).toBeNull();
  });
});
