/**
 * Region label placement: on discs and ellipses of brain with anchors inside them, every label lands inside the
 * area, clear of the silhouette and of every other label, its leader running from its anchor to its box's edge,
 * and no two leaders cross, for Latin and (wider) Chinese names and seeded random cases; two labels that a greedy
 * pass would cross swap places; what cannot fit is reported, not overlapped; the same input gives the same answer.
 */
import { describe, expect, it } from 'vitest';
import type { Rect } from '../../../../core/figure/figure-layout';
import {
  type LabelPlacement,
  type LabelRequest,
  type Silhouette,
  boxesOverlap,
  placeLabels,
  segmentHitsBox,
  segmentsCross,
} from '../../../../core/figure/label-placement';
import { textWidth } from '../../../../core/figure/svg-text';
import { seededRandom } from '../../../../core/quiz/quiz';

const CELL = 4;

/** An ellipse of brain centred at (cx, cy) with radii rx, ry, in an area of width × height. */
function ellipse(width: number, height: number, cx: number, cy: number, rx: number, ry: number): Silhouette {
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  const filled = new Uint8Array(cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) * CELL;
      const y = (r + 0.5) * CELL;
      if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) filled[r * cols + c] = 1;
    }
  return { x: 0, y: 0, cell: CELL, cols, rows, filled };
}

function covers(s: Silhouette, box: Rect): boolean {
  for (let r = 0; r < s.rows; r++)
    for (let c = 0; c < s.cols; c++)
      if (
        s.filled[r * s.cols + c] &&
        boxesOverlap(box, { x: c * s.cell, y: r * s.cell, width: s.cell, height: s.cell })
      )
        return true;
  return false;
}

function onEdge(p: [number, number], b: Rect): boolean {
  const e = 1e-6;
  const inX = p[0] >= b.x - e && p[0] <= b.x + b.width + e;
  const inY = p[1] >= b.y - e && p[1] <= b.y + b.height + e;
  const nearX = Math.abs(p[0] - b.x) < e || Math.abs(p[0] - b.x - b.width) < e;
  const nearY = Math.abs(p[1] - b.y) < e || Math.abs(p[1] - b.y - b.height) < e;
  return inX && inY && (nearX || nearY);
}

/** Checks every promise of a placement. */
function expectClean(area: Rect, s: Silhouette, requests: LabelRequest[], out: LabelPlacement, gap: number) {
  expect(out.placed.length + out.unplaced.length).toBe(requests.length);
  for (const [i, a] of out.placed.entries()) {
    const req = requests.find((r) => r.id === a.id) as LabelRequest;
    expect(a.anchor).toEqual(req.anchor);
    expect([a.box.width, a.box.height]).toEqual([req.width, req.height]);
    expect(a.box.x).toBeGreaterThanOrEqual(area.x);
    expect(a.box.y).toBeGreaterThanOrEqual(area.y);
    expect(a.box.x + a.box.width).toBeLessThanOrEqual(area.x + area.width);
    expect(a.box.y + a.box.height).toBeLessThanOrEqual(area.y + area.height);
    expect(covers(s, a.box), `${a.id} covers the brain`).toBe(false);
    expect(onEdge(a.end, a.box), `${a.id}'s leader ends on its box`).toBe(true);
    for (const b of out.placed.slice(i + 1)) {
      expect(boxesOverlap(a.box, b.box, gap - 1e-9), `${a.id} and ${b.id} overlap`).toBe(false);
      expect(segmentsCross(a.anchor, a.end, b.anchor, b.end), `leaders of ${a.id} and ${b.id} cross`).toBe(false);
      expect(segmentHitsBox(a.anchor, a.end, b.box), `${a.id}'s leader runs through ${b.id}`).toBe(false);
      expect(segmentHitsBox(b.anchor, b.end, a.box), `${b.id}'s leader runs through ${a.id}`).toBe(false);
    }
  }
}

const NAMES = ['Precentral L', 'Frontal Sup R', 'Insula L', 'Cingulate Mid', 'Angular R', 'Calcarine L'];
const CHINESE = ['左侧中央前回', '右侧额上回', '左侧脑岛', '扣带回中部', '右侧角回', '左侧距状裂周围皮层'];

describe('placeLabels', () => {
  const area: Rect = { x: 0, y: 0, width: 1000, height: 700 };
  const brain = ellipse(1000, 700, 500, 350, 270, 230);
  const fontSize = 18;
  const request = (id: string, anchor: [number, number], name = id): LabelRequest => ({
    id,
    anchor,
    width: textWidth(name, fontSize),
    height: 1.3 * fontSize,
  });

  it('places Latin and Chinese labels outside the brain, apart, with leaders that do not cross', () => {
    const anchors: [number, number][] = [
      [380, 250],
      [620, 220],
      [330, 400],
      [520, 340],
      [640, 450],
      [450, 520],
    ];
    for (const names of [NAMES, CHINESE]) {
      const requests = anchors.map((a, i) => request(names[i], a));
      const out = placeLabels(area, brain, requests, 6);
      expect(out.unplaced).toEqual([]);
      expectClean(area, brain, requests, out, 6);
      // Outside the brain, but not far: every leader is shorter than the area's half-diagonal.
      for (const p of out.placed) expect(Math.hypot(p.end[0] - p.anchor[0], p.end[1] - p.anchor[1])).toBeLessThan(610);
      // A label left of the brain's centre reads towards its anchor (right-aligned), and the other way round.
      for (const p of out.placed) {
        if (p.align === 'end') expect(p.box.x + p.box.width).toBeLessThanOrEqual(p.anchor[0]);
        if (p.align === 'start') expect(p.box.x).toBeGreaterThanOrEqual(p.anchor[0]);
      }
    }
  });

  it('keeps every promise over seeded random brains and anchors', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = seededRandom(seed);
      const w = 600 + Math.round(rnd() * 1400);
      const h = 400 + Math.round(rnd() * 800);
      const rx = w * (0.2 + rnd() * 0.15);
      const ry = h * (0.2 + rnd() * 0.15);
      const s = ellipse(w, h, w / 2, h / 2, rx, ry);
      const n = 1 + Math.floor(rnd() * 8);
      const requests = Array.from({ length: n }, (_, i) => {
        const angle = rnd() * 2 * Math.PI;
        const k = Math.sqrt(rnd()) * 0.9;
        const name = (rnd() < 0.5 ? NAMES : CHINESE)[i % 6];
        return request(`${name} ${i}`, [w / 2 + Math.cos(angle) * rx * k, h / 2 + Math.sin(angle) * ry * k], name);
      });
      const a = { x: 0, y: 0, width: w, height: h };
      const out = placeLabels(a, s, requests, 4);
      expectClean(a, s, requests, out, 4);
      expect(out.unplaced, `seed ${seed}`).toEqual([]);
      expect(placeLabels(a, s, requests, 4)).toEqual(out);
    }
  });

  it('swaps two labels whose leaders would cross', () => {
    // Two anchors on a horizontal line left of the centre: straight out, both go left. A label for the inner anchor
    // placed first at the nearer spot leaves the outer one to cross it unless they trade.
    const requests = [request('inner', [420, 330], 'Inner region'), request('outer', [300, 340], 'Outer')];
    const out = placeLabels(area, brain, requests, 6);
    expect(out.unplaced).toEqual([]);
    expectClean(area, brain, requests, out, 6);
  });

  it('reports the labels that do not fit instead of overlapping them', () => {
    const tight: Rect = { x: 0, y: 0, width: 400, height: 300 };
    const s = ellipse(400, 300, 200, 150, 150, 120);
    const requests = Array.from({ length: 30 }, (_, i) =>
      request(`r${i}`, [200 + 80 * Math.cos(i), 150 + 60 * Math.sin(i)], 'A long region name'),
    );
    const out = placeLabels(tight, s, requests, 4);
    expect(out.unplaced.length).toBeGreaterThan(0);
    expect(out.placed.length).toBeGreaterThan(0);
    expectClean(tight, s, requests, out, 4);
  });
});
