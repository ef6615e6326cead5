import * as fs from 'node:fs';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * The worker: writes each `{ file, text }` it is sent, in order, counting them in the shared array (slot 0) and waking
 * the main thread; on the first failure it posts the error, sets slot 1 and stops writing. It loads no module of this
 * library, so it runs the same from TypeScript sources, the compiled package or a test runner's transform.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { port, state } = workerData;
port.on('message', (m) => {
  if (m === null) { port.close(); return; }
  if (Atomics.load(state, 1) !== 0) return;
  try {
    fs.writeFileSync(m.file, m.text);
    Atomics.add(state, 0, 1);
  } catch (e) {
    port.postMessage({ file: m.file, message: e.message, code: e.code });
    Atomics.store(state, 1, 1);
  }
  Atomics.notify(state, 0);
});
`;

/**
 * Writes files on a worker thread while the caller goes on computing the next ones, and waits for all of them in
 * {@link finish}: the fleet's manifest files are written behind its synthesis instead of between its sites (file
 * creation is the part of a fleet's time that varies most with the machine's disk). The writes happen in the order
 * given; the first failure (a read-only folder, a full disk) is thrown by {@link finish} as `fs` would have thrown it,
 * naming the file. Below `threshold` files, or where worker threads cannot start, it writes in the calling thread.
 */
export class BackgroundFileWriter {
  private readonly worker?: Worker;
  private readonly port?: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(8));
  private sent = 0;
  private closed = false;
  private stopped = false;

  constructor(expectedFiles: number, threshold = 16) {
    if (expectedFiles < threshold) return;
    const { port1, port2 } = new MessageChannel();
    try {
      this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, state: this.state }, transferList: [port2] });
    } catch {
      return; // no worker threads here: write in this thread
    }
    // the process does not wait for an idle writer; finish() waits for the writes
    this.worker.unref();
    this.port = port1;
  }

  /** Writes `text` to `file` (in the background when there is a worker). */
  public write(file: string, text: string): void {
    if (this.closed) throw new Error('BackgroundFileWriter: write() after finish()');
    if (!this.worker) {
      fs.writeFileSync(file, text);
      return;
    }
    this.failure();
    this.port!.postMessage({ file, text });
    this.sent++;
  }

  /** Waits until every file given is written (or the first failure, which it throws), and stops the worker. */
  public finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.worker) return;
    try {
      while (Atomics.load(this.state, 0) < this.sent && Atomics.load(this.state, 1) === 0) {
        Atomics.wait(this.state, 0, Atomics.load(this.state, 0), 1000);
      }
      this.failure();
    } finally {
      this.stop();
    }
  }

  /** Stops the worker without waiting for the files not yet written (after an error in the caller). */
  public abort(): void {
    this.closed = true;
    this.stop();
  }

  private stop(): void {
    if (this.stopped || !this.worker) return;
    this.stopped = true;
    this.port!.postMessage(null);
    this.port!.close();
    void this.worker.terminate();
  }

  /** Throws the worker's first failure, if any. */
  private failure(): void {
    if (Atomics.load(this.state, 1) === 0) return;
    const m = receiveMessageOnPort(this.port!)?.message as { file: string; message: string; code?: string } | undefined;
    const error = new Error(m ? m.message : 'a manifest file could not be written') as NodeJS.ErrnoException;
    if (m?.code) error.code = m.code;
    error.path = m?.file;
    this.abort();
    throw error;
  }
}
