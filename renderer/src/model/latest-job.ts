/**
 * One job at a time on a Web Worker, the newest winning: a job asked for while another is in flight supersedes it
 * (the busy worker is stopped, so its answer can never arrive, and the old job resolves null), and an answer is
 * taken only from the job it belongs to. Used where a control (a slider) asks for heavy work faster than it is
 * done. Where no worker can start, or its script does not load, the same work runs on the page, asynchronously
 * and with the same supersession.
 *
 * The protocol: a worker says `{ ready: true }` once its script has loaded; the page then posts `{ id, request }`
 * with the request's buffers transferred (a 14 MB grid copied would cost the page a few hundred ms); the worker
 * answers `{ id, ok: true, result }` (its buffers transferred) or `{ id, ok: false, message }`. A job waits for the
 * ready message, so a script that fails to load leaves the request on the page to be done there.
 */

export interface JobMessage<Req> {
  id: number;
  request: Req;
}

export type JobReply<Res> = { id: number; ok: true; result: Res } | { id: number; ok: false; message: string };

/** What a job worker posts: ready once loaded, then one reply per job. */
export type WorkerMessage<Res> = JobReply<Res> | { ready: true };

/** What of a Worker this uses (a DOM Worker is one; tests give a fake). */
export interface JobWorker<Req, Res> {
  postMessage(msg: JobMessage<Req>, transfer: Transferable[]): void;
  onmessage: ((ev: MessageEvent<WorkerMessage<Res>>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface LatestJobOptions<Req, Res> {
  /** What the work is, for messages. */
  name: string;
  /** Starts a worker (may throw where workers cannot start). */
  start(): JobWorker<Req, Res>;
  /** The same work on the page. */
  runHere(request: Req): Res;
  /** The buffers of a request handed over to the worker (no longer usable on the page). */
  transfer(request: Req): Transferable[];
}

interface Current<Req, Res> {
  id: number;
  request: Req;
  /** Posted to the worker (its buffers gone from the page). */
  sent: boolean;
  resolve(r: Res | null): void;
  reject(e: Error): void;
}

/** The worker's side: answers one job message with the reply and the buffers to transfer with it. */
export function answerJob<Req, Res>(
  msg: JobMessage<Req>,
  work: (request: Req) => Res,
  transfer: (result: Res) => Transferable[],
): { reply: JobReply<Res>; transfer: Transferable[] } {
  try {
    const result = work(msg.request);
    return { reply: { id: msg.id, ok: true, result }, transfer: transfer(result) };
  } catch (e) {
    return { reply: { id: msg.id, ok: false, message: e instanceof Error ? e.message : String(e) }, transfer: [] };
  }
}

export class LatestJob<Req, Res> {
  private worker: JobWorker<Req, Res> | null = null;
  private ready = false;
  private onPage = false;
  private current: Current<Req, Res> | null = null;
  private nextId = 1;

  constructor(private readonly opts: LatestJobOptions<Req, Res>) {}

  /** Whether a job is in flight. */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Runs `request`, superseding any job in flight; resolves null when itself superseded or cancelled. */
  run(request: Req): Promise<Res | null> {
    this.cancel();
    const id = this.nextId++;
    return new Promise<Res | null>((resolve, reject) => {
      this.current = { id, request, sent: false, resolve, reject };
      this.dispatch(this.current);
    });
  }

  /** Drops the job in flight (it resolves null) and stops the worker busy with it. */
  cancel(): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    if (c.sent) this.dropWorker();
    c.resolve(null);
  }

  private dispatch(c: Current<Req, Res>): void {
    const w = this.getWorker();
    if (w) {
      // A worker still loading is sent the job by its ready message.
      if (this.ready) this.send(w, c);
      return;
    }
    // On the page, after the caller has returned, as a worker would answer.
    setTimeout(() => {
      if (this.current?.id !== c.id) return;
      let reply: JobReply<Res>;
      try {
        reply = { id: c.id, ok: true, result: this.opts.runHere(c.request) };
      } catch (e) {
        reply = { id: c.id, ok: false, message: e instanceof Error ? e.message : String(e) };
      }
      this.settle(reply);
    }, 0);
  }

  private send(w: JobWorker<Req, Res>, c: Current<Req, Res>): void {
    c.sent = true;
    w.postMessage({ id: c.id, request: c.request }, this.opts.transfer(c.request));
  }

  private settle(reply: JobReply<Res>): void {
    const c = this.current;
    // An answer to a job superseded since (or a stray message) is never taken.
    if (!c || reply.id !== c.id) return;
    this.current = null;
    if (reply.ok) c.resolve(reply.result);
    else c.reject(new Error(reply.message));
  }

  private getWorker(): JobWorker<Req, Res> | null {
    if (this.worker || this.onPage) return this.worker;
    let w: JobWorker<Req, Res>;
    try {
      w = this.opts.start();
    } catch (e) {
      this.fallBack(e instanceof Error ? e.message : String(e));
      return null;
    }
    w.onmessage = (ev) => {
      if (this.worker !== w) return;
      const m = ev.data;
      if ('ready' in m) {
        this.ready = true;
        if (this.current && !this.current.sent) this.send(w, this.current);
      } else this.settle(m);
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      if (this.worker !== w) return;
      const why = ev.message || 'the worker script did not load';
      const c = this.current;
      if (!this.ready) {
        // The script never ran: the page does the work from now on, starting with the job waiting.
        this.fallBack(why);
        if (c) this.dispatch(c);
        return;
      }
      // It stopped during a job whose buffers it had: that job fails, the next one starts a new worker.
      this.dropWorker();
      if (c?.sent) {
        this.current = null;
        c.reject(new Error(`${this.opts.name} stopped: ${why}`));
      }
    };
    this.worker = w;
    this.ready = false;
    return w;
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
  }

  private fallBack(why: string): void {
    console.warn(`${this.opts.name} worker unavailable (${why}); working on the page`);
    this.dropWorker();
    this.onPage = true;
  }
}
