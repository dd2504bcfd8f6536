import { LEVEL_PLURALS, plural } from '../export/blocks';
import type { LevelBasis, LevelMode } from '../../../shared/api/methods/refi';
import { LEVELS_BY_METHOD, NODE_LEVEL_LABELS, NODE_LEVELS, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { parseNodeDescription, renderNodeDescription, type CondensaRecord, type NodeText } from './convention';
import type { RefiCode } from './model';

// Which level each imported code gets. Condensa's own exports say it (the exchange record, or a
// "[Category]" prefix); other programs say it only through the tree: a non-codable parent, or a
// node with children, sits above the codes, and the height above the leaves picks the level.

export interface LevelGuess extends NodeText {
  readonly basis: LevelBasis;
  /** The record's entry, when it still matches the visible description (it then wins for every field). */
  readonly fromRecord: CondensaRecord['nodes'][string] | null;
}

export interface LevelChoice {
  readonly mode: LevelMode;
  readonly methodology: Methodology;
  /** The user's corrections from the preview, by GUID: they win over every guess. */
  readonly overrides?: Readonly<Record<string, NodeLevel>>;
  /** Levels the file states outside descriptions (a spreadsheet's level column), by GUID: read as descriptions are. */
  readonly given?: ReadonlyMap<string, NodeLevel>;
}

export interface LevelPlan {
  readonly guesses: ReadonlyMap<RefiCode, LevelGuess>;
  /** The rule auto settled on, or the one asked for. */
  readonly mode: Exclude<LevelMode, 'auto'>;
  /** Nodes nested deeper than the method has levels: they share its top level. */
  readonly deeper: number;
}

/** Every code of a tree, parents before children, without recursion (a file may nest thousands deep). */
export function walkCodes(codes: readonly RefiCode[], visit: (c: RefiCode, parent: RefiCode | null, depth: number, index: number) => void): void {
  const stack: { c: RefiCode; parent: RefiCode | null; depth: number; index: number }[] = [];
  for (let i = codes.length - 1; i >= 0; i -= 1) stack.push({ c: codes[i], parent: null, depth: 0, index: i });
  while (stack.length) {
    const { c, parent, depth, index } = stack.pop()!;
    visit(c, parent, depth, index);
    for (let i = c.children.length - 1; i >= 0; i -= 1) stack.push({ c: c.children[i], parent: c, depth: depth + 1, index: i });
  }
}

/** Height above the codes: 0 for a codable leaf, 1 for a non-codable leaf or a parent of codes, and so on up. */
export function heights(codes: readonly RefiCode[]): Map<RefiCode, number> {
  const order: RefiCode[] = [];
  walkCodes(codes, (c) => order.push(c));
  const out = new Map<RefiCode, number>();
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const c = order[i];
    let h = c.children.length === 0 ? (c.isCodable ? 0 : 1) : 1;
    for (const k of c.children) h = Math.max(h, (out.get(k) ?? 0) + 1);
    out.set(c, h);
  }
  return out;
}

/** The method's levels above codes, from the bottom up (subcategory, category, theme). */
export function levelsAbove(methodology: Methodology): NodeLevel[] {
  return LEVELS_BY_METHOD[methodology].filter((l) => l !== 'code').reverse();
}

export function levelForHeight(height: number, methodology: Methodology): NodeLevel {
  if (height <= 0) return 'code';
  const above = levelsAbove(methodology);
  return above[Math.min(height, above.length) - 1];
}

function prefixedLevel(c: RefiCode): NodeLevel {
  return parseNodeDescription(c.description, 'code').level;
}

/** Whether the file says its levels in Condensa's description prefixes ("[Category] …"). */
export function hasLevelPrefixes(codes: readonly RefiCode[]): boolean {
  let found = false;
  walkCodes(codes, (c) => {
    if (!found && prefixedLevel(c) !== 'code') found = true;
  });
  return found;
}

/** Levels for every code of a file: the record where it still holds, else the user's choice, else the rule. */
export function planLevels(codes: readonly RefiCode[], record: CondensaRecord | null, choice: LevelChoice): LevelPlan {
  const given = choice.given?.size ? choice.given : null;
  const mode: LevelPlan['mode'] = choice.mode === 'auto' ? (record || given || hasLevelPrefixes(codes) ? 'descriptions' : 'depth') : choice.mode;
  // A level column that leaves some rows blank: those rows take their level from the tree.
  const height = mode === 'depth' || (mode === 'descriptions' && given) ? heights(codes) : null;
  const top = levelsAbove(choice.methodology).length;
  const guesses = new Map<RefiCode, LevelGuess>();
  let deeper = 0;
  walkCodes(codes, (c) => {
    const rec = record?.nodes[c.guid];
    // The record's wording wins only while the visible description still says the same thing.
    const fromRecord = rec && renderNodeDescription(rec, choice.methodology) === (c.description ?? '') ? rec : null;
    // A level prefix is convention, not definition: it is taken off the text whatever the level rule.
    const text = fromRecord ?? parseNodeDescription(c.description, rec?.level ?? 'code');
    const override = choice.overrides?.[c.guid];
    const stated = given?.get(c.guid);
    const fromTree = (): [NodeLevel, LevelBasis] => {
      const h = height!.get(c) ?? 0;
      if (h > top) deeper += 1;
      return [levelForHeight(h, choice.methodology), h === 0 ? 'none' : 'depth'];
    };
    let level: NodeLevel;
    let basis: LevelBasis;
    if (override) [level, basis] = [override, 'chosen'];
    else if (fromRecord) [level, basis] = [fromRecord.level, 'record'];
    else if (mode === 'descriptions' && stated) [level, basis] = [stated, 'column'];
    else if (mode === 'descriptions' && given && text.level === 'code') [level, basis] = fromTree();
    else if (mode === 'descriptions') [level, basis] = [text.level, text.level === 'code' ? 'none' : 'description'];
    else if (mode === 'depth') [level, basis] = fromTree();
    else [level, basis] = ['code', 'none'];
    guesses.set(c, { ...text, level, basis, fromRecord });
  });
  return { guesses, mode, deeper };
}

/** The report's sentence for how levels were chosen. */
export function levelSentence(plan: LevelPlan): string | null {
  const counts = new Map<NodeLevel, number>();
  let column = false;
  for (const g of plan.guesses.values()) {
    if (g.basis === 'depth' || g.basis === 'description' || g.basis === 'column') counts.set(g.level, (counts.get(g.level) ?? 0) + 1);
    if (g.basis === 'column') column = true;
  }
  if (counts.size === 0) return null;
  const said = NODE_LEVELS.filter((l) => counts.has(l))
    .map((l) => plural(counts.get(l)!, NODE_LEVEL_LABELS[l].toLowerCase(), LEVEL_PLURALS[l].toLowerCase()));
  const how = column
    ? 'from the level column of the spreadsheet (rows that name none: from the nesting)'
    : plan.mode === 'depth'
      ? 'from the nesting of the codebook (non-codable parents and nodes with children sit above the codes)'
      : 'from the level written at the start of their descriptions';
  return `Levels were read ${how}: ${said.join(', ')}`;
}
