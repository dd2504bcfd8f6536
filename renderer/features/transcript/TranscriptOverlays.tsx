import { ImportDialog } from '../import/ImportDialog';
import { useImport } from '../import/import-store';
import { SegmentDialog } from './SegmentDialog';
import { useTranscript } from './transcript-store';
import { TurnRepairDialog } from './TurnRepairDialog';

/** The dialogs of importing, segmenting and repairing turns, over the project window. */
export function TranscriptOverlays() {
  const importOpen = useImport((s) => s.open);
  const segmentOpen = useTranscript((s) => s.segmentOpen);
  const repairing = useTranscript((s) => s.repair !== null);
  return (
    <>
      {importOpen && <ImportDialog />}
      {segmentOpen && <SegmentDialog />}
      {repairing && <TurnRepairDialog />}
    </>
  );
}
