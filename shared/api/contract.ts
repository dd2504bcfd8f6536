import type { z } from 'zod';
import type { MethodSpec } from './method';
import { appMethods } from './methods/app';
import { projectMethods } from './methods/project';
import { importMethods } from './methods/import';
import { documentMethods } from './methods/documents';
import { participantMethods } from './methods/participants';
import { unitMethods } from './methods/units';
import { codebookMethods } from './methods/codebook';
import { codingMethods } from './methods/coding';
import { memoMethods } from './methods/memos';
import { searchMethods } from './methods/search';
import { savedSearchMethods } from './methods/saved-searches';
import { analysisMethods } from './methods/analysis';
import { refiMethods } from './methods/refi';
import { agreementMethods } from './methods/agreement';
import { exchangeMethods } from './methods/exchange';
import { reportMethods } from './methods/reports';
import { mediaMethods } from './methods/media';

// The one contract: every method of the application, declared once. Feature files under
// methods/ each contribute a record; transports, handlers and the client all derive from this.
export const contract = {
  ...appMethods,
  ...projectMethods,
  ...importMethods,
  ...documentMethods,
  ...participantMethods,
  ...unitMethods,
  ...codebookMethods,
  ...codingMethods,
  ...memoMethods,
  ...searchMethods,
  ...savedSearchMethods,
  ...analysisMethods,
  ...refiMethods,
  ...agreementMethods,
  ...exchangeMethods,
  ...reportMethods,
  ...mediaMethods,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Params<K extends MethodName> = z.input<Contract[K]['params']>;
export type ParsedParams<K extends MethodName> = z.output<Contract[K]['params']>;
export type Result<K extends MethodName> = z.output<Contract[K]['result']>;

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
