import { randomUUID } from 'node:crypto';
import type { codebookMethods } from '../../../shared/api/methods/codebook';
import { NODE_LEVEL_LABELS, type NodeLevel } from '../../../shared/domain/vocabulary';
import type { HandlerMap } from '../handler-types';
import { nodeCounts, nodeCountsPerCoder, retrieve } from '../repos/analysis-repo';
import { getNode, listNodes } from '../repos/codebook-repo';
import {
  createNode,
  deleteNodes,
  mergeNodes,
  moveNodes,
  resolveMove,
  planDelete,
  requireNodeRow,
  splitNode,
  unlinkParent,
  updateNode,
} from '../repos/codebook-edit-repo';
import { projectSettings, rememberCollapsed } from '../repos/project-repo';
import { stmt } from '../store/statements';
import { AppError } from '../../../shared/api/errors';

const levelWord = (level: NodeLevel) => NODE_LEVEL_LABELS[level].toLowerCase();
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const codebookHandlers: HandlerMap<keyof typeof codebookMethods> = {
  'codebook.create': (input, ctx) => {
    const id = ctx.write(`Add ${levelWord(input.level)} “${input.name}”`, () => createNode(ctx.project.db, input));
    return getNode(ctx.project.db, id, ctx.project.visibleCoderId);
  },
  'codebook.update': ({ id, ...changes }, ctx) => {
    const db = ctx.project.db;
    const before = requireNodeRow(db, id);
    const what = changes.name && changes.name.trim() !== before.name ? `Rename “${before.name}” to “${changes.name.trim()}”` : `Edit ${levelWord(before.level)} “${before.name}”`;
    ctx.write(what, () => updateNode(db, id, changes));
    return getNode(db, id, ctx.project.visibleCoderId);
  },
  'codebook.move': ({ nodes, to, addParent }, ctx) => {
    const db = ctx.project.db;
    const items = nodes.filter((item, i) => nodes.findIndex((x) => x.id === item.id) === i);
    if (addParent && (to.kind === 'up' || to.kind === 'down' || to.kind === 'outdent' || to.kind === 'indent')) {
      throw new AppError('BAD_REQUEST', 'A node is placed under a second parent by naming that parent, not by a step up, down, out or in.');
    }
    const move = resolveMove(db, items, to);
    const names = items.map((item) => `“${requireNodeRow(db, item.id).name}”`);
    const what = names.length > 1 ? `${names.length} nodes (${names.join(', ')})` : names[0];
    const parent = move.parentId ? `“${requireNodeRow(db, move.parentId).name}”` : null;
    const last = to.kind === 'indent' || (to.kind === 'inside' && to.at === 'last');
    const where = last ? (parent ? `under ${parent}` : 'to the top level') : `to place ${move.place} ${parent ? `under ${parent}` : 'at the top level'}`;
    const tail = `${what}${move.outOf ? ` out of “${requireNodeRow(db, move.outOf).name}”` : ''} ${where}`;
    ctx.write(addParent ? `Also place ${what} under ${parent ?? 'the top level'}` : `Move ${tail}`, () =>
      moveNodes(db, move, addParent, projectSettings(db).allowMultipleParents),
    );
    const said = addParent ? `${what} now also under ${parent}, and still where ${names.length === 1 ? 'it was' : 'they were'}.` : `Moved ${tail}.`;
    return { nodes: listNodes(db, ctx.project.visibleCoderId), parentId: move.parentId, said };
  },
  'codebook.unlink': ({ id, parentId }, ctx) => {
    const db = ctx.project.db;
    const node = requireNodeRow(db, id);
    const parent = requireNodeRow(db, parentId);
    ctx.write(`Take “${node.name}” out of “${parent.name}”`, () => unlinkParent(db, id, parentId));
    return listNodes(db, ctx.project.visibleCoderId);
  },
  'codebook.merge': ({ sourceId, targetId, alsoSourceIds }, ctx) => {
    const db = ctx.project.db;
    const sources = [...new Set([sourceId, ...alsoSourceIds])].map((id) => requireNodeRow(db, id));
    const target = requireNodeRow(db, targetId);
    const r = ctx.write(`Merge ${sources.map((s) => `“${s.name}”`).join(', ')} into “${target.name}”`, () =>
      sources.reduce(
        (sum, s) => {
          const one = mergeNodes(db, s.id, targetId);
          return { moved: sum.moved + one.moved, collapsed: sum.collapsed + one.collapsed };
        },
        { moved: 0, collapsed: 0 },
      ),
    );
    return { target: getNode(db, targetId, ctx.project.visibleCoderId), movedCodings: r.moved, collapsedCodings: r.collapsed };
  },
  'codebook.split': ({ id, parts, removeEmptyOriginal }, ctx) => {
    const db = ctx.project.db;
    const original = requireNodeRow(db, id);
    const r = ctx.write(`Split “${original.name}” into ${parts.map((p) => `“${p.name}”`).join(', ')}`, () =>
      splitNode(db, id, parts, removeEmptyOriginal, ctx.project.visibleCoderId),
    );
    return { created: r.created.map((c) => getNode(db, c, ctx.project.visibleCoderId)), movedCodings: r.moved, originalRemoved: r.originalRemoved };
  },
  'codebook.deletePreview': ({ id, withChildren }, { project }) => {
    const plan = planDelete(project.db, id, withChildren);
    return { nodes: plan.nodeIds.length, codings: plan.codings, quotes: plan.quotes, memos: plan.memos, children: plan.keptChildren.length };
  },
  'codebook.delete': ({ id, withChildren }, ctx) => {
    const db = ctx.project.db;
    const node = requireNodeRow(db, id);
    const plan = planDelete(db, id, withChildren);
    const extra = plan.nodeIds.length > 1 ? ` and ${plural(plan.nodeIds.length - 1, 'node')} beneath it` : '';
    ctx.write(`Delete ${levelWord(node.level)} “${node.name}”${extra} with ${plural(plan.codings, 'coding')}`, () => deleteNodes(db, id, plan));
    return { nodes: plan.nodeIds.length, codings: plan.codings, quotes: plan.quotes, memos: plan.memos };
  },
  'codebook.counts': ({ coderIds }, { project }) => nodeCounts(project.db, project.visibleCoderId ? [project.visibleCoderId] : (coderIds ?? null)),
  'codebook.countsPerCoder': (_input, { project }) => nodeCountsPerCoder(project.db, project.visibleCoderId),
  'codebook.rememberCollapsed': ({ nodeIds }, { project }) => {
    rememberCollapsed(project.db, nodeIds);
    return { ok: true };
  },
  'codebook.retrieve': ({ nodeId, limit }, { project }) => retrieve(project.db, nodeId, project.visibleCoderId, limit),
  'quotes.set': ({ nodeId, unitId, quote }, ctx) => {
    const db = ctx.project.db;
    const node = requireNodeRow(db, nodeId);
    const unit = stmt(db, `SELECT 1 FROM meaning_units WHERE id = ?`).get(unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'That meaning unit is not in the project any more.');
    ctx.write(quote ? `Mark a quote for “${node.name}”` : `Unmark a quote for “${node.name}”`, () => {
      if (!quote) {
        stmt(db, `DELETE FROM quotes WHERE node_id = ? AND unit_id = ?`).run(nodeId, unitId);
        return;
      }
      const sort = stmt(db, `SELECT coalesce(max(sort) + 1, 0) FROM quotes WHERE node_id = ?`).pluck().get(nodeId) as number;
      stmt(db, `INSERT INTO quotes (id, node_id, unit_id, sort) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(randomUUID(), nodeId, unitId, sort);
    });
    return { nodeId, unitId, quote };
  },
  'quotes.list': ({ nodeId }, { project }) => {
    const rows = stmt(
      project.db,
      `SELECT q.id, q.node_id AS nodeId, q.unit_id AS unitId, u.document_id AS documentId, u.start, u."end" AS "end", q.sort
       FROM quotes q JOIN meaning_units u ON u.id = q.unit_id ${nodeId ? 'WHERE q.node_id = ?' : ''} ORDER BY q.node_id, q.sort`,
    ).all(...(nodeId ? [nodeId] : [])) as { id: string; nodeId: string; unitId: string; documentId: string; start: number; end: number; sort: number }[];
    const texts = new Map<string, string>();
    return rows.map((r) => {
      let text = texts.get(r.documentId);
      if (text === undefined) {
        text = stmt(project.db, `SELECT text FROM documents WHERE id = ?`).pluck().get(r.documentId) as string;
        texts.set(r.documentId, text);
      }
      return { id: r.id, nodeId: r.nodeId, unitId: r.unitId, documentId: r.documentId, text: text.slice(r.start, r.end), sort: r.sort };
    });
  },
};
