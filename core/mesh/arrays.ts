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
export function grow<T extends Float32Array | Int16Array | Int32Array | Uint32Array>(
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
  if (labels.buffer instanceof SharedArrayBuffer) return labels;
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
 * MB per 1 mm job). Arrays are zeroed unless asked for as scratch, and valid until the next reset(). Where the memory
 * cannot be made (no shared memory, as in a page that is not cross-origin isolated) or grow (beyond 4 GiB), arrays are
 * plain shared memory or, failing that, plain arrays, outside the memory, and smoothing runs as JavaScript with the
 * same result.
 */
export class WasmArena {
  private memory: WebAssembly.Memory | null = null;
  /** The memory's buffer objects handed out so far (each grow gives a new one): arrays on them are in the memory. */
  private inMemory = new WeakSet<ArrayBufferLike>();
  private used = 0;

  readonly alloc: ArrayAlloc = {
    f32: (n, scratch) => this.take(Float32Array, n, scratch),
    f64: (n, scratch) => this.take(Float64Array, n, scratch),
    i16: (n, scratch) => this.take(Int16Array, n, scratch),
    i32: (n, scratch) => this.take(Int32Array, n, scratch),
    u32: (n, scratch) => this.take(Uint32Array, n, scratch),
    u16: (n, scratch) => this.take(Uint16Array, n, scratch),
    u8: (n, scratch) => this.take(Uint8Array, n, scratch),
    memoryOf: (arrays) => (this.memory && arrays.every((a) => this.inMemory.has(a.buffer)) ? this.memory : null),
  };

  /** Starts a new job: every array handed out before may be handed out again. */
  reset(): void {
    this.used = 0;
  }

  /** Lets go of the memory (after a while without jobs). */
  release(): void {
    this.memory = null;
    this.inMemory = new WeakSet();
    this.used = 0;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.memory?.buffer.byteLength ?? 0;
  }

  private take<T extends TypedArray>(Kind: ArrayKind<T>, n: number, scratch = false): T {
    const bytes = n * Kind.BYTES_PER_ELEMENT;
    const at = this.used,
      end = at + Math.ceil((bytes + ALIGN) / ALIGN) * ALIGN;
    const buffer = this.room(end);
    if (!buffer) return outside(Kind, n);
    this.used = end;
    const array = new Kind(buffer, at, n);
    if (!scratch) array.fill(0);
    return array;
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
