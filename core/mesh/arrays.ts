/**
 * Where meshing's large arrays come from. Plain typed arrays by default; the threaded path in main/services passes
 * one that backs them with shared memory, so a helper thread can work on the same arrays (core stays free of
 * threads: it only offers its loops over index ranges).
 */
export interface ArrayAlloc {
  f32(n: number): Float32Array;
  f64(n: number): Float64Array;
  i16(n: number): Int16Array;
  i32(n: number): Int32Array;
  u32(n: number): Uint32Array;
  u8(n: number): Uint8Array;
}

export const plainArrays: ArrayAlloc = {
  f32: (n) => new Float32Array(n),
  f64: (n) => new Float64Array(n),
  i16: (n) => new Int16Array(n),
  i32: (n) => new Int32Array(n),
  u32: (n) => new Uint32Array(n),
  u8: (n) => new Uint8Array(n),
};
