import type { CodebookNode } from '../../../shared/api/entities';

/** For each node, the two names above it along its first parents ("Category › Subcategory"), to tell codes apart. */
export function codePaths(nodes: readonly CodebookNode[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, string>();
  for (const n of nodes) {
    const names: string[] = [];
    const seen = new Set<string>([n.id]);
    let parent = n.parentIds[0];
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      const p = byId.get(parent);
      if (!p) break;
      names.unshift(p.name);
      parent = p.parentIds[0];
    }
    out.set(n.id, names.slice(-2).join(' › '));
  }
  return out;
}
