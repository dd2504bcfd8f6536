import { memo } from 'react';
import type { Coder, CodebookNode, Coding, MeaningUnit } from '../../../shared/api/entities';
import { selectUnit } from '../../state/workspace-store';
import { useShownUnitCodings } from '../agreement/coder-view-store';
import { applyCodes, selectedUnitIds } from '../coding/coding-actions';
import { useCoding } from '../coding/coding-store';
import { CODE_DRAG_TYPE } from '../coding/CodeRail';
import { CondensationEditor } from '../coding/CondensationEditor';
import { SpanText } from '../coding/SpanText';
import { CodeMargin, UnitCodes } from '../coding/UnitCodes';
import { selectRangeTo } from '../coding/use-transcript-keys';
import { BoundaryHandles } from './BoundaryHandles';

interface Props {
  readonly unit: MeaningUnit;
  /** The unit's stretch of this row (a unit may run across turns) and its text. */
  readonly start: number;
  readonly text: string;
  readonly spans: readonly Coding[];
  readonly nodeById: ReadonlyMap<string, CodebookNode>;
  readonly coderById: ReadonlyMap<string, Coder>;
  readonly currentCoderId: string | null;
  readonly selected: boolean;
  readonly inRange: boolean;
  readonly editing: boolean;
  /** Where focus goes after editing the condensation, so the keys keep working. */
  readonly onEdited: () => void;
}

/**
 * One meaning unit in the transcript: its text, condensation and code chips. It watches its own
 * codings, so coding a unit redraws that unit alone, not the transcript or the units around it.
 */
export const UnitBlock = memo(function UnitBlock({ unit, start, text, spans, nodeById, coderById, currentCoderId, selected, inRange, editing, onEdited }: Props) {
  const codings = useShownUnitCodings(unit.id);
  return (
    <div
      className={`unit${selected ? ' selected' : ''}${inRange ? ' in-range' : ''}`}
      data-unit-id={unit.id}
      onMouseDown={(e) => {
        // Shift+click grows the unit range; without this the browser would grow a text selection.
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => {
        if (!e.shiftKey && window.getSelection()?.isCollapsed === false) return;
        if (e.shiftKey) selectRangeTo(unit.id);
        else selectUnit(unit.id);
        useCoding.setState({ focus: 'unit' });
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(CODE_DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        e.currentTarget.classList.add('drop-target');
      }}
      onDragLeave={(e) => e.currentTarget.classList.remove('drop-target')}
      onDrop={(e) => {
        e.currentTarget.classList.remove('drop-target');
        const codeId = e.dataTransfer.getData(CODE_DRAG_TYPE);
        if (!codeId) return;
        e.preventDefault();
        // Dropping on a unit of the selected range codes the whole range.
        void applyCodes([codeId], inRange ? selectedUnitIds() : [unit.id]);
      }}
      // A group, not a button: it holds buttons of its own (each chip's remove button).
      role="group"
      aria-roledescription="meaning unit"
      tabIndex={-1}
    >
      <CodeMargin codings={codings} nodeById={nodeById} />
      <SpanText className="unit-text" text={text} start={start} spans={spans} nodeById={nodeById} />
      <div
        className="unit-condensed"
        dir="auto"
        onDoubleClick={(e) => {
          e.stopPropagation();
          selectUnit(unit.id);
          useCoding.setState({ editingUnitId: unit.id });
        }}
      >
        {editing ? <CondensationEditor unitId={unit.id} initial={unit.condensed} onDone={onEdited} /> : unit.condensed || <span className="muted">—</span>}
      </div>
      <UnitCodes codings={codings} nodeById={nodeById} coderById={coderById} currentCoderId={currentCoderId} />
      {selected && <BoundaryHandles unit={unit} />}
    </div>
  );
});
