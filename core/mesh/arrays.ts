import type { LabelArray } from '../atlas/label-volume';

/**
 * Where meshing's large arrays come from. Plain typed arrays by default; the threaded path (main/workers/mesh-threads.ts) passes
 * one that backs them with shared memory (sharedArrays, or a WasmArena's), so a helper thread can work on the same
 * arrays (core stays free of threads: it only offers its loops over index ranges).
 * An array is zeroed unless asked for as `scratch`: one whose every element the caller writes before reading it,
 * which an allocator reusing memory (WasmArena, below) may hand out as it was.
 * An allocator may place its arrays in a WebAssembly memory (memoryOf), where the meshing kernels run as WebAssembly
 * (core/mesh/wasm-kernels.ts).
 */
export interface ArrayAlloc {
  f32(n: number, scratch?: boolean): Float32Array;
  f64(n: number, scratch?: boolean): Float64Array;
  i16(n: number, scratch?: boolean): Int16Array;
  i32(n: number, scratch?: boolean): Int32Array;
  u32(n: number, scratch?: boolean): Uint32Array;
  u16(n: number, scratch?: boolean): Uint16Array;
  u8(n: number, scratch?: boolean): Uint8Array;
  /**
   * The WebAssembly memory that holds every one of `arrays`, when this allocator made them there (each followed by
   * at least 16 bytes of the same memory), so WebAssembly kernels work on them in place; else null.
   */
  memoryOf?(arrays: ArrayBufferView[]): WebAssembly.Memory | null;
  /**
   * Says that `arrays`, made by this allocator for the job at hand, are used no more, so their memory may be handed
   * out again (an array that starts where one it made starts counts as that whole one). Others are left alone.
   */
  free?(arrays: ArrayBufferView[]): void;
}

export const plainArrays: ArrayAlloc = {
  f32: (n) => new Float32Array(n),
  f64: (n) => new Float64Array(n),
  i16: (n) => new Int16Array(n),
  i32: (n) => new Int32Array(n),
  u32: (n) => new Uint32Array(n),
  u16: (n) => new Uint16Array(n),
  u8: (n) => new Uint8Array(n),
};

/**
 * Growable typed-array storage: `a` itself when it holds `need` elements, else a larger copy from `make` (half as
 * large again, at least `need`). The surface net's arrays are sized from the grid once and grown this way only when
 * an atlas is unusually busy.
 */
export function grow<T extends Float32Array | Float64Array | Int16Array | Int32Array | Uint32Array>(
  a: T,
  need: number,
  make: (n: number, scratch: boolean) => T,
): T {
  if (need <= a.length) return a;
  // Scratch: the old contents are copied and the rest is written before it is read.
  const next = make(Math.max(need, Math.ceil(a.length * 1.5)), true);
  next.set(a);
  return next;
}

/** Typed arrays each on fresh shared memory, so a helper thread works on the same arrays. */
export const sharedArrays: ArrayAlloc = {
  f32: (n) => shared(Float32Array, n),
  f64: (n) => shared(Float64Array, n),
  i16: (n) => shared(Int16Array, n),
  i32: (n) => shared(Int32Array, n),
  u32: (n) => shared(Uint32Array, n),
  u16: (n) => shared(Uint16Array, n),
  u8: (n) => shared(Uint8Array, n),
};

/** The labels themselves when they are in shared memory, else a copy there (from `alloc`, else fresh). */
export function sharedLabels(labels: LabelArray, alloc: ArrayAlloc = sharedArrays): LabelArray {
  return labels.buffer instanceof SharedArrayBuffer ? labels : copyLabels(labels, alloc);
}

/** A copy of `labels` from `alloc`. */
export function copyLabels(labels: LabelArray, alloc: ArrayAlloc): LabelArray {
  const copy =
    labels.BYTES_PER_ELEMENT === 1
      ? alloc.u8(labels.length, true)
      : labels.BYTES_PER_ELEMENT === 2
        ? alloc.u16(labels.length, true)
        : alloc.u32(labels.length, true);
  copy.set(labels);
  return copy;
}

/** WebAssembly pages (64 KiB) the arena's memory may grow to: 4 GiB, the most a 32-bit memory can address. */
const ARENA_MAX_PAGES = 65536;
const PAGE = 65536;
/** Every array starts on a 16-byte boundary and is followed by at least 16 bytes (WebAssembly's 16-byte loads). */
const ALIGN = 16;

/**
 * Arrays one after another in one shared WebAssembly memory, so the WebAssembly kernels (core/mesh/wasm/) work on
 * them in place, on any thread the memory is sent to. The memory grows as a job needs and never shrinks until
 * release(); reset() hands the same places out again (the two-thread meshing worker keeps one arena for the session:
 * shared memory a job leaves behind is not given back until both threads' garbage collectors have run, measured +90
 * MB per 1 mm job). Within a job, the places of arrays it frees are handed out again first (lowest first), which
 * spares a new process the page faults of fresh memory. Arrays are zeroed unless asked for as scratch, and valid
 * until the next reset() or until freed. Where the memory cannot be made (no shared memory, as in a page that is not
 * cross-origin isolated) or grow (beyond 4 GiB), arrays are plain shared memory or, failing that, plain arrays,
 * outside the memory, and smoothing runs as JavaScript with the same result.
 */
export class WasmArena {
  private memory: WebAssembly.Memory | null = null;
  /** The memory's buffer objects handed out so far (each grow gives a new one): arrays on them are in the memory. */
  private inMemory = new WeakSet<ArrayBufferLike>();
  private used = 0;
  /** Where each array handed out this job starts, and where its place ends. */
  private places = new Map<number, number>();
  /** Freed places [start, end) below `used`, by start, none touching another. */
  private holes: { start: number; end: number }[] = [];
  /**
   * Where the memory no array has been handed out of begins: still zero, as WebAssembly memory is made (helpers that
   * touch its pages ahead leave it so), so an array there needs no zeroing. Sparing the fill also spares the page
   * faults of capacity a job never reaches (10 µs a page in a new process).
   */
  private clean = 0;

  readonly alloc: ArrayAlloc = {
    f32: (n, scratch) => this.take(Float32Array, n, scratch),
    f64: (n, scratch) => this.take(Float64Array, n, scratch),
    i16: (n, scratch) => this.take(Int16Array, n, scratch),
    i32: (n, scratch) => this.take(Int32Array, n, scratch),
    u32: (n, scratch) => this.take(Uint32Array, n, scratch),
    u16: (n, scratch) => this.take(Uint16Array, n, scratch),
    u8: (n, scratch) => this.take(Uint8Array, n, scratch),
    memoryOf: (arrays) => (this.memory && arrays.every((a) => this.inMemory.has(a.buffer)) ? this.memory : null),
    free: (arrays) => {
      for (const a of arrays) if (this.inMemory.has(a.buffer)) this.giveBack(a.byteOffset);
    },
  };

  /** Starts a new job: every array handed out before may be handed out again. */
  reset(): void {
    this.used = 0;
    this.places.clear();
    this.holes = [];
  }

  /** Lets go of the memory (after a while without jobs). */
  release(): void {
    this.memory = null;
    this.clean = 0;
    this.inMemory = new WeakSet();
    this.reset();
  }

  /**
   * The memory, made and grown (not touched) to at least `bytes` now, so another thread can touch its pages before
   * the job's arrays need them (MeshThreads.warm); null where it cannot be made.
   */
  reserve(bytes: number): WebAssembly.Memory | null {
    return this.room(bytes) ? this.memory : null;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.memory?.buffer.byteLength ?? 0;
  }

  /** Bytes handed out and not freed (for tests). */
  get inUse(): number {
    return this.holes.reduce((n, h) => n - (h.end - h.start), this.used);
  }

  private take<T extends TypedArray>(Kind: ArrayKind<T>, n: number, scratch = false): T {
    const size = Math.ceil((n * Kind.BYTES_PER_ELEMENT + ALIGN) / ALIGN) * ALIGN;
    const hole = this.holes.findIndex((h) => h.end - h.start >= size);
    let at: number;
    if (hole >= 0) {
      at = this.holes[hole].start;
      this.holes[hole].start += size;
      if (this.holes[hole].start === this.holes[hole].end) this.holes.splice(hole, 1);
    } else {
      at = this.used;
      if (!this.room(at + size)) return outside(Kind, n);
      this.used = at + size;
    }
    this.places.set(at, at + size);
    const buffer = this.memory!.buffer;
    this.inMemory.add(buffer);
    const array = new Kind(buffer, at, n);
    // Only what earlier arrays may have written is zeroed.
    if (!scratch && at < this.clean) array.fill(0, 0, Math.ceil((this.clean - at) / Kind.BYTES_PER_ELEMENT));
    this.clean = Math.max(this.clean, at + size);
    return array;
  }

  /** The place that starts at `start` becomes a hole, merged with the holes it touches; the top one lowers `used`. */
  private giveBack(start: number): void {
    const end = this.places.get(start);
    if (end === undefined) return;
    this.places.delete(start);
    let i = this.holes.findIndex((h) => h.start > start);
    if (i < 0) i = this.holes.length;
    this.holes.splice(i, 0, { start, end });
    if (i + 1 < this.holes.length && this.holes[i + 1].start === end) {
      this.holes[i].end = this.holes[i + 1].end;
      this.holes.splice(i + 1, 1);
    }
    if (i > 0 && this.holes[i - 1].end === start) {
      this.holes[i - 1].end = this.holes[i].end;
      this.holes.splice(i, 1);
      i--;
    }
    if (this.holes[i].end === this.used) {
      this.used = this.holes[i].start;
      this.holes.splice(i, 1);
    }
  }

  /** The memory's buffer, grown to at least `end` bytes; null when it cannot grow that far. */
  private room(end: number): SharedArrayBuffer | null {
    try {
      const pages = Math.ceil(end / PAGE);
      if (!this.memory)
        this.memory = new WebAssembly.Memory({ initial: pages, maximum: ARENA_MAX_PAGES, shared: true });
      const have = this.memory.buffer.byteLength / PAGE;
      if (pages > have) this.memory.grow(pages - have);
    } catch {
      return null;
    }
    const buffer = this.memory.buffer as unknown as SharedArrayBuffer;
    this.inMemory.add(buffer);
    return buffer;
  }
}

type TypedArray = Float32Array | Float64Array | Int16Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type ArrayKind<T extends TypedArray> = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  new (length: number): T;
  BYTES_PER_ELEMENT: number;
};

function shared<T extends TypedArray>(Kind: ArrayKind<T>, n: number): T {
  return new Kind(new SharedArrayBuffer(n * Kind.BYTES_PER_ELEMENT), 0, n);
}

/** A zeroed array outside the arena's memory: shared where shared memory exists. */
function outside<T extends TypedArray>(Kind: ArrayKind<T>, n: number): T {
  return typeof SharedArrayBuffer === 'function' ? shared(Kind, n) : new Kind(n);
}
