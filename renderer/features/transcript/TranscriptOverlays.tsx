import { ImportDialog } from '../import/ImportDialog';
import { useImport } from '../import/import-store';
import { SegmentDialog } from './SegmentDialog';
import { useTranscript } from './transcript-store';

/** The dialogs of importing and segmenting, over the project window. */
export function TranscriptOverlays() {
  const importOpen = useImport((s) => s.open);
  const segmentOpen = useTranscript((s) => s.segmentOpen);
  return (
    <>
      {importOpen && <ImportDialog />}
      {segmentOpen && <SegmentDialog />}
    </>
  );
}
