import { useEffect, useState } from 'react';
import { LEVEL_MODES, SHEET_COLUMN_ROLES, type LevelMode, type RefiLevelNode, type RefiLevelPreview, type SheetColumnRole, type SheetLayout } from '../../../shared/api/methods/refi';
import { LEVELS_BY_METHOD, NODE_LEVEL_LABELS, type Methodology, type NodeLevel } from '../../../shared/domain/vocabulary';
import { attemptHere, call } from '../../state/app-store';

/** What the import will be asked for, as the preview settles it. */
export interface LevelOptions {
  readonly levels: LevelMode;
  readonly levelOverrides: Record<string, NodeLevel>;
  readonly matchByName: boolean;
  /** A spreadsheet's columns as the user set them, by column number. */
  readonly columns: Record<string, SheetColumnRole>;
}

export const DEFAULT_LEVEL_OPTIONS: LevelOptions = { levels: 'auto', levelOverrides: {}, matchByName: false, columns: {} };

const ROLE_LABELS: Readonly<Record<SheetColumnRole, string>> = {
  name: 'Code name',
  path: 'Path (A > B, A::B, A\\B)',
  parent: 'Parent (several: levels, left to right)',
  level: 'Level',
  definition: 'Definition',
  inclusion: 'Inclusion criteria',
  exclusion: 'Exclusion criteria',
  example: 'Example',
  colour: 'Colour',
  id: 'ID',
  ignore: 'Not read',
};

const SHAPE_WORDS: Readonly<Record<SheetLayout['shape'], string>> = {
  path: 'The tree is read from the paths.',
  parent: 'The tree is read from the parent column.',
  outline: 'The tree is read from the order of the rows and their levels.',
  flat: 'A flat list: no path, parent or level column.',
};

/** A spreadsheet's columns as the import reads them; a select per column lets the user say what it holds. */
function SheetColumns({ sheet, options, onChange }: { readonly sheet: SheetLayout; readonly options: LevelOptions; readonly onChange: (options: LevelOptions) => void }) {
  return (
    <div className="refi-levels-table" role="group" aria-label="Spreadsheet columns">
      <p className="small">Columns of the spreadsheet: say what a column holds where the header was not recognised (in italics).</p>
      <table>
        <thead>
          <tr>
            <th>Column</th>
            <th>First value</th>
            <th>Holds</th>
          </tr>
        </thead>
        <tbody>
          {sheet.columns.map((c, i) => (
            <tr key={i} className={c.recognised ? undefined : 'guessed'}>
              <td>{c.header || `Column ${i + 1}`}</td>
              <td className="muted">{c.sample}</td>
              <td>
                <select
                  aria-label={`What column ${c.header || i + 1} holds`}
                  value={c.role}
                  onChange={(e) => onChange({ ...options, columns: { ...options.columns, [String(i)]: e.target.value as SheetColumnRole }, levelOverrides: {} })}
                >
                  {SHEET_COLUMN_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small muted">
        {sheet.rows} row{sheet.rows === 1 ? '' : 's'}. {SHAPE_WORDS[sheet.shape]}
      </p>
    </div>
  );
}

const MODE_LABELS: Readonly<Record<LevelMode, string>> = {
  auto: 'Automatic: levels the file names (a level column, [Category] …), else the tree',
  descriptions: 'Only levels the file names (a level column, [Category] … in descriptions)',
  depth: 'From the tree: parents above codes, bottom-up',
  none: 'None: every node is a code',
};

const BASIS_WORDS: Readonly<Record<RefiLevelNode['basis'], string>> = {
  record: 'as Condensa exported it',
  description: 'named in its description',
  column: 'named in the level column',
  depth: 'guessed from the tree',
  none: 'a code',
  chosen: 'chosen by you',
  existing: 'already in this project',
};

const PLURALS: Readonly<Record<NodeLevel, string>> = { theme: 'themes', subtheme: 'subthemes', category: 'categories', subcategory: 'subcategories', code: 'codes' };

// The preview lists this many rows; the import covers them all.
const SHOWN = 400;

/**
 * The codebook as it will come in: each node's level and where the guess came from, before
 * anything is written. Changing a level here changes what the import does.
 */
export function LevelPreview({
  sourcePath,
  fileName,
  kind,
  methodology,
  options,
  onChange,
  onProblem,
}: {
  /** The file, as the core reads it: picked in the system's dialog, or uploaded in browser mode. */
  readonly sourcePath: string;
  /** Tells a spreadsheet from a REFI-QDA file, and names it in messages. */
  readonly fileName?: string;
  readonly kind: 'project' | 'codebook';
  readonly methodology?: Methodology;
  readonly options: LevelOptions;
  readonly onChange: (options: LevelOptions) => void;
  /** A file the preview cannot read is refused here already; the dialog shows the sentence where the user acted. */
  readonly onProblem: (message: string | null) => void;
}) {
  const [preview, setPreview] = useState<RefiLevelPreview | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    onProblem(null);
    void attemptHere(
      () =>
        call('refi.previewLevels', {
          sourcePath,
          fileName,
          kind,
          methodology,
          levels: options.levels,
          levelOverrides: options.levelOverrides,
          matchByName: options.matchByName,
          columns: options.columns,
        }),
      (message) => {
        if (!live) return;
        setFailed(true);
        onProblem(message);
      },
    ).then((r) => {
      if (live && r) setPreview(r);
    });
    return () => {
      live = false;
    };
  }, [sourcePath, fileName, kind, methodology, options, onProblem]);

  if (failed) return null;
  if (!preview) return <p className="small muted">Reading the codebook…</p>;
  const levels = [...LEVELS_BY_METHOD[preview.methodology]];
  const counts = new Map<NodeLevel, number>();
  for (const n of preview.nodes) if (n.match === 'new') counts.set(n.level, (counts.get(n.level) ?? 0) + 1);
  const setLevel = (guid: string, level: NodeLevel) => onChange({ ...options, levelOverrides: { ...options.levelOverrides, [guid]: level } });
  return (
    <section aria-label="Levels preview" className="refi-levels">
      {preview.sheet && <SheetColumns sheet={preview.sheet} options={options} onChange={onChange} />}
      <label>
        Levels above codes
        <select value={options.levels} onChange={(e) => onChange({ ...options, levels: e.target.value as LevelMode, levelOverrides: {} })}>
          {LEVEL_MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {kind === 'codebook' && (
        <label className="checkbox">
          <input type="checkbox" checked={options.matchByName} onChange={(e) => onChange({ ...options, matchByName: e.target.checked })} />
          Merge codes with the same name as a code this project has
        </label>
      )}
      <p className="small" role="status">
        {preview.nodes.length === 0
          ? 'The file holds no codes.'
          : `New: ${
              levels
                .filter((l) => counts.has(l))
                .map((l) => `${counts.get(l)} ${counts.get(l) === 1 ? NODE_LEVEL_LABELS[l].toLowerCase() : PLURALS[l]}`)
                .join(', ') || 'nothing (every code is already in this project)'
            }${preview.nodes.some((n) => n.basis === 'depth') ? ' — levels guessed from the tree; change any that are wrong.' : '.'}`}
      </p>
      {preview.nodes.length > 0 && (
        <div className="refi-levels-table">
          <table>
            <thead>
              <tr>
                <th>Node</th>
                <th>Level</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.nodes.slice(0, SHOWN).map((n) => (
                <tr key={n.guid} className={n.basis === 'depth' ? 'guessed' : undefined}>
                  <td style={{ paddingLeft: `${4 + Math.min(n.depth, 8) * 14}px` }}>
                    {n.name || '(no name)'}
                    {n.created && n.match === 'new' && (
                      <span className="muted" title="The file names it only as a parent, with no row of its own: it is created.">
                        {' '}
                        (created)
                      </span>
                    )}
                  </td>
                  <td>
                    {n.match === 'new' ? (
                      <select aria-label={`Level of ${n.name}`} value={n.level} onChange={(e) => setLevel(n.guid, e.target.value as NodeLevel)}>
                        {levels.map((l) => (
                          <option key={l} value={l}>
                            {NODE_LEVEL_LABELS[l]}
                          </option>
                        ))}
                        {!levels.includes(n.level) && <option value={n.level}>{NODE_LEVEL_LABELS[n.level]}</option>}
                      </select>
                    ) : (
                      NODE_LEVEL_LABELS[n.level]
                    )}
                  </td>
                  <td className="muted">{n.match === 'name' ? 'same name as a code in this project' : BASIS_WORDS[n.basis]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.nodes.length + preview.more > SHOWN && <p className="small muted">and {preview.nodes.length + preview.more - SHOWN} more, imported with the levels the rule gives them.</p>}
        </div>
      )}
    </section>
  );
}
