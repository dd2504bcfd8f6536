import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../../shared/api/client';
import { SEGMENT_MODES, type SegmentChoice } from '../../shared/api/methods/import';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/domain/vocabulary';

export const IMPORT_HELP = `  condensa import FILE... --into PROJECT [--segment MODE] [--kind KIND] [--group NAME] [--no-detect]
                 [--same-labels-same-person] [--label-lines N,N…] [--not-label-lines N,N…]
                 [--one-speaker NAME] [--json]
        Import transcripts (.txt .md .docx .odt .rtf .pdf .html .vtt .srt .csv) as documents, with their
        speakers as participants and the text split into meaning units. Each file is one step;
        a refused file changes nothing and the others still import.
        Each file's speakers are new participants, so "P1" of two sessions is two people, unless
        --same-labels-same-person says a label already in the project names the same person.
        --label-lines and --not-label-lines give the lines (numbered from 1, as the import dialog
        shows them) that are a speaker's label or no label, whatever their shape; --one-speaker
        reads a text without labels as one person's words (a diary, a monologue).
        MODE: ${SEGMENT_MODES.join(', ')} (default sentence)   KIND: ${DOCUMENT_KINDS.join(', ')}`;

export interface ImportCliOptions {
  readonly files: readonly string[];
  readonly project: string;
  readonly segment: SegmentChoice;
  readonly kind: DocumentKind | undefined;
  readonly group: string | undefined;
  readonly detect: boolean;
  readonly sameLabelsSamePerson: boolean;
  /** 0-based, as the contract counts lines. */
  readonly labelLines: readonly number[];
  readonly notLabelLines: readonly number[];
  readonly oneSpeaker: string | undefined;
  readonly json: boolean;
}

/** Parses the arguments; a string is a usage problem to report. */
export function parseImportArgs(args: readonly string[], cwd: string): ImportCliOptions | string {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      into: { type: 'string' },
      segment: { type: 'string' },
      kind: { type: 'string' },
      group: { type: 'string' },
      'no-detect': { type: 'boolean', default: false },
      'same-labels-same-person': { type: 'boolean', default: false },
      'label-lines': { type: 'string' },
      'not-label-lines': { type: 'string' },
      'one-speaker': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) return 'import needs at least one FILE.';
  if (!values.into) return 'import needs --into PROJECT (the .condensa file to import into).';
  const segment = (values.segment ?? 'sentence') as SegmentChoice;
  if (!SEGMENT_MODES.includes(segment)) return `--segment must be one of ${SEGMENT_MODES.join(', ')}.`;
  const kind = values.kind as DocumentKind | undefined;
  if (kind !== undefined && !DOCUMENT_KINDS.includes(kind)) return `--kind must be one of ${DOCUMENT_KINDS.join(', ')}.`;
  const labelLines = lineNumbers(values['label-lines']);
  const notLabelLines = lineNumbers(values['not-label-lines']);
  if (labelLines === null) return '--label-lines takes line numbers from 1, separated by commas (e.g. 3,17).';
  if (notLabelLines === null) return '--not-label-lines takes line numbers from 1, separated by commas (e.g. 5,40).';
  const oneSpeaker = values['one-speaker']?.trim();
  if (oneSpeaker === '') return '--one-speaker needs the name of the one speaker.';
  return {
    files: positionals.map((f) => path.resolve(cwd, f)),
    project: path.resolve(cwd, values.into),
    segment,
    kind,
    group: values.group,
    detect: !values['no-detect'],
    sameLabelsSamePerson: values['same-labels-same-person'],
    labelLines,
    notLabelLines,
    oneSpeaker,
    json: values.json,
  };
}

// "3,17" -> [2, 16]; null when any part is not a whole number from 1.
function lineNumbers(written: string | undefined): number[] | null {
  if (written === undefined) return [];
  const parts = written.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^[1-9]\d{0,8}$/.test(p))) return null;
  return parts.map((p) => Number(p) - 1);
}

type FileReport =
  | { file: string; ok: true; documentId: string; title: string; turns: number; units: number; speakers: string[]; participantsCreated: number; participantsMapped: number; codings: number; codesCreated: number }
  | { file: string; ok: false; code: string; message: string };

/** Imports every file through the contract; returns whether all of them made it. */
export async function runImport(client: Client, o: ImportCliOptions, out: (line: string) => void, err: (line: string) => void): Promise<boolean> {
  await client.call('project.open', { path: o.project });
  const reports: FileReport[] = [];
  for (const file of o.files) {
    const reading = { detect: o.detect, labelLines: [...o.labelLines], notLabelLines: [...o.notLabelLines], oneSpeaker: o.oneSpeaker };
    const { files } = await client.call('import.preview', { sources: [{ kind: 'path', path: file }], ...reading });
    const outcome = files[0];
    if (!outcome.ok) {
      reports.push({ file, ok: false, code: outcome.error.code, message: outcome.error.message });
      continue;
    }
    try {
      const r = await client.call('import.commit', {
        previewId: outcome.preview.previewId,
        ...reading,
        segment: o.segment,
        document: { kind: o.kind, newGroupName: o.group },
        ...(o.sameLabelsSamePerson ? { speakers: outcome.preview.speakers.map((s) => ({ label: s.label, sameLabelSamePerson: true })) } : {}),
      });
      reports.push({ file, ok: true, ...r, speakers: outcome.preview.speakers.map((s) => s.label) });
    } catch (e) {
      const { code = 'INTERNAL', message = String(e) } = e as { code?: string; message?: string };
      reports.push({ file, ok: false, code, message });
    }
  }
  if (o.json) out(JSON.stringify({ project: o.project, files: reports }, null, 2));
  for (const r of reports) {
    if (r.ok && !o.json) {
      const people = `${r.participantsCreated} new participant${r.participantsCreated === 1 ? '' : 's'}${r.participantsMapped ? `, ${r.participantsMapped} matched by label` : ''}`;
      const tags = r.codings > 0 ? `, ${r.codings} codings from its tags (${r.codesCreated} new codes)` : '';
      out(`Imported ${path.basename(r.file)} as “${r.title}”: ${r.turns} turns, ${r.units} meaning units${tags}, speakers ${r.speakers.join(', ') || 'none'} (${people}).`);
    }
    if (!r.ok) err(`condensa: ${r.message} [${r.code}]`);
  }
  return reports.every((r) => r.ok);
}
