/**
 * Region labels with leader lines, placed outside the brain: each label is a box (its text's size) set beside its
 * region's visible point (the anchor) along a direction pointing away from the brain, as near as the brain's
 * silhouette allows, never over the silhouette, another label or the figure's edge; a straight leader line runs from
 * the anchor to the nearest point of the box's edge. Labels are placed hardest first, each at its cheapest free
 * spot (short leaders, leaders crossing no line or label placed before), then pairs whose leaders still cross swap
 * places when that uncrosses them. Pure: positions in any pixel units; the silhouette is a grid of filled cells.
 */
import type { Rect } from './figure-layout';

export interface LabelRequest {
  id: string;
  /** The region's visible point. */
  anchor: [number, number];
  /** The label's box: its text's width and line height. */
  width: number;
  height: number;
}

/** What the brain covers: cells of `cell` × `cell` units from (x, y), row by row, 1 where filled. */
export interface Silhouette {
  x: number;
  y: number;
  cell: number;
  cols: number;
  rows: number;
  filled: Uint8Array;
}

export interface PlacedLabel {
  id: string;
  box: Rect;
  anchor: [number, number];
  /** Where the leader meets the box. */
  end: [number, number];
  /** Text alignment in the box: 'start' right of the anchor, 'end' left of it, 'middle' above or below. */
  align: 'start' | 'end' | 'middle';
}

export interface LabelPlacement {
  placed: PlacedLabel[];
  /** Ids of labels for which no free spot was found. */
  unplaced: string[];
}

/** Directions tried either side of the one straight out from the brain's centre, in degrees. */
const FAN = [0, 15, -15, 30, -30, 45, -45, 60, -60, 80, -80];

/** After a direction's nearest free spot, the further spots tried along it, in label heights beyond the last. */
const FARTHER = [1.5, 1.5, 3, 3];

/** Summed filled cells for box queries in constant time. */
function summedArea(s: Silhouette): (box: Rect) => boolean {
  const w = s.cols + 1;
  const sum = new Int32Array(w * (s.rows + 1));
  for (let r = 0; r < s.rows; r++)
    for (let c = 0; c < s.cols; c++)
      sum[(r + 1) * w + c + 1] = s.filled[r * s.cols + c] + sum[r * w + c + 1] + sum[(r + 1) * w + c] - sum[r * w + c];
  return (box) => {
    const c0 = Math.max(0, Math.floor((box.x - s.x) / s.cell));
    const r0 = Math.max(0, Math.floor((box.y - s.y) / s.cell));
    const c1 = Math.min(s.cols, Math.ceil((box.x + box.width - s.x) / s.cell));
    const r1 = Math.min(s.rows, Math.ceil((box.y + box.height - s.y) / s.cell));
    if (c1 <= c0 || r1 <= r0) return false;
    return sum[r1 * w + c1] - sum[r0 * w + c1] - sum[r1 * w + c0] + sum[r0 * w + c0] > 0;
  };
}

/** The centre of the filled cells (the middle of the area when none are). */
function silhouetteCentre(s: Silhouette): [number, number] {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < s.rows; r++)
    for (let c = 0; c < s.cols; c++)
      if (s.filled[r * s.cols + c]) {
        n++;
        sx += c + 0.5;
        sy += r + 0.5;
      }
  if (n === 0) return [s.x + (s.cols * s.cell) / 2, s.y + (s.rows * s.cell) / 2];
  return [s.x + (sx / n) * s.cell, s.y + (sy / n) * s.cell];
}

export function boxesOverlap(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

type Point = [number, number];

function orient(a: Point, b: Point, c: Point): number {
  return Math.sign((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
}

/** Whether segments ab and cd cross (touching at an end point or running collinear does not count). */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** Whether segment ab passes through the box (Liang–Barsky clipping). */
export function segmentHitsBox(a: Point, b: Point, box: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const d = [b[0] - a[0], b[1] - a[1]];
  const lo = [box.x, box.y];
  const hi = [box.x + box.width, box.y + box.height];
  for (let k = 0; k < 2; k++) {
    if (Math.abs(d[k]) < 1e-12) {
      if (a[k] <= lo[k] || a[k] >= hi[k]) return false;
      continue;
    }
    let ta = (lo[k] - a[k]) / d[k];
    let tb = (hi[k] - a[k]) / d[k];
    if (ta > tb) [ta, tb] = [tb, ta];
    t0 = Math.max(t0, ta);
    t1 = Math.min(t1, tb);
    if (t0 >= t1) return false;
  }
  return true;
}

/** The box of a label attached at point p on the side `dir` points to. */
function boxAt(p: Point, dir: Point, width: number, height: number): Omit<PlacedLabel, 'id' | 'anchor'> {
  if (Math.abs(dir[1]) > 2 * Math.abs(dir[0])) {
    const y = dir[1] < 0 ? p[1] - height : p[1];
    return { box: { x: p[0] - width / 2, y, width, height }, end: p, align: 'middle' };
  }
  const right = dir[0] >= 0;
  return {
    box: { x: right ? p[0] : p[0] - width, y: p[1] - height / 2, width, height },
    end: p,
    align: right ? 'start' : 'end',
  };
}

interface Candidate extends Omit<PlacedLabel, 'id' | 'anchor'> {
  cost: number;
}

/**
 * Places the labels inside `area`, clear of the silhouette and of each other by `gap`. Deterministic: the same
 * input always gives the same placement.
 */
export function placeLabels(
  area: Rect,
  silhouette: Silhouette,
  requests: readonly LabelRequest[],
  gap: number,
): LabelPlacement {
  const blocked = summedArea(silhouette);
  const centre = silhouetteCentre(silhouette);
  const inside = (b: Rect) =>
    b.x >= area.x && b.y >= area.y && b.x + b.width <= area.x + area.width && b.y + b.height <= area.y + area.height;
  const grown = (b: Rect): Rect => ({
    x: b.x - gap,
    y: b.y - gap,
    width: b.width + 2 * gap,
    height: b.height + 2 * gap,
  });
  const step = Math.max(1, silhouette.cell / 2);
  const reach = Math.hypot(area.width, area.height);

  const candidatesOf = (r: LabelRequest): Candidate[] => {
    const out: Candidate[] = [];
    const [ax, ay] = r.anchor;
    let base = Math.atan2(ay - centre[1], ax - centre[0]);
    if (Math.hypot(ax - centre[0], ay - centre[1]) < 1e-6) base = Math.PI;
    const angles = [...FAN.map((deg) => base + (deg * Math.PI) / 180), 0, Math.PI];
    for (const [i, angle] of angles.entries()) {
      const dir: Point = [Math.cos(angle), Math.sin(angle)];
      // Leader length, a little more for bending away from straight out, and for the horizontal fallbacks.
      const bend = 1 + 0.08 * (i < FAN.length ? Math.abs(FAN[i]) / 15 : 4);
      let free = 0;
      for (let dist = step; dist < reach && free < FARTHER.length; dist += step) {
        const p: Point = [ax + dir[0] * dist, ay + dir[1] * dist];
        const c = boxAt(p, dir, r.width, r.height);
        if (!inside(c.box)) break;
        if (blocked(grown(c.box))) continue;
        out.push({ ...c, cost: dist * bend });
        // Then a few spots farther out along the same direction, for when the nearest is taken.
        dist += FARTHER[free++] * r.height - step;
      }
    }
    return out.sort((a, b) => a.cost - b.cost);
  };

  const all = requests.map((r) => ({ r, candidates: candidatesOf(r) }));
  // Hardest first: fewest free spots, then the longest shortest leader.
  const order = [...all.keys()].sort(
    (i, j) =>
      all[i].candidates.length - all[j].candidates.length ||
      (all[j].candidates[0]?.cost ?? 0) - (all[i].candidates[0]?.cost ?? 0) ||
      i - j,
  );
  const placed = new Map<number, PlacedLabel>();
  const clashes = (label: Omit<PlacedLabel, 'id'>, skip: ReadonlySet<number>) => {
    let crossings = 0;
    for (const [k, other] of placed) {
      if (skip.has(k)) continue;
      if (boxesOverlap(label.box, other.box, gap)) return Infinity;
      if (segmentHitsBox(label.anchor, label.end, other.box) || segmentHitsBox(other.anchor, other.end, label.box))
        return Infinity;
      if (segmentsCross(label.anchor, label.end, other.anchor, other.end)) crossings++;
    }
    return crossings;
  };
  for (const i of order) {
    const { r, candidates } = all[i];
    let best: { label: PlacedLabel; score: number } | null = null;
    for (const c of candidates) {
      const label: PlacedLabel = { id: r.id, box: c.box, anchor: r.anchor, end: c.end, align: c.align };
      const crossings = clashes(label, new Set());
      if (crossings === Infinity) continue;
      const score = c.cost + crossings * reach;
      if (!best || score < best.score) best = { label, score };
      if (crossings === 0) break;
    }
    if (best) placed.set(i, best.label);
  }

  // Repair: a label whose leader crosses another's is placed again among the rest, at its best spot now.
  const crossed = (k: number) => {
    const l = placed.get(k) as PlacedLabel;
    for (const [j, o] of placed) if (j !== k && segmentsCross(l.anchor, l.end, o.anchor, o.end)) return true;
    return false;
  };
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const k of [...placed.keys()]) {
      if (!crossed(k)) continue;
      const old = placed.get(k) as PlacedLabel;
      const before = clashes(old, new Set([k]));
      placed.delete(k);
      let best = { label: old, crossings: before, cost: Infinity };
      for (const c of all[k].candidates) {
        const label: PlacedLabel = { id: old.id, box: c.box, anchor: old.anchor, end: c.end, align: c.align };
        const crossings = clashes(label, new Set());
        if (crossings < best.crossings || (crossings === best.crossings && c.cost < best.cost && crossings < before))
          best = { label, crossings, cost: c.cost };
      }
      placed.set(k, best.label);
      if (best.label !== old) changed = true;
    }
    if (!changed) break;
  }

  // Uncross: a pair whose leaders cross trades spots when both still fit and fewer lines cross.
  for (let round = 0; round < 4; round++) {
    let changed = false;
    const keys = [...placed.keys()];
    for (const a of keys)
      for (const b of keys) {
        if (a >= b) continue;
        const la = placed.get(a) as PlacedLabel;
        const lb = placed.get(b) as PlacedLabel;
        if (!segmentsCross(la.anchor, la.end, lb.anchor, lb.end)) continue;
        const dirA: Point = [lb.end[0] - la.anchor[0], lb.end[1] - la.anchor[1]];
        const dirB: Point = [la.end[0] - lb.anchor[0], la.end[1] - lb.anchor[1]];
        const na = { id: la.id, anchor: la.anchor, ...boxAt(lb.end, dirA, la.box.width, la.box.height) };
        const nb = { id: lb.id, anchor: lb.anchor, ...boxAt(la.end, dirB, lb.box.width, lb.box.height) };
        if (![na.box, nb.box].every((box) => inside(box) && !blocked(grown(box)))) continue;
        if (boxesOverlap(na.box, nb.box, gap) || segmentsCross(na.anchor, na.end, nb.anchor, nb.end)) continue;
        if (segmentHitsBox(na.anchor, na.end, nb.box) || segmentHitsBox(nb.anchor, nb.end, na.box)) continue;
        const skip = new Set([a, b]);
        const before = clashes(la, skip) + clashes(lb, skip) + 1;
        const after = clashes(na, skip) + clashes(nb, skip);
        if (after >= before) continue;
        placed.set(a, na);
        placed.set(b, nb);
        changed = true;
      }
    if (!changed) break;
  }

  return {
    placed: [...placed.keys()].sort((a, b) => a - b).map((k) => placed.get(k) as PlacedLabel),
    unplaced: all.flatMap((x, i) => (placed.has(i) ? [] : [x.r.id])),
  };
}
