// Series colours: muted and distinct, since the bars' own colour is the code's when there is one series.
export const SERIES_COLOURS = ['#4c6ef5', '#e8590c', '#2b8a3e', '#ae3ec9', '#1098ad', '#f08c00', '#c2255c', '#5c7cfa', '#74b816', '#868e96'];

export interface BarRow {
  readonly id: string;
  readonly label: string;
  readonly colour: string;
  /** One value per series. */
  readonly values: readonly number[];
}

const LABEL_WIDTH = 260;
const BAR_HEIGHT = 12;
const GAP = 10;
const CHART_WIDTH = 420;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars, grouped by row, one bar per series; the value is printed at the bar's end. */
export function BarChart({ rows, series, title }: { rows: readonly BarRow[]; series: readonly string[]; title: string }) {
  const perRow = Math.max(1, series.length);
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const rowHeight = perRow * BAR_HEIGHT + GAP;
  const height = rows.length * rowHeight + 6;
  const width = LABEL_WIDTH + CHART_WIDTH + 40;
  return (
    <figure className="bar-chart">
      <p className="chart-title">{title}</p>
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <title>{title}</title>
        {rows.map((r, i) => {
          const y = i * rowHeight + 3;
          return (
            <g key={r.id} data-row={r.label}>
              <text x={LABEL_WIDTH - 8} y={y + (perRow * BAR_HEIGHT) / 2 + 4} textAnchor="end" className="chart-label">
                <title>{r.label}</title>
                {truncate(r.label, 40)}
              </text>
              {r.values.map((v, j) => {
                const w = (v / max) * CHART_WIDTH;
                const by = y + j * BAR_HEIGHT;
                const fill = series.length > 1 ? SERIES_COLOURS[j % SERIES_COLOURS.length] : r.colour;
                return (
                  <g key={j}>
                    <rect x={LABEL_WIDTH} y={by} width={Math.max(v > 0 ? 1.5 : 0, w)} height={BAR_HEIGHT - 2} fill={fill} rx={1.5}>
                      <title>{`${r.label}${series.length > 1 ? ` — ${series[j]}` : ''}: ${v}`}</title>
                    </rect>
                    <text x={LABEL_WIDTH + w + 4} y={by + BAR_HEIGHT - 3} className="chart-value">
                      {v}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH} y1={0} y2={height} className="chart-axis" />
      </svg>
      {series.length > 1 && (
        <figcaption className="chart-legend">
          {series.map((s, j) => (
            <span key={s}>
              <span className="swatch" style={{ background: SERIES_COLOURS[j % SERIES_COLOURS.length] }} /> {s}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
