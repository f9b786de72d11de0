/**
 * How the two meshing threads (mesh-threads.ts, mesh-helper.ts) share a phase: its work is cut into chunks that
 * either thread takes in turn (an atomic counter), and a thread goes on to the next phase only when every chunk of
 * this one is done. Neither thread waits for the other to arrive: when the helper is slow to start or descheduled
 * (the machine is busy), the meshing thread simply takes more chunks. Per job, a small shared Int32Array: slot 0 =
 * failed flag, then per phase: next chunk, chunks done.
 */
/** A thread that waits longer than this for the other one's chunks gives the job up (the other one died or hung). */
export const CHUNK_TIMEOUT_MS = 30_000;

export function phaseCounters(phases: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * (1 + 2 * phases)));
}

/**
 * Takes and does chunks of phase `phase` until none is left, then waits until every chunk is done; returns how many
 * chunks this thread did. Chunks are taken in turn, in increasing order; or, where both threads give `end`, from
 * either end of the phase: thread 0 from the first chunk up, thread 1 from the last down, meeting wherever the other
 * is slower. Then each thread keeps to about the same part of the arrays from one phase to the next, which stays in
 * its own core's caches (two threads taking chunks in turn made Schaefer 1000's smoothing steps 5–10 % slower, each
 * chunk's data written by the other core in the step before).
 */
export function runPhase(
  counters: Int32Array,
  phase: number,
  chunks: number,
  work: (chunk: number) => void,
  end?: 0 | 1,
): number {
  const next = 1 + 2 * phase,
    done = next + 1;
  let mine = 0;
  for (;;) {
    if (Atomics.load(counters, 0) !== 0) throw new Error('the other meshing thread failed');
    const c = Atomics.add(counters, next, 1);
    if (c >= chunks) break;
    // Taken from the ends, the chunks this thread did so far are its end's first ones: the two never meet, since
    // both together take no more than `chunks`.
    work(end === undefined ? c : end === 0 ? mine : chunks - 1 - mine);
    mine++;
    if (Atomics.add(counters, done, 1) + 1 === chunks) Atomics.notify(counters, done);
  }
  awaitAtLeast(counters, done, chunks, () => Atomics.load(counters, 0) !== 0, 'finish its share');
  return mine;
}

/**
 * Waits until states[slot] reaches `value` (another thread's progress); throws when `failed()` says the other thread
 * failed, or when it takes longer than CHUNK_TIMEOUT_MS (`what`: what it did not do, for the message).
 */
export function awaitAtLeast(
  states: Int32Array,
  slot: number,
  value: number,
  failed: () => boolean,
  what: string,
): void {
  const start = Date.now();
  for (;;) {
    const now = Atomics.load(states, slot);
    if (now >= value) return;
    if (failed()) throw new Error('the other meshing thread failed');
    if (Date.now() - start > CHUNK_TIMEOUT_MS)
      throw new Error(`the other meshing thread did not ${what} within ${CHUNK_TIMEOUT_MS / 1000} s`);
    Atomics.wait(states, slot, now, 100);
  }
}

/** runPhase over the items [0, count), in ranges of `size` items: `work(from, to)` for each (`end`: runPhase's). */
export function runRanges(
  counters: Int32Array,
  phase: number,
  count: number,
  size: number,
  work: (from: number, to: number) => void,
  end?: 0 | 1,
): number {
  const chunks = Math.ceil(count / size);
  return runPhase(counters, phase, chunks, (c) => work(c * size, Math.min(count, (c + 1) * size)), end);
}

/** Marks the job failed and wakes the other thread wherever it waits. */
export function failPhases(counters: Int32Array): void {
  Atomics.store(counters, 0, 1);
  for (let slot = 2; slot < counters.length; slot += 2) Atomics.notify(counters, slot);
}
