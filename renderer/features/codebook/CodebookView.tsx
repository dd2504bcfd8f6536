import { useMemo } from 'react';
import { NODE_LEVEL_LABELS } from '../../../shared/domain/vocabulary';
import { useWorkspace } from '../../state/workspace-store';
import { flattenCodebook } from './codebook-tree';

export function CodebookView() {
  const nodes = useWorkspace((s) => s.nodes);
  const rows = useMemo(() => flattenCodebook(nodes), [nodes]);
  if (rows.length === 0) return <p className="muted pad">The codebook is empty.</p>;
  return (
    <div className="codebook" role="tree" aria-label="Codebook">
      {rows.map(({ node, depth, path }) => (
        <div key={path} role="treeitem" aria-level={depth + 1} className={`codebook-row level-${node.level}`} style={{ paddingLeft: 12 + depth * 20 }}>
          <span className="swatch" style={{ background: node.colour }} />
          <span className="node-level muted small">{NODE_LEVEL_LABELS[node.level]}</span>
          <span className="node-name">{node.name}</span>
          {node.level === 'code' && <span className="muted small">{node.codings} codings</span>}
          {node.definition && <div className="node-definition muted small">{node.definition}</div>}
        </div>
      ))}
    </div>
  );
}
