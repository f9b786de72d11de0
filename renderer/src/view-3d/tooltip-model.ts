/**
 * What the 3D view's hover tooltip says about the shown maps, and where it goes: the value of every shown map at
 * the surface vertex under the pointer (top map first, each named), and a place beside the pointer that keeps the
 * whole tooltip inside the view.
 */
import type { MapValueAt } from '../store/pick-slice';

/**
 * The value of each shown map (`shown` bottom to top, as the store's displayOverlays) at a vertex, top map first.
 * `valuesOf` gives a map's per-vertex values on the hemisphere (undefined while they have not arrived); a NaN
 * value (no sample of the map reaches the vertex) or values not yet there are null: the map draws nothing there.
 */
export function mapValuesAt(
  shown: readonly { dataKey: string }[],
  valuesOf: (dataKey: string) => ArrayLike<number> | undefined,
  vertex: number,
): MapValueAt[] {
  const out: MapValueAt[] = [];
  for (let i = shown.length - 1; i >= 0; i--) {
    const v = valuesOf(shown[i].dataKey)?.[vertex];
    out.push({ dataKey: shown[i].dataKey, value: v === undefined || Number.isNaN(v) ? null : v });
  }
  return out;
}

export interface MapValueLine {
  dataKey: string;
  /** The map's file name; null for the one shown map (the colour scale in the view names it). */
  name: string | null;
  value: number | null;
}

/**
 * The tooltip's lines for the maps' values, top map first: one line when one map is shown (under the tooltip's "map
 * value" label), one line per map naming its file when several are, below that label as a heading. Maps no longer
 * open (closed while the pointer rested) are left out; no map, no lines.
 */
export function mapValueLines(
  values: readonly MapValueAt[],
  open: readonly { dataKey: string | null; info: { name: string } }[],
): { heading: boolean; lines: MapValueLine[] } {
  const lines = values.flatMap((v) => {
    const o = open.find((m) => m.dataKey === v.dataKey);
    return o ? [{ dataKey: v.dataKey, name: o.info.name, value: v.value }] : [];
  });
  if (lines.length === 1) return { heading: false, lines: [{ ...lines[0], name: null }] };
  return { heading: lines.length > 1, lines };
}

export interface Size {
  width: number;
  height: number;
}

/** Pixels between the pointer and the tooltip's near corner, and the least gap kept to the view's sides. */
export const POINTER_GAP = 16;
export const VIEW_MARGIN = 4;

/** Where one side of the tooltip starts along an axis: after the pointer when it fits, else before it, else clamped. */
function placeAlong(pointer: number, size: number, view: number): number {
  const after = pointer + POINTER_GAP;
  if (after + size <= view - VIEW_MARGIN) return after;
  const before = pointer - POINTER_GAP - size;
  if (before >= VIEW_MARGIN) return before;
  // Room on neither side: as far from the view's far side as fits, never past its near side.
  return Math.max(VIEW_MARGIN, view - VIEW_MARGIN - size);
}

/**
 * The tooltip's top-left corner in the view (CSS px) for the pointer at `pointer`: below and right of it, or above
 * (left of) it where there is no room below (right), so that it stays inside the view.
 */
export function tooltipPlacement(
  pointer: { x: number; y: number },
  tooltip: Size,
  view: Size,
): { left: number; top: number } {
  return {
    left: placeAlong(pointer.x, tooltip.width, view.width),
    top: placeAlong(pointer.y, tooltip.height, view.height),
  };
}
