export interface HeatmapProps {
  readonly labels: readonly string[];
  /** Symmetric counts; the diagonal holds each node's own total. */
  readonly value: (row: number, column: number) => number;
  readonly onSelect: (row: number, column: number) => void;
  readonly title: string;
  readonly selected?: readonly [number, number] | null;
}

const CELL = 22;
const LABEL = 230;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A square heatmap: darker cells for more shared units; the diagonal, in grey, is each node's own count. */
export function Heatmap({ labels, value, onSelect, title, selected }: HeatmapProps) {
  const n = labels.length;
  let max = 1;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) max = Math.max(max, value(i, j));
  const size = LABEL + n * CELL + 4;
  // Room on the right for the slanted column labels of the last columns.
  const width = size + 110;
  return (
    <svg role="img" aria-label={title} className="heatmap" viewBox={`0 0 ${width} ${size}`} width={width} height={size}>
      <title>{title}</title>
      {labels.map((l, i) => (
        <g key={`l${i}`}>
          <text x={LABEL - 6} y={LABEL + i * CELL + CELL / 2 + 4} textAnchor="end" className="chart-label">
            <title>{l}</title>
            {truncate(l, 34)}
          </text>
          <text
            transform={`translate(${LABEL + i * CELL + CELL / 2 + 4}, ${LABEL - 6}) rotate(-60)`}
            className="chart-label"
          >
            <title>{l}</title>
            {truncate(l, 34)}
          </text>
        </g>
      ))}
      {labels.map((_l, i) =>
        labels.map((_m, j) => {
          const v = value(i, j);
          const diagonal = i === j;
          const isSelected = selected && ((selected[0] === i && selected[1] === j) || (selected[0] === j && selected[1] === i));
          return (
            <rect
              key={`${i}-${j}`}
              data-cell={`${i}-${j}`}
              x={LABEL + j * CELL}
              y={LABEL + i * CELL}
              width={CELL - 2}
              height={CELL - 2}
              rx={2}
              className={`heat-cell${diagonal ? ' diagonal' : ''}${isSelected ? ' selected' : ''}`}
              fill={diagonal ? '#adb5bd' : v > 0 ? '#2f5fb3' : 'transparent'}
              fillOpacity={diagonal ? 0.35 : v > 0 ? 0.15 + 0.85 * (v / max) : 1}
              onClick={() => v > 0 && onSelect(i, j)}
            >
              <title>{diagonal ? `${labels[i]}: ${v} units` : `${labels[i]} × ${labels[j]}: ${v}`}</title>
            </rect>
          );
        }),
      )}
    </svg>
  );
}
