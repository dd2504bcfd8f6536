// Electron's utilityProcess.fork where no Electron runs: the module runs in a worker thread that
// sees the same `process.parentPort` a utility process does (messages arrive as {data, ports}).
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const { EventEmitter } = require('node:events');
const parent = new EventEmitter();
parent.postMessage = (message) => parentPort.postMessage(message);
parentPort.on('message', (m) => parent.emit('message', { data: m.data, ports: m.ports || [] }));
process.parentPort = parent;
require(workerData.modulePath);
`;

/** Starts `modulePath` as a utility process would be, in a worker thread; returns a UtilityProcess look-alike. */
export function forkInWorker(modulePath) {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { modulePath }, stdout: false, stderr: false });
  const child = new EventEmitter();
  let exited = false;
  child.threadId = worker.threadId;
  child.postMessage = (data, transfer = []) => worker.postMessage({ data, ports: transfer }, transfer);
  child.kill = () => {
    if (exited) return false;
    void worker.terminate();
    return true;
  };
  worker.on('online', () => child.emit('spawn'));
  worker.on('message', (m) => child.emit('message', m));
  worker.on('error', (err) => child.emit('error', err));
  worker.on('exit', (code) => {
    exited = true;
    child.emit('exit', code);
  });
  return child;
}
