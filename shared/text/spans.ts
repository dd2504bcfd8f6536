const WHITESPACE = /\s/;

/** [from, to) without leading and trailing whitespace; [from, from) when nothing is left. */
export function trimSpan(text: string, from: number, to: number): readonly [number, number] {
  let start = from;
  let end = to;
  while (start < end && WHITESPACE.test(text[start])) start++;
  while (end > start && WHITESPACE.test(text[end - 1])) end--;
  return start === end ? [from, from] : [start, end];
}

