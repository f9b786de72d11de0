/**
 * The quads a net's quad stands for. A last subdivision (subdivide.ts) does not write its four times as many quads
 * out: its net keeps the coarse quads, each standing for its four quarters, whose corners are the quad's corners, the
 * middles of its sides and its own middle (types.ts's QuadQuarters). Whatever reads a net's quads as geometry (the
 * assembly, the small-region correction, the quality checks) reads them through here; what reads only their labels
 * reads the quads as they are. A quad side (quad × 2, + 1 on the high label's side: quad-sides.ts) then stands for
 * its pieces' sides, in piece order.
 */
import type { QuadQuarters, SurfaceNet } from './types';

/**
 * The corners of quarter k (k × 4 .. k × 4 + 3) as slots of [a, b, c, d, ab, bc, cd, da, middle]: quad a b c d's
 * corners, the middles of its sides a-b, b-c, c-d, d-a, and its own middle. Each quarter keeps the quad's
 * orientation.
 */
export const QUARTER_CORNERS: readonly number[] = [0, 4, 8, 7, 4, 1, 5, 8, 8, 5, 2, 6, 7, 8, 6, 3];

/** How many quads each of the net's quads stands for. */
export function piecesPerQuad(net: Pick<SurfaceNet, 'quarters'>): 1 | 4 {
  return net.quarters ? 4 : 1;
}

/**
 * The four corners of each quad that quad t stands for, into `out` (16 long: four per piece, in piece order);
 * returns how many pieces (1, or 4 with `quarters`).
 */
export function quadPieces(
  quads: Uint32Array,
  quarters: QuadQuarters | null | undefined,
  t: number,
  out: Uint32Array,
): number {
  if (!quarters) {
    quadVertices(quads, null, t, out);
    return 1;
  }
  const slots = SLOTS;
  quadVertices(quads, quarters, t, slots);
  for (let i = 0; i < 16; i++) out[i] = slots[QUARTER_CORNERS[i]];
  return 4;
}

const SLOTS = new Uint32Array(9);

/**
 * The vertices of the quads that quad t stands for, each once, into `out` (9 long): its corners, and with `quarters`
 * its side middles and its middle; returns how many (4 or 9).
 */
export function quadVertices(
  quads: Uint32Array,
  quarters: QuadQuarters | null | undefined,
  t: number,
  out: Uint32Array,
): number {
  const o = t * 6;
  out[0] = quads[o];
  out[1] = quads[o + 1];
  out[2] = quads[o + 2];
  out[3] = quads[o + 3];
  if (!quarters) return 4;
  const m = quarters.middles;
  out[4] = m[t * 4];
  out[5] = m[t * 4 + 1];
  out[6] = m[t * 4 + 2];
  out[7] = m[t * 4 + 3];
  out[8] = quarters.faceBase + t;
  return 9;
}
