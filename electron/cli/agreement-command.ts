import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from '../../shared/api/client';
import type { Coder } from '../../shared/api/entities';
import { AppError } from '../../shared/api/errors';
import { DEFAULT_BOOTSTRAP_SEED } from '../../shared/domain/agreement/alpha-bootstrap';
import { AGREEMENT_LEVELS, UNIT_SET_MODES, type AgreementLevel, type UnitSetMode } from '../../shared/domain/agreement-options';
import { agreementText } from '../../shared/format/agreement-format';

export const AGREEMENT_HELP = `  condensa agreement FILE --coders A,B[,C…] [--level unit|char|document] [--documents all|handed-out|ID,…] [--unit-set MODE] [--min-positive N] [--ci [--seed N]] [--reveal] [--json]
        Agreement between coders (by name or initials), as the Compare tab shows it.
        --documents: the documents compared (default: those the coders were handed, where copies were handed out; else all).
        --level: default unit where the coders coded meaning units, else (free passages only) document.
        --level document: per code, whether each coder applied it anywhere in each document (every document in scope counts).
        --level char: κ per code for two coders, and Krippendorff's uα, |uα, cuα of the coded passages for any number.
        MODE: ${UNIT_SET_MODES.join(', ')} (unit level: default coded-by-any; document level: default all-units, each document a unit; not at the character level). --min-positive 0 shows withheld values.
        --ci adds the 95% interval of every κ (large-sample SE) and α (bootstrap of Hayes & Krippendorff 2007, 1,000 draws,
        with the probability that α falls below .667 and .800); --seed N seeds the bootstrap (default ${DEFAULT_BOOTSTRAP_SEED}), printed with it.
        --reveal ends blind coding first.`;

export interface AgreementOptions {
  readonly file: string;
  readonly coders: readonly string[];
  /** Left out: the app's default, which the scope line names. */
  readonly level: AgreementLevel | undefined;
  readonly unitSet: UnitSetMode | undefined;
  readonly documents: 'auto' | 'all' | 'handed-out';
  readonly documentIds: readonly string[] | undefined;
  readonly minPositiveUnits: number;
  readonly reveal: boolean;
  readonly intervals: boolean;
  readonly seed: number;
  readonly json: boolean;
}

/** The options, or a sentence saying what is wrong with the command line. */
export function parseAgreementArgs(args: readonly string[], cwd: string): AgreementOptions | string {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      coders: { type: 'string' },
      level: { type: 'string' },
      'unit-set': { type: 'string' },
      documents: { type: 'string' },
      'min-positive': { type: 'string', default: '5' },
      reveal: { type: 'boolean', default: false },
      ci: { type: 'boolean', default: false },
      seed: { type: 'string', default: String(DEFAULT_BOOTSTRAP_SEED) },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) return 'agreement needs exactly one FILE.';
  const coders = (values.coders ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  if (coders.length < 2) return 'agreement needs --coders with two or more coders, e.g. --coders AH,BO.';
  if (values.level !== undefined && !(AGREEMENT_LEVELS as readonly string[]).includes(values.level)) return `--level must be one of ${AGREEMENT_LEVELS.join(', ')}.`;
  const unitSet = values['unit-set'];
  if (unitSet !== undefined && !(UNIT_SET_MODES as readonly string[]).includes(unitSet)) return `--unit-set must be one of ${UNIT_SET_MODES.join(', ')}.`;
  if (unitSet !== undefined && unitSet !== 'all-units' && values.level === 'char') {
    return '--unit-set chooses meaning units, and at the character level every character is a unit: leave --unit-set out, or use --level unit.';
  }
  const documents = (values.documents ?? '').trim();
  const picked = documents === '' || documents === 'all' || documents === 'handed-out' ? undefined : documents.split(',').map((d) => d.trim()).filter(Boolean);
  if (picked && picked.length === 0) return '--documents must be all, handed-out, or a comma-separated list of document IDs.';
  const min = Number(values['min-positive']);
  if (!Number.isInteger(min) || min < 0) return '--min-positive must be a whole number, 0 or more.';
  const seed = Number(values.seed);
  if (!/^\d+$/.test(values.seed) || seed > 4_294_967_295) return '--seed must be a whole number from 0 to 4294967295.';
  return {
    file: path.resolve(cwd, positionals[0]),
    coders,
    level: values.level as AgreementLevel | undefined,
    unitSet: unitSet as UnitSetMode | undefined,
    documents: documents === 'all' || documents === 'handed-out' ? documents : 'auto',
    documentIds: picked,
    minPositiveUnits: min,
    reveal: values.reveal,
    intervals: values.ci,
    seed,
    json: values.json,
  };
}

/** A coder by name or initials, case-insensitively; never the consensus pseudo-coder. */
export function findCoder(coders: readonly Coder[], asked: string): Coder {
  const key = asked.trim().toLowerCase();
  const people = coders.filter((c) => c.role !== 'consensus');
  const byName = people.filter((c) => c.name.toLowerCase() === key);
  const matches = byName.length > 0 ? byName : people.filter((c) => c.initials.toLowerCase() === key);
  const known = people.map((c) => `${c.name} (${c.initials})`).join(', ');
  if (matches.length === 0) throw new AppError('NOT_FOUND', `No coder called “${asked}” in this project. The coders are: ${known}.`);
  if (matches.length > 1) throw new AppError('BAD_REQUEST', `“${asked}” names more than one coder (${matches.map((c) => c.name).join(', ')}). Use the full name.`);
  return matches[0];
}

export async function runAgreement(client: Client, options: AgreementOptions, out: (text: string) => void): Promise<void> {
  // Read only, unless asked to end blind coding: that one change is written, as the help says.
  await client.call('project.open', { path: options.file, readOnly: !options.reveal });
  const coders = await client.call('coders.list', {});
  const chosen = options.coders.map((c) => findCoder(coders, c));
  if (options.reveal) await client.call('agreement.reveal', { confirm: true });
  try {
    const report = await client.call('agreement.compute', {
      coderIds: chosen.map((c) => c.id),
      level: options.level,
      unitSet: options.unitSet,
      documents: options.documents,
      documentIds: options.documentIds ? [...options.documentIds] : undefined,
      minPositiveUnits: options.minPositiveUnits,
      intervals: options.intervals,
      seed: options.seed,
    });
    out(options.json ? JSON.stringify(report, null, 2) : agreementText(report));
  } catch (err) {
    if (err instanceof AppError && err.code === 'BLIND_CODING') {
      throw new AppError('BLIND_CODING', 'Blind coding is on in this project. Run again with --reveal to open the comparison (this ends blind coding for everyone using the file).');
    }
    throw err;
  }
}
