import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapNode } from '../../../shared/api/methods/analysis';
import type { ThemeStatus } from '../../../shared/domain/vocabulary';
import { attempt, markLocalMutations, useAppStore } from '../../state/app-store';
import { patchAnalysis, useAnalysis } from './analysis-store';
import { downloadBlob } from './download';
import { layoutTree, mergePositions, type Point } from './map-layout';
import { STATUS_LABELS, ThemePanel } from './ThemePanel';
import { useAnalysisQuery } from './use-analysis-query';
import { EmptyState } from '../../components/EmptyState';

// Arranging the map changes nothing the other views show: the map updates itself.
markLocalMutations(['analysis.savePositions']);

const BOX_W = 210;
const BOX_H = 38;
const MARGIN = 24;
const STATUS_COLOURS: Readonly<Record<ThemeStatus, string>> = { candidate: '#e67700', reviewed: '#2f5fb3', defined: '#2b8a3e' };

interface Palette {
  readonly bg: string;
  readonly box: string;
  readonly border: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
}

function palette(): Palette {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { bg: v('--bg', '#ffffff'), box: v('--panel', '#f3f3f1'), border: v('--border', '#dedcd7'), text: v('--text', '#1f2328'), muted: v('--muted', '#6a6f76'), accent: v('--accent', '#2f5fb3') };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function edgePath(from: Point, to: Point): string {
  const x1 = from.x + BOX_W;
  const y1 = from.y + BOX_H / 2;
  const x2 = to.x;
  const y2 = to.y + BOX_H / 2;
  const mid = (x1 + x2) / 2;
  return `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
}

/** Serialises the map as a stand-alone SVG file (colours are attributes, so it looks the same outside the app). */
function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

async function exportPng(svg: SVGSVGElement, fileName: string): Promise<void> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The map could not be drawn as an image.'));
      img.src = url;
    });
    // Twice the size, for print.
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d')!;
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (blob) downloadBlob(blob, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ThematicMap() {
  const filter = useAnalysis((s) => s.filter);
  const options = useAnalysis((s) => s.map);
  const theme = useAppStore((s) => s.theme);
  const { data } = useAnalysisQuery('analysis.map', { filter, codes: options.codes });
  const [dragged, setDragged] = useState<ReadonlyMap<string, Point>>(new Map());
  const drag = useRef<{ id: string; start: Point; origin: Point; moved: boolean; last: Point } | null>(null);
  const nudgeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const [canvasWidth, setCanvasWidth] = useState(800);
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setCanvasWidth(el.clientWidth));
    observer.observe(el);
    setCanvasWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [data !== null]);
  // Read again when the theme changes: the map's colours are attributes, so exports keep them.
  const colours = useMemo(() => (theme ? palette() : palette()), [theme]);
  const nodes = data ?? [];

  // Fresh data from the project replaces positions still held from a drag.
  useEffect(() => setDragged(new Map()), [data]);

  const positions = useMemo(() => {
    const layout = layoutTree(nodes, { columnGap: BOX_W + 44, rowGap: BOX_H + 10 });
    const merged = mergePositions(nodes, layout);
    for (const [id, p] of dragged) merged.set(id, p);
    return merged;
  }, [nodes, dragged]);

  const bounds = useMemo(() => {
    const ps = [...positions.values()];
    const minX = Math.min(0, ...ps.map((p) => p.x));
    const minY = Math.min(0, ...ps.map((p) => p.y));
    const maxX = Math.max(BOX_W, ...ps.map((p) => p.x + BOX_W));
    const maxY = Math.max(BOX_H, ...ps.map((p) => p.y + BOX_H));
    return { x: minX - MARGIN, y: minY - MARGIN, w: maxX - minX + 2 * MARGIN, h: maxY - minY + 2 * MARGIN };
  }, [positions]);

  const selected = nodes.find((n) => n.id === options.selected) ?? null;
  // "Fit" shrinks a wide map to the canvas width (never enlarges it); drags are converted back to map units.
  const scale = options.zoom === 'fit' ? Math.min(1, Math.max(0.3, (canvasWidth - 8) / bounds.w)) : options.zoom;
  const save = (id: string, p: Point) => void attempt('analysis.savePositions', { positions: [{ id, x: p.x, y: p.y }] });

  const onPointerDown = (e: React.PointerEvent, n: MapNode) => {
    const p = positions.get(n.id)!;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    drag.current = { id: n.id, start: { x: e.clientX, y: e.clientY }, origin: p, moved: false, last: p };
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = (e.clientX - d.start.x) / scale;
    const dy = (e.clientY - d.start.y) / scale;
    if (!d.moved && Math.hypot(dx, dy) < 3) return;
    d.moved = true;
    d.last = { x: Math.round(d.origin.x + dx), y: Math.round(d.origin.y + dy) };
    const at = d.last;
    setDragged((m) => new Map(m).set(d.id, at));
  };
  const onPointerUp = (n: MapNode) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.moved) save(n.id, d.last);
    else patchAnalysis('map', { selected: n.id });
  };
  const onKeyDown = (e: React.KeyboardEvent, n: MapNode) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      patchAnalysis('map', { selected: n.id });
      return;
    }
    const step = e.shiftKey ? 50 : 10;
    const delta: Record<string, Point> = { ArrowLeft: { x: -step, y: 0 }, ArrowRight: { x: step, y: 0 }, ArrowUp: { x: 0, y: -step }, ArrowDown: { x: 0, y: step } };
    const dlt = delta[e.key];
    if (!dlt) return;
    e.preventDefault();
    e.stopPropagation();
    const p = positions.get(n.id)!;
    const next = { x: p.x + dlt.x, y: p.y + dlt.y };
    setDragged((m) => new Map(m).set(n.id, next));
    // Arrow presses in a row make one saved move, not one per press.
    if (nudgeTimer.current) clearTimeout(nudgeTimer.current);
    nudgeTimer.current = setTimeout(() => save(n.id, next), 500);
  };

  const exportSvg = () => svgRef.current && downloadBlob(new Blob([svgText(svgRef.current)], { type: 'image/svg+xml' }), 'thematic-map.svg');

  return (
    <div className="analysis-pane">
      <div className="toolbar analysis-options">
        <label className="inline">
          <input type="checkbox" checked={options.codes} onChange={(e) => patchAnalysis('map', { codes: e.target.checked })} /> Show codes
        </label>
        <label className="inline">
          Zoom
          <select
            aria-label="Zoom"
            value={String(options.zoom)}
            onChange={(e) => patchAnalysis('map', { zoom: e.target.value === 'fit' ? 'fit' : Number(e.target.value) })}
          >
            <option value="fit">Fit width</option>
            <option value="0.5">50%</option>
            <option value="0.75">75%</option>
            <option value="1">100%</option>
          </select>
        </label>
        <button type="button" onClick={() => void attempt('analysis.resetPositions', {})} title="Forget the saved places and lay the map out as a tree again">
          Lay out again
        </button>
        <span className="muted small" title="Select a node and use the arrow keys to move it from the keyboard (Shift for larger steps).">
          Drag nodes to arrange them; places are saved in the project.
        </span>
        <span className="spacer" />
        <button type="button" onClick={exportSvg}>
          Export SVG
        </button>
        <button type="button" onClick={() => svgRef.current && void exportPng(svgRef.current, 'thematic-map.png')}>
          Export PNG
        </button>
      </div>
      {!data ? (
        <p className="muted pad">Drawing…</p>
      ) : nodes.length === 0 ? (
        <EmptyState commands={['codebook.newCode', 'view.codebook']}>The codebook is empty: make themes, categories and codes first.</EmptyState>
      ) : (
        <div className="map-layout">
          <div className="map-canvas" ref={canvasRef}>
            <svg
              ref={svgRef}
              role="img"
              aria-label="Thematic map"
              width={Math.round(bounds.w * scale)}
              height={Math.round(bounds.h * scale)}
              viewBox={`${bounds.x} ${bounds.y} ${bounds.w} ${bounds.h}`}
              fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
              onPointerMove={onPointerMove}
            >
              <rect x={bounds.x} y={bounds.y} width={bounds.w} height={bounds.h} fill={colours.bg} />
              {nodes.flatMap((n) =>
                n.parentIds.map((p) => {
                  const from = positions.get(p);
                  const to = positions.get(n.id);
                  return from && to ? <path key={`${p}>${n.id}`} d={edgePath(from, to)} fill="none" stroke={colours.muted} strokeOpacity={0.55} strokeWidth={1.2} /> : null;
                }),
              )}
              {nodes.map((n) => {
                const p = positions.get(n.id)!;
                const isSelected = n.id === options.selected;
                const top = n.level === 'theme';
                return (
                  <g
                    key={n.id}
                    className="map-node"
                    data-node={n.name}
                    data-x={Math.round(p.x)}
                    data-y={Math.round(p.y)}
                    transform={`translate(${p.x}, ${p.y})`}
                    tabIndex={0}
                    role="button"
                    aria-label={`${n.name}${n.status ? `, ${STATUS_LABELS[n.status]}` : ''}`}
                    aria-pressed={isSelected}
                    onPointerDown={(e) => onPointerDown(e, n)}
                    onPointerUp={() => onPointerUp(n)}
                    onKeyDown={(e) => onKeyDown(e, n)}
                  >
                    <title>{`${n.name} (${n.units} units)`}</title>
                    <rect
                      width={BOX_W}
                      height={BOX_H}
                      rx={6}
                      fill={n.level === 'code' ? colours.bg : colours.box}
                      stroke={isSelected ? colours.accent : colours.border}
                      strokeWidth={isSelected ? 2 : 1}
                    />
                    <rect width={5} height={BOX_H} rx={2} fill={n.colour} />
                    <text x={12} y={16} fontSize={12} fontWeight={top ? 700 : n.level === 'code' ? 400 : 600} fill={colours.text}>
                      {truncate(n.name, n.status ? 18 : top ? 28 : 31)}
                    </text>
                    <text x={12} y={30} fontSize={10} fill={colours.muted}>
                      {`${n.level} · ${n.units} units${n.renamed ? ` · renamed ${n.renamed}×` : ''}`}
                    </text>
                    {n.status && (
                      <g transform={`translate(${BOX_W - 60}, 5)`}>
                        <rect width={54} height={13} rx={6.5} fill="none" stroke={STATUS_COLOURS[n.status]} />
                        <text x={27} y={9.5} fontSize={9} textAnchor="middle" fill={STATUS_COLOURS[n.status]}>
                          {STATUS_LABELS[n.status].toLowerCase()}
                        </text>
                      </g>
                    )}
                  </g>
                );
              })}
            </svg>
          </div>
          {selected ? (
            <ThemePanel node={selected} onClose={() => patchAnalysis('map', { selected: null })} />
          ) : (
            <p className="map-hint muted small">Click a node to review its name, status and definition.</p>
          )}
        </div>
      )}
    </div>
  );
}
