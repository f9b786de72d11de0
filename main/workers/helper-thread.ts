/**
 * Starting the meshing helper thread (mesh-helper.ts) and having it touch a memory's pages ahead of a job (its
 * warmPages): what MeshThreads does first, apart, so that the command line's entry can do it before the rest of the
 * command has loaded (cli/mesh-prestart.ts). It imports only Node's worker threads and the arena (core/mesh/arrays.ts),
 * so that entry stays small.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { WasmArena } from '../../core/mesh/arrays';

/** The helper thread and this side of the port its slabs come back on. */
export interface HelperThread {
  worker: Worker;
  slabs: MessagePort;
  /**
   * Why the thread stopped, once it failed or exited: watched from its start, so that one started ahead and failing
   * before MeshThreads takes it over is not taken for a working one.
   */
  failure: Error | null;
}

/** Starts the helper thread from its bundled script (dist/worker/mesh-helper.cjs). */
export function startHelperThread(script: string | URL): HelperThread {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(script, { workerData: { slabs: port2 }, transferList: [port2] });
  const thread: HelperThread = { worker, slabs: port1, failure: null };
  worker.on('error', (e) => (thread.failure ??= e));
  worker.on('exit', () => (thread.failure ??= new Error('the meshing helper thread exited')));
  // An idle helper never keeps a process alive (one started for nothing included).
  worker.unref();
  port1.unref();
  return thread;
}

/**
 * Touching a memory's pages ahead of a job, from its start: the first write to a fresh page costs far more than the
 * write (about 10 µs a 4 KB page on a virtual machine), and the helper is idle while the meshing thread reads the
 * atlas. Each page gets an atomic add of 0, which leaves whatever the meshing thread may have written there. Stops
 * at `bytes`, or when `stop[0]` is set (a job starts, or the threads close).
 */
export interface WarmJob {
  kind: 'warm';
  memory: WebAssembly.Memory;
  bytes: number;
  stop: Int32Array;
}

/** Has `helper` touch the first `bytes` of `memory` (WarmJob); returns the flag that stops it. */
function startWarming(helper: Worker, memory: WebAssembly.Memory, bytes: number): Int32Array {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  helper.postMessage({ kind: 'warm', memory, bytes, stop } satisfies WarmJob);
  return stop;
}

/** A helper thread started ahead of its job, touching the pages of its arena's memory (StartedHelper's warming). */
export interface StartedHelper {
  helper: HelperThread;
  arena: WasmArena;
  /** startWarming's flag; null when the arena's memory could not be made (the helper then only waits). */
  warming: Int32Array | null;
}

/** Starts the helper thread and has it touch the first `bytes` of a new arena's memory. */
export function startWarmHelper(script: string | URL, bytes: number): StartedHelper {
  const arena = new WasmArena();
  const helper = startHelperThread(script);
  const memory = arena.reserve(bytes);
  return { helper, arena, warming: memory ? startWarming(helper.worker, memory, bytes) : null };
}
