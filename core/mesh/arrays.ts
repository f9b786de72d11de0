/**
 * Where meshing's large arrays come from. Plain typed arrays by default; the threaded path in main/services passes
 * one that backs them with shared memory, so a helper thread can work on the same arrays (core stays free of
 * threads: it only offers its loops over index ranges).
 * An array is zeroed unless asked for as `scratch`: one whose every element the caller writes before reading it,
 * which an allocator reusing memory (main/services/mesh-threads.ts's SharedArena) may hand out as it was.
 */
export interface ArrayAlloc {
  f32(n: number, scratch?: boolean): Float32Array;
  f64(n: number, scratch?: boolean): Float64Array;
  i16(n: number, scratch?: boolean): Int16Array;
  i32(n: number, scratch?: boolean): Int32Array;
  u32(n: number, scratch?: boolean): Uint32Array;
  u8(n: number, scratch?: boolean): Uint8Array;
}

export const plainArrays: ArrayAlloc = {
  f32: (n) => new Float32Array(n),
  f64: (n) => new Float64Array(n),
  i16: (n) => new Int16Array(n),
  i32: (n) => new Int32Array(n),
  u32: (n) => new Uint32Array(n),
  u8: (n) => new Uint8Array(n),
};
