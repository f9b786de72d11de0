/**
 * The JSON output of `brain-atlas query` (`--json`, `--coords`): one line per point, byte for byte
 * JSON.stringify({ x, y, z, atlases }) of the point's result, each line ending in a newline.
 *
 * Written as UTF-8 straight into large buffers rather than as an object and a string per point: ten thousand points
 * over forty atlases are some 18 MB, and building them as strings (then flattening and encoding them for stdout) took
 * longer than answering the query. Each atlas's `"id":{hit}` is encoded once per hit object (points in the same
 * region share it), so a line is its coordinates plus a copy of a few ready-made byte strings. `emit` gets whole
 * lines and calls `written` once it no longer holds them (then the buffer is filled again).
 */
import type { Vec3 } from '../../core/api';
import type { HitColumn } from '../services/point-query';

/** Buffers are handed to `emit` once they hold at least this many bytes (always whole lines). */
const CHUNK_BYTES = 1 << 20;

export async function writeQueryJsonLines(
  points: readonly Vec3[],
  columns: readonly HitColumn[],
  emit: (chunk: Uint8Array, written: () => void) => void,
  chunkBytes = CHUNK_BYTES,
): Promise<void> {
  const encoder = new TextEncoder();
  // `"id":{hit}` of each atlas's distinct hits, made when first needed; the same JSON is encoded once (an atlas
  // loaded in full has an object per point).
  const encoded = columns.map((c) => new Array<Uint8Array | undefined>(c.hits.length));
  const byJson = columns.map(() => new Map<string, Uint8Array>());
  const keys = columns.map((c, k) => `${k > 0 ? ',' : ''}${JSON.stringify(c.atlasId)}:`);
  const hitBytes = (k: number, at: number): Uint8Array => {
    const json = JSON.stringify(columns[k].hits[at]);
    let b = byJson[k].get(json);
    if (b === undefined) byJson[k].set(json, (b = encoder.encode(keys[k] + json)));
    encoded[k][at] = b;
    return b;
  };

  // A few buffers filled in turn while the ones before are being written: fresh memory costs a page fault per
  // 4 KiB, and a pipe takes the bytes only as fast as its reader reads them.
  const buffers = new BufferRing(BUFFERS, chunkBytes + (chunkBytes >> 2));
  let buf = await buffers.take();
  let at = 0;
  const room = (n: number) => {
    if (at + n <= buf.length) return;
    const bigger = new Uint8Array(Math.max(2 * buf.length, at + n));
    bigger.set(buf.subarray(0, at));
    buf = bigger;
  };
  const send = () => {
    const full = buf;
    emit(full.subarray(0, at), () => buffers.give(full));
  };
  for (let i = 0; i < points.length; i++) {
    const [x, y, z] = points[i];
    // Numbers print as ASCII, so the head of the line is copied one char code per byte.
    const head = `{"x":${JSON.stringify(x)},"y":${JSON.stringify(y)},"z":${JSON.stringify(z)},"atlases":{`;
    room(head.length);
    for (let c = 0; c < head.length; c++) buf[at++] = head.charCodeAt(c);
    for (let k = 0; k < columns.length; k++) {
      const hit = columns[k].pointHits[i];
      const b = encoded[k][hit] ?? hitBytes(k, hit);
      room(b.length);
      buf.set(b, at);
      at += b.length;
    }
    room(3);
    buf[at++] = 0x7d; // }
    buf[at++] = 0x7d; // }
    buf[at++] = 0x0a; // \n
    if (at >= chunkBytes) {
      send();
      buf = await buffers.take();
      at = 0;
    }
  }
  if (at > 0) send();
}

const BUFFERS = 4;

/** `count` buffers of `bytes`, made when first taken; take() waits while all are out. */
class BufferRing {
  private made = 0;
  private readonly free: Uint8Array[] = [];
  private readonly waiting: Array<(b: Uint8Array) => void> = [];

  constructor(
    private readonly count: number,
    private readonly bytes: number,
  ) {}

  take(): Promise<Uint8Array> {
    const b = this.free.pop();
    if (b) return Promise.resolve(b);
    if (this.made < this.count) {
      this.made++;
      return Promise.resolve(new Uint8Array(this.bytes));
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(b: Uint8Array): void {
    const next = this.waiting.shift();
    if (next) next(b);
    else this.free.push(b);
  }
}
