import type { CSSProperties } from 'react';
import type { Coder, CodebookNode, Coding } from '../../../shared/api/entities';
import { PENDING_PREFIX, removeCodings } from './coding-actions';

interface Props {
  readonly codings: readonly Coding[];
  readonly nodeById: ReadonlyMap<string, CodebookNode>;
  readonly coderById: ReadonlyMap<string, Coder>;
  readonly currentCoderId: string | null;
}

/**
 * The code chips of a unit: the code's colour, the coder's initials, and × on the current coder's
 * own. A chip keeps its element from the moment it is drawn as pending to when the project has
 * stored its coding: it is keyed by what it shows, not by the coding's id. It looks the same all
 * along; only an answer that is slow to come fades it, and its × waits for the stored coding.
 */
export function UnitCodes({ codings, nodeById, coderById, currentCoderId }: Props) {
  if (codings.length === 0) return null;
  const keys = new Map<string, number>();
  return (
    <div className="unit-codes">
      {codings.map((c) => {
        const node = nodeById.get(c.codeId);
        const coder = coderById.get(c.coderId);
        const colour = node?.colour ?? '#888888';
        const pending = c.id.startsWith(PENDING_PREFIX);
        const shown = `${c.coderId}|${c.codeId}|${c.start ?? ''}|${c.end ?? ''}`;
        const seen = keys.get(shown) ?? 0;
        keys.set(shown, seen + 1);
        return (
          <span
            key={seen ? `${shown}|${seen}` : shown}
            className={pending ? 'chip pending' : 'chip'}
            data-code-id={c.codeId}
            style={{ borderColor: colour, background: `${colour}22` }}
            title={`${node?.name ?? 'code'} — coded by ${coder?.name ?? 'unknown'}${pending ? ' (saving…)' : ''}`}
          >
            {node?.name ?? '?'}{' '}
            <span className={coder ? 'chip-coder tinted' : 'chip-coder'} style={coder ? ({ '--tint': coder.colour } as CSSProperties) : undefined}>
              {coder?.initials}
            </span>
            {c.coderId === currentCoderId && (
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${node?.name ?? 'code'}`}
                disabled={pending}
                onClick={(e) => {
                  e.stopPropagation();
                  void removeCodings([c.id]);
                }}
              >
                ×
              </button>
            )}
          </span>
        );
      })}
    </div>
  );
}

/** Coloured bars in the unit's margin, one per distinct code, so overlaps show at a glance. */
export function CodeMargin({ codings, nodeById }: Pick<Props, 'codings' | 'nodeById'>) {
  const colours = [...new Set(codings.map((c) => c.codeId))].map((id) => nodeById.get(id)?.colour ?? '#888888');
  if (colours.length === 0) return null;
  return (
    <div className="code-margin" aria-hidden="true">
      {colours.slice(0, 6).map((colour, i) => (
        <span key={i} style={{ background: colour }} />
      ))}
    </div>
  );
}
