import { describe, expect, it } from 'vitest';
import { parseExportArgs } from '../../../electron/cli/export-command';

describe('condensa export --language', () => {
  it('passes a known language to the report and leaves auto to the transcripts', () => {
    const chosen = parseExportArgs(['demo.condensa', '--what', 'themes', '-o', 'themes.docx', '--language', 'fr-FR'], '/tmp');
    expect(typeof chosen === 'string' ? chosen : chosen.options.language).toBe('fr-FR');
    const auto = parseExportArgs(['demo.condensa', '--what', 'themes', '-o', 'themes.docx'], '/tmp');
    expect(typeof auto === 'string' ? auto : auto.options.language).toBe('auto');
  });

  it('refuses a language it has no quotation marks for, naming the ones it has', () => {
    expect(parseExportArgs(['demo.condensa', '--what', 'themes', '-o', 'themes.docx', '--language', 'klingon'], '/tmp')).toMatch(/^--language takes auto or en-GB, en-US, fr-FR/);
  });
});
