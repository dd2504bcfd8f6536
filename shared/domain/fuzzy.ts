/**
 * Scores how well `query` matches `text` as a subsequence (case-insensitive): consecutive and
 * word-start matches score higher. Null when the query's letters do not all appear in order.
 */
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const t = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    score += 1;
    if (at === previous + 1) score += 2;
    if (at === 0 || /[\s\-_/(]/.test(t[at - 1])) score += 3;
    previous = at;
    from = at + 1;
  }
  return score - t.length * 0.01;
}
