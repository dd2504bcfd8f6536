import type { MethodName } from '../../../shared/api/contract';
import type { HandlerMap } from '../handler-types';
import { appHandlers } from './app-handlers';
import { projectHandlers } from './project-handlers';

// Checked against the contract: a method without a handler, or a handler with the wrong types,
// fails the type check.
export const handlers: HandlerMap<MethodName> = {
  ...appHandlers,
  ...projectHandlers,
};
