/**
 * The newest-wins worker job protocol (renderer/src/model/latest-job.ts) against fake workers that load and answer
 * when told: a job waits for the worker's ready message and its buffers are transferred; a superseded job resolves
 * null, its worker is stopped and a late answer from it is never taken; errors reject with the worker's message; a
 * worker that cannot start, or whose script does not load, leaves the work to the page; one that stops during a
 * job fails that job only.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type JobMessage,
  type JobWorker,
  LatestJob,
  type WorkerMessage,
  answerJob,
} from '../../../../../renderer/src/model/latest-job';

/** A request: a number, and a buffer standing for the grid handed over. */
type Req = { n: number; buf: ArrayBuffer };

class FakeWorker implements JobWorker<Req, number> {
  onmessage: ((ev: MessageEvent<WorkerMessage<number>>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  posted: { msg: JobMessage<Req>; transfer: Transferable[] }[] = [];
  terminated = false;
  postMessage(msg: JobMessage<Req>, transfer: Transferable[]): void {
    this.posted.push({ msg, transfer });
  }
  terminate(): void {
    this.terminated = true;
  }
  private emit(data: WorkerMessage<number>): void {
    this.onmessage?.({ data } as MessageEvent<WorkerMessage<number>>);
  }
  /** The script has loaded. */
  ready(): void {
    this.emit({ ready: true });
  }
  /** Answers the last job posted as the worker script would: the request squared. */
  answer(): void {
    const { id, request } = this.posted[this.posted.length - 1].msg;
    this.emit({ id, ok: true, result: request.n * request.n });
  }
  fail(message: string): void {
    this.emit({ id: this.posted[this.posted.length - 1].msg.id, ok: false, message });
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const req = (n: number): Req => ({ n, buf: new ArrayBuffer(8) });

function jobs(start?: () => FakeWorker) {
  const workers: FakeWorker[] = [];
  const here = vi.fn((r: Req) => -r.n);
  const job = new LatestJob<Req, number>({
    name: 'test meshing',
    start: () => {
      if (start) return start();
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    runHere: here,
    transfer: (r) => [r.buf],
  });
  return { job, workers, here };
}

afterEach(() => vi.restoreAllMocks());

describe('LatestJob', () => {
  it('sends a job once the worker is ready, its buffers transferred, and takes its answer', async () => {
    const { job, workers } = jobs();
    const r = req(3);
    const p = job.run(r);
    expect(workers[0].posted).toHaveLength(0);
    workers[0].ready();
    expect(workers[0].posted).toEqual([{ msg: { id: 1, request: r }, transfer: [r.buf] }]);
    workers[0].answer();
    expect(await p).toBe(9);
    expect(job.busy).toBe(false);
  });

  it('takes only the newest answer: a superseded job resolves null, its worker is stopped, its late answer ignored', async () => {
    const { job, workers } = jobs();
    const first = job.run(req(3));
    workers[0].ready();
    expect(job.busy).toBe(true);
    const second = job.run(req(4));
    expect(await first).toBeNull();
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    // The stopped worker's answer, had it been on its way, is not taken for the newer job.
    workers[0].answer();
    expect(job.busy).toBe(true);
    workers[1].ready();
    workers[1].answer();
    expect(await second).toBe(16);
    // An idle worker is kept for the next job.
    const third = job.run(req(5));
    expect(workers).toHaveLength(2);
    workers[1].answer();
    expect(await third).toBe(25);
  });

  it('replaces a job not yet sent (the worker still loading) without stopping the worker', async () => {
    const { job, workers } = jobs();
    const first = job.run(req(2));
    const second = job.run(req(7));
    expect(await first).toBeNull();
    expect(workers).toHaveLength(1);
    expect(workers[0].terminated).toBe(false);
    workers[0].ready();
    expect(workers[0].posted.map((p) => p.msg.request.n)).toEqual([7]);
    workers[0].answer();
    expect(await second).toBe(49);
  });

  it('ignores an answer whose id is not the job in flight', async () => {
    const { job, workers } = jobs();
    const p = job.run(req(2));
    workers[0].ready();
    workers[0].onmessage?.({ data: { id: 999, ok: true, result: 7 } } as MessageEvent<WorkerMessage<number>>);
    expect(job.busy).toBe(true);
    workers[0].answer();
    expect(await p).toBe(4);
  });

  it("rejects with the worker's message, and the next job runs on the same worker", async () => {
    const { job, workers } = jobs();
    const p = job.run(req(2));
    workers[0].ready();
    workers[0].fail('the grid ends early');
    await expect(p).rejects.toThrow('the grid ends early');
    const q = job.run(req(6));
    expect(workers).toHaveLength(1);
    workers[0].answer();
    expect(await q).toBe(36);
  });

  it('cancel resolves the job in flight null and stops its worker; the next job starts a fresh one', async () => {
    const { job, workers } = jobs();
    const p = job.run(req(2));
    workers[0].ready();
    job.cancel();
    expect(await p).toBeNull();
    expect(workers[0].terminated).toBe(true);
    const q = job.run(req(3));
    expect(workers).toHaveLength(2);
    workers[1].ready();
    workers[1].answer();
    expect(await q).toBe(9);
  });

  it('works on the page where no worker can start, newest still winning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { job, here } = jobs(() => {
      throw new Error('Worker is not defined');
    });
    const a = job.run(req(2));
    const b = job.run(req(3));
    expect(await a).toBeNull();
    expect(await b).toBe(-3);
    expect(here).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Worker is not defined'));
  });

  it('does the waiting job on the page when the worker script does not load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { job, workers, here } = jobs();
    const p = job.run(req(5));
    workers[0].crash('404 probability.worker.js');
    expect(await p).toBe(-5);
    expect(workers[0].terminated).toBe(true);
    expect(await job.run(req(6))).toBe(-6);
    expect(workers).toHaveLength(1);
    expect(here).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('fails the job a worker stops during (its buffers went with it); the next job starts a new worker', async () => {
    const { job, workers } = jobs();
    const p = job.run(req(5));
    workers[0].ready();
    workers[0].crash('out of memory');
    await expect(p).rejects.toThrow('test meshing stopped: out of memory');
    const q = job.run(req(2));
    expect(workers).toHaveLength(2);
    workers[1].ready();
    workers[1].answer();
    expect(await q).toBe(4);
  });
});

describe('answerJob (the worker side)', () => {
  it('answers with the result and the buffers to transfer, or with the error message', () => {
    const buf = new ArrayBuffer(8);
    const ok = answerJob(
      { id: 4, request: 2 },
      (n: number) => ({ n, buf }),
      (r) => [r.buf],
    );
    expect(ok.reply).toEqual({ id: 4, ok: true, result: { n: 2, buf } });
    expect(ok.transfer).toEqual([buf]);
    const bad = answerJob(
      { id: 5, request: 2 },
      () => {
        throw new Error('no voxels');
      },
      () => [buf],
    );
    expect(bad).toEqual({ reply: { id: 5, ok: false, message: 'no voxels' }, transfer: [] });
  });
});
