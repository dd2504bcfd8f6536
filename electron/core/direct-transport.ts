import type { Transport } from '../../shared/api/client';
import type { Application } from './application';

/** The in-process transport, for tests and the CLI: the same dispatch, no wire. */
export function directTransport(app: Application): Transport {
  // A JSON round trip keeps the direct transport as strict as the wire: no shared object references.
  return async (method, params) => JSON.parse(JSON.stringify(await app.dispatch(method, params)));
}
