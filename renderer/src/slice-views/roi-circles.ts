/**
 * Coordinate atlases (ROI spheres, e.g. Power 2011) in the slice views: each sphere the slice cuts is a circle of
 * radius sqrt(r² - d²) (d: the centre's distance from the slice), drawn as SVG over the view so it is crisp at any
 * zoom, in the colour and visibility the 3D view gives the ROI.
 */
import type { CoordinatesLayerData } from '../model/layer-data';
import type { LayerVisual } from '../model/region-state';
import { PLANE_AXES, type ViewMapping, pixelOf } from './geometry';

export interface RoiCircle {
  key: string;
  /** Centre and radius in CSS px of the view. */
  cx: number;
  cy: number;
  r: number;
  color: string;
  /** Fill opacity (0 in Outline mode). */
  fill: number;
  selected: boolean;
}

const SVG = 'http://www.w3.org/2000/svg';

export function roiCircles(
  m: ViewMapping,
  data: CoordinatesLayerData,
  visual: LayerVisual,
  opacity: number,
  fill: number,
  selected: string | null,
): RoiCircle[] {
  const { n } = PLANE_AXES[m.plane];
  const out: RoiCircle[] = [];
  data.regions.forEach((region, i) => {
    const a = visual.alpha[i] * opacity;
    if (a <= 0.001) return;
    const d = region.centroid[n] - m.slice;
    if (Math.abs(d) >= region.radius) return;
    const [cx, cy] = pixelOf(m, region.centroid);
    const r = Math.sqrt(region.radius ** 2 - d * d) / m.mmPerPx;
    if (cx + r < 0 || cy + r < 0 || cx - r > m.width || cy - r > m.height) return;
    const rgb = [0, 1, 2].map((k) => Math.round(visual.colors[i * 3 + k] * 255));
    out.push({
      key: region.key,
      cx,
      cy,
      r,
      color: `rgb(${rgb.join(',')})`,
      fill: fill * a,
      selected: region.key === selected,
    });
  });
  return out;
}

/** Replaces the circles in an SVG group. */
export function drawRoiCircles(group: SVGGElement, circles: RoiCircle[]): void {
  group.replaceChildren(
    ...circles.map((c) => {
      const el = document.createElementNS(SVG, 'circle');
      el.setAttribute('cx', c.cx.toFixed(2));
      el.setAttribute('cy', c.cy.toFixed(2));
      el.setAttribute('r', Math.max(c.r, 1).toFixed(2));
      el.setAttribute('fill', c.color);
      el.setAttribute('fill-opacity', String(c.fill));
      el.setAttribute('stroke', c.selected ? '#ffffff' : c.color);
      el.setAttribute('stroke-width', c.selected ? '2' : '1');
      el.dataset.key = c.key;
      return el;
    }),
  );
}
