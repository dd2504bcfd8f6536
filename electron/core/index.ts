export { Application } from './application';
export { directTransport } from './direct-transport';
export type { Ports, DialogPort } from './ports';
