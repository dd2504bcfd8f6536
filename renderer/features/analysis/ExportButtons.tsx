import type { ExportedFile } from '../../../shared/api/methods/analysis';
import { downloadBase64 } from './download';

/** "Export CSV" and "Export XLSX" for an analysis table: the core writes the file, the browser offers it. */
export function ExportButtons({ exportAs }: { readonly exportAs: (format: 'csv' | 'xlsx') => Promise<ExportedFile | null | undefined> }) {
  const save = async (format: 'csv' | 'xlsx') => {
    const file = await exportAs(format);
    if (file) downloadBase64(file.base64, file.mime, file.fileName);
  };
  return (
    <>
      <button type="button" onClick={() => void save('csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => void save('xlsx')}>
        Export XLSX
      </button>
    </>
  );
}
