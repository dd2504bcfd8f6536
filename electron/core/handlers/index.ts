import type { MethodName } from '../../../shared/api/contract';
import type { HandlerMap } from '../handler-types';
import { appHandlers } from './app-handlers';
import { projectHandlers } from './project-handlers';
import { importHandlers } from './import-handlers';
import { documentHandlers } from './documents-handlers';
import { participantHandlers } from './participants-handlers';
import { unitHandlers } from './units-handlers';
import { codebookHandlers } from './codebook-handlers';
import { codingHandlers } from './coding-handlers';
import { memoHandlers } from './memo-handlers';
import { searchHandlers } from './search-handlers';
import { savedSearchHandlers } from './saved-search-handlers';
import { analysisHandlers } from './analysis-handlers';
import { refiHandlers } from './refi-handlers';
import { agreementHandlers } from './agreement-handlers';
import { exchangeHandlers } from './exchange-handlers';
import { reportHandlers } from './reports-handlers';
import { mediaHandlers } from './media-handlers';

// Checked against the contract: a method without a handler, or a handler with the wrong types,
// fails the type check.
export const handlers: HandlerMap<MethodName> = {
  ...appHandlers,
  ...projectHandlers,
  ...importHandlers,
  ...documentHandlers,
  ...participantHandlers,
  ...unitHandlers,
  ...codebookHandlers,
  ...codingHandlers,
  ...memoHandlers,
  ...searchHandlers,
  ...savedSearchHandlers,
  ...analysisHandlers,
  ...refiHandlers,
  ...agreementHandlers,
  ...exchangeHandlers,
  ...reportHandlers,
  ...mediaHandlers,
};
