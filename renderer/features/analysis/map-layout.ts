export interface LayoutNode {
  readonly id: string;
  readonly parentIds: readonly string[];
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface LayoutOptions {
  readonly columnGap: number;
  readonly rowGap: number;
}

/**
 * A left-to-right tree: roots in the first column, each level one column further; leaves take
 * consecutive rows and a parent sits level with the middle of its children. A node under two
 * parents is placed under the first. Nodes come in reading order (roots first, depth first).
 */
export function layoutTree(nodes: readonly LayoutNode[], options: LayoutOptions): Map<string, Point> {
  const known = new Set(nodes.map((n) => n.id));
  const children = new Map<string, string[]>();
  for (const n of nodes) {
    const parent = n.parentIds.find((p) => known.has(p));
    if (parent) children.set(parent, [...(children.get(parent) ?? []), n.id]);
  }
  const roots = nodes.filter((n) => !n.parentIds.some((p) => known.has(p))).map((n) => n.id);
  const out = new Map<string, Point>();
  let row = 0;
  const place = (id: string, depth: number, seen: Set<string>): number => {
    if (seen.has(id) || out.has(id)) return out.get(id)?.y ?? row * options.rowGap;
    seen.add(id);
    const kids = (children.get(id) ?? []).filter((k) => !out.has(k));
    let y: number;
    if (kids.length === 0) {
      y = row * options.rowGap;
      row += 1;
    } else {
      const ys = kids.map((k) => place(k, depth + 1, seen));
      y = (ys[0] + ys[ys.length - 1]) / 2;
    }
    out.set(id, { x: depth * options.columnGap, y });
    return y;
  };
  for (const r of roots) {
    place(r, 0, new Set());
    row += 0.5;
  }
  // Anything left (a cycle without a root) goes below the rest.
  for (const n of nodes) if (!out.has(n.id)) place(n.id, 0, new Set());
  return out;
}

/** Saved places win; the layout fills in the rest. */
export function mergePositions(
  nodes: readonly (LayoutNode & { readonly x: number | null; readonly y: number | null })[],
  layout: ReadonlyMap<string, Point>,
): Map<string, Point> {
  return new Map(nodes.map((n) => [n.id, n.x !== null && n.y !== null ? { x: n.x, y: n.y } : (layout.get(n.id) ?? { x: 0, y: 0 })]));
}
