/**
 * A net whose quads stand for their four quarters (a last subdivision's: core/mesh/quad-pieces.ts) written out as
 * plain quads, for tests: each quad a b c d becomes (a, ab, f, da), (ab, b, bc, f), (f, bc, c, cd), (da, f, cd, d),
 * as subdivide.ts writes the quads of a subdivision that is not the last; ab bc cd da are its side middles and f its
 * own middle. The net itself when it has no quarters.
 */
import type { SurfaceNet } from '../../core/mesh/types';

export function plainQuads(net: SurfaceNet): SurfaceNet {
  const { quarters } = net;
  if (!quarters) return net;
  const quads = new Uint32Array(net.quadCount * 24);
  for (let t = 0; t < net.quadCount; t++) {
    const [a, b, c, d, low, high] = net.quads.subarray(t * 6, t * 6 + 6);
    const [ab, bc, cd, da] = quarters.middles.subarray(t * 4, t * 4 + 4);
    const f = quarters.faceBase + t;
    const pieces = [
      [a, ab, f, da],
      [ab, b, bc, f],
      [f, bc, c, cd],
      [da, f, cd, d],
    ];
    pieces.forEach((corners, k) => quads.set([...corners, low, high], (t * 4 + k) * 6));
  }
  return { ...net, quads, quadCount: net.quadCount * 4, quarters: null };
}
