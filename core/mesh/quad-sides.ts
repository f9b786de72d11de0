/**
 * A surface net's quad sides bucketed by label: each quad has a side in both of its labels (except background), as
 * quad × 2, + 1 on the high label's side (which faces the other way). The assembly (assemble.ts) writes each region
 * from its sides; the small-region correction (small-regions.ts) reads those of the regions it corrects.
 */
import type { ArrayAlloc } from './arrays';

/** Label l's quad sides, in quad order: list[first[l] .. first[l + 1]). */
export interface QuadSides {
  list: Uint32Array;
  first: Uint32Array;
}

/**
 * The sides of every label marked 1 in `keep` (one per label), or of every label but background when `keep` is null.
 * `into`, when given, is filled instead of new arrays: its `first` zeros and labels + 1 long, its `list` long enough
 * (2 × quadCount is always enough), so another thread can be handed the arrays before they are filled.
 */
export function quadSidesByLabel(
  quads: Uint32Array,
  quadCount: number,
  labels: number,
  keep: Uint8Array | null,
  alloc: ArrayAlloc,
  into?: QuadSides,
): QuadSides {
  const end = quadCount * 6;
  const first = into?.first ?? alloc.u32(labels + 1);
  if (keep) {
    for (let o = 0; o < end; o += 6) {
      if (keep[quads[o + 4]] === 1) first[quads[o + 4] + 1]++;
      if (keep[quads[o + 5]] === 1) first[quads[o + 5] + 1]++;
    }
  } else {
    for (let o = 0; o < end; o += 6) {
      first[quads[o + 4] + 1]++;
      first[quads[o + 5] + 1]++;
    }
    first[1] = 0; // background has none
  }
  for (let l = 1; l <= labels; l++) first[l] += first[l - 1];
  const list = into?.list ?? alloc.u32(first[labels], true);
  const next = first.slice(0, labels);
  if (keep) {
    for (let t = 0, o = 0; t < quadCount; t++, o += 6) {
      if (keep[quads[o + 4]] === 1) list[next[quads[o + 4]]++] = t * 2;
      if (keep[quads[o + 5]] === 1) list[next[quads[o + 5]]++] = t * 2 + 1;
    }
  } else {
    for (let t = 0, o = 0; t < quadCount; t++, o += 6) {
      const low = quads[o + 4],
        high = quads[o + 5];
      if (low) list[next[low]++] = t * 2;
      if (high) list[next[high]++] = t * 2 + 1;
    }
  }
  return { list, first };
}

/** Arrays for quadSidesByLabel's `into`: long enough for any labels' sides of the net's quads. */
export function quadSidesSpace(quadCount: number, labels: number, alloc: ArrayAlloc): QuadSides {
  return { list: alloc.u32(quadCount * 2, true), first: alloc.u32(labels + 1) };
}
