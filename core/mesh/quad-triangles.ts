/**
 * How meshing turns a quad into triangles, and a quad's normal and volume: the one split and the one cross product
 * that the assembly (assemble.ts, and its WebAssembly twin wasm/write-region.wat) and the small-region correction
 * (small-regions.ts) share, so their volumes agree to the last bit. A quad's two triangles share one normal sum, its
 * vector area, which goes to all four corners: one cross product a quad instead of one a triangle.
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
 * Quad a b c d's vector area N = (c − a) × (d − b) into n[0..3): the sum of its two triangles' area-weighted normals
 * ((b − a) × (c − a) and the like), twice their areas, whichever diagonal splits it. Returns 6 × the signed volume of
 * the tetrahedra (origin, triangle) of the two triangles splitQuad makes, p · N with p their shared first corner (a
 * when split along a c, else b).
 */
export function quadNormal(p: Float32Array, a: number, b: number, c: number, d: number, n: Float64Array): number {
  const ax = p[a * 3],
    ay = p[a * 3 + 1],
    az = p[a * 3 + 2];
  const bx = p[b * 3],
    by = p[b * 3 + 1],
    bz = p[b * 3 + 2];
  const ux = p[c * 3] - ax,
    uy = p[c * 3 + 1] - ay,
    uz = p[c * 3 + 2] - az;
  const vx = p[d * 3] - bx,
    vy = p[d * 3 + 1] - by,
    vz = p[d * 3 + 2] - bz;
  const nx = uy * vz - uz * vy,
    ny = uz * vx - ux * vz,
    nz = ux * vy - uy * vx;
  n[0] = nx;
  n[1] = ny;
  n[2] = nz;
  return ux * ux + uy * uy + uz * uz <= vx * vx + vy * vy + vz * vz
    ? ax * nx + ay * ny + az * nz
    : bx * nx + by * ny + bz * nz;
}
