import * as fs from 'node:fs';
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** Slots of the shared state array. */
const WRITTEN = 0; // files written so far
const FAILED = 1; // 1 after the first failure (posted on the port)
const READY = 2; // 1 once the worker can format, 2 when it cannot (it writes text only)
/** How many files may wait for the writer thread. */
const MAX_QUEUED = 64;
/** How long the worker may make no progress before the caller gives up on it. */
const STALL_MS = 60_000;

/**
 * The worker: loads the formatter module it is given (when it can: a TypeScript source under a runner without a
 * loader cannot be loaded, and then the caller formats), then writes each `{ file, text }` or formats and writes each
 * `{ file, docs }`, in order, counting them in the shared array and waking the caller; on the first failure it posts
 * the error and stops writing. It loads no other module of this library.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { port, state, formatModule, formatExport } = workerData;
let format;
try {
  if (formatModule) format = require(formatModule)[formatExport];
} catch {
  format = undefined;
}
Atomics.store(state, ${READY}, typeof format === 'function' ? 1 : 2);
Atomics.notify(state, ${READY});
port.on('message', (m) => {
  if (m === null) { port.close(); return; }
  if (Atomics.load(state, ${FAILED}) !== 0) return;
  try {
    fs.writeFileSync(m.file, m.docs === undefined ? m.text : format(m.docs));
    Atomics.add(state, ${WRITTEN}, 1);
  } catch (e) {
    port.postMessage({ file: m.file, message: String(e && e.message), code: e && e.code });
    Atomics.store(state, ${FAILED}, 1);
  }
  Atomics.notify(state, ${WRITTEN});
});
`;

/** A module the worker loads to format documents: its path and the name of the function it exports. */
export interface FormatterModule {
  /** The module's file (`require.resolve` of it). */
  readonly path: string;
  /** The exported function `(docs: unknown[]) => string`. */
  readonly exportName: string;
}

/** Tuning of {@link BackgroundFileWriter}. */
export interface BackgroundWriterOptions {
  /**
   * Fewer files than this are written in the calling thread (a thread's start costs more than it saves).
   * @default 16
   */
  readonly threshold?: number;
  /**
   * How long the writer thread may write nothing while files wait before the caller gives up on it.
   * @default 60000
   */
  readonly stallMs?: number;
}

/**
 * Writes files on a worker thread while the caller goes on computing the next ones, and waits for all of them in
 * {@link finish}: the fleet's manifests are formatted and written on the second core, behind the synthesis of the
 * next sites (formatting and file creation were a third of a fleet's time). Documents are formatted by the
 * formatter module's function in the worker when the worker can load it, else by `format` here; either way the
 * files hold the same text. Files are written in the order given; the first failure (a read-only folder, a full
 * disk) is thrown by {@link finish} (or the next write) as `fs` threw it, naming the file. At most 64 files wait for
 * the thread (the caller waits beyond that). Below `threshold` files, or where worker threads cannot start, everything
 * happens in the calling thread.
 */
export class BackgroundFileWriter {
  private readonly worker?: Worker;
  private readonly port?: MessagePort;
  private readonly state = new Int32Array(new SharedArrayBuffer(12));
  private readonly stallMs: number;
  private workerFormats?: boolean;
  private sent = 0;
  private closed = false;
  private stopped = false;

  /**
   * @param expectedFiles how many files the caller will write
   * @param format formats documents in the calling thread (the formatter module's function, imported)
   * @param formatter the same function as a module the worker can load
   */
  constructor(expectedFiles: number, private readonly format: (docs: readonly unknown[]) => string, formatter?: FormatterModule, options: BackgroundWriterOptions = {}) {
    this.stallMs = options.stallMs ?? STALL_MS;
    if (expectedFiles < (options.threshold ?? 16)) return;
    const { port1, port2 } = new MessageChannel();
    try {
      this.worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { port: port2, state: this.state, formatModule: formatter?.path, formatExport: formatter?.exportName },
        transferList: [port2],
      });
    } catch {
      return; // no worker threads here: everything in this thread
    }
    // the process does not wait for an idle writer; finish() waits for the writes
    this.worker.unref();
    this.port = port1;
  }

  /** Formats `docs` and writes them to `file` (both in the background when the worker can format). */
  public writeDocuments(file: string, docs: readonly unknown[]): void {
    this.open();
    if (!this.worker) fs.writeFileSync(file, this.format(docs));
    else if (this.canWorkerFormat()) this.post({ file, docs });
    else this.post({ file, text: this.format(docs) });
  }

  /** Waits until every file given is written (or the first failure, which it throws), and stops the worker. */
  public finish(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.worker) return;
    try {
      this.waitUntilQueued(0);
    } finally {
      this.stop();
    }
  }

  /** Stops the worker without waiting for the files not yet written (after an error in the caller). */
  public abort(): void {
    this.closed = true;
    this.stop();
  }

  private open(): void {
    if (this.closed) throw new Error('BackgroundFileWriter: write after finish() or abort()');
  }

  private post(message: { file: string; text?: string; docs?: readonly unknown[] }): void {
    // a bounded queue: on a busy machine the caller waits for the writer instead of piling up every site's objects
    // (and a failure already reported is thrown here)
    this.waitUntilQueued(MAX_QUEUED - 1);
    this.port!.postMessage(message);
    this.sent++;
  }

  /**
   * Waits until at most `queued` files are still to be written, then throws the worker's first failure if any. A
   * thread that stops without a word (out of memory) would leave the count still: after `stallMs` of that, it stops
   * the worker and throws.
   */
  private waitUntilQueued(queued: number): void {
    let seen = -1;
    let since = Date.now();
    for (;;) {
      const written = Atomics.load(this.state, WRITTEN);
      if (this.sent - written <= queued || Atomics.load(this.state, FAILED) !== 0) break;
      if (written !== seen) [seen, since] = [written, Date.now()];
      else if (Date.now() - since > this.stallMs) {
        this.abort();
        throw new Error(`the file writer thread stopped: ${written} of ${this.sent} files written`);
      }
      Atomics.wait(this.state, WRITTEN, written, Math.min(1000, this.stallMs));
    }
    this.throwFailure();
  }

  /** Whether the worker loaded the formatter (waits for it to tell, once: its start-up, a few tens of ms). */
  private canWorkerFormat(): boolean {
    if (this.workerFormats === undefined) {
      // a worker that has not started after stallMs formats nothing; finish() reports it if it never writes either
      Atomics.wait(this.state, READY, 0, this.stallMs);
      this.workerFormats = Atomics.load(this.state, READY) === 1;
    }
    return this.workerFormats;
  }

  private stop(): void {
    if (this.stopped || !this.worker) return;
    this.stopped = true;
    this.port!.postMessage(null);
    this.port!.close();
    void this.worker.terminate();
  }

  /** Throws the worker's first failure, if any. */
  private throwFailure(): void {
    if (Atomics.load(this.state, FAILED) === 0) return;
    const m = receiveMessageOnPort(this.port!)?.message as { file: string; message: string; code?: string } | undefined;
    const error = new Error(m ? m.message : 'a file could not be written') as NodeJS.ErrnoException;
    if (m?.code) error.code = m.code;
    error.path = m?.file;
    this.abort();
    throw error;
  }
}
