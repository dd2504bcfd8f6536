/**
 * Consecutive numbers folded into ranges with an en dash, as papers cite sources:
 * [36, 37, 38, 41] → "36–38, 41". Duplicates and order do not matter.
 */
export function formatRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers.filter((n) => Number.isInteger(n)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j += 1;
    // Two neighbours read better as a list ("3, 4") than as a range ("3–4").
    if (j === i) parts.push(String(sorted[i]));
    else if (j === i + 1) parts.push(`${sorted[i]}, ${sorted[j]}`);
    else parts.push(`${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** "empathic (36–38)"; a node no document supports keeps its bare name. */
export function sourcesLabel(name: string, numbers: readonly number[]): string {
  const ranges = formatRanges(numbers);
  return ranges ? `${name} (${ranges})` : name;
}
