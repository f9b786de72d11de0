/**
 * How meshing turns a quad into triangles, and a triangle's normal and volume: the one split and the one cross
 * product that the assembly (assemble.ts, and its WebAssembly twin wasm/write-region.wat) and the small-region
 * correction (small-regions.ts) share, so their volumes agree to the last bit.
 */

/** The squared distance between vertices a and b of xyz positions `p`. */
function dist2(p: Float32Array, a: number, b: number): number {
  const dx = p[a * 3] - p[b * 3],
    dy = p[a * 3 + 1] - p[b * 3 + 1],
    dz = p[a * 3 + 2] - p[b * 3 + 2];
  return dx * dx + dy * dy + dz * dz;
}

/**
 * Quad a b c d's two triangles, split along its shorter diagonal (a c when |a − c| <= |b − d|), into out[at .. at + 6):
 * a b c + a c d, or a b d + b c d.
 */
export function splitQuad(
  p: Float32Array,
  a: number,
  b: number,
  c: number,
  d: number,
  out: Uint32Array,
  at: number,
): void {
  const ac = dist2(p, a, c) <= dist2(p, b, d);
  out[at] = a;
  out[at + 1] = b;
  out[at + 2] = ac ? c : d;
  out[at + 3] = ac ? a : b;
  out[at + 4] = c;
  out[at + 5] = d;
}

/**
 * Triangle a b c's area-weighted normal, (b − a) × (c − a), into n[0..3); returns 6 × the signed volume of the
 * tetrahedron (origin, a, b, c).
 */
export function faceNormal(p: Float32Array, a: number, b: number, c: number, n: Float64Array): number {
  const ax = p[a * 3],
    ay = p[a * 3 + 1],
    az = p[a * 3 + 2];
  const ux = p[b * 3] - ax,
    uy = p[b * 3 + 1] - ay,
    uz = p[b * 3 + 2] - az;
  const vx = p[c * 3] - ax,
    vy = p[c * 3 + 1] - ay,
    vz = p[c * 3 + 2] - az;
  const nx = uy * vz - uz * vy,
    ny = uz * vx - ux * vz,
    nz = ux * vy - uy * vx;
  n[0] = nx;
  n[1] = ny;
  n[2] = nz;
  return ax * nx + ay * ny + az * nz;
}
