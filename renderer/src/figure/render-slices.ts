/**
 * Slice panels of a figure, drawn by the slice views' own renderer (slice-views/slice-renderer.ts) in an
 * off-screen WebGL canvas of its own: the template, the atlas layers (filled or outlined, at the fill opacity the
 * slice views use) and the maps' colours, then the ROI circles of coordinate atlases, exactly as the slice views
 * draw them. Each panel frames the brain (the drawn atlases' extent, else the template's box) and is rendered in
 * tiles no larger than the GPU allows, at the panel's own pixel size.
 */
import type { Vec3 } from '../../../core/api';
import {
  SLICE_NORMAL,
  type WorldBox,
  labelExtent,
  lightboxPositions,
  unionBox,
} from '../../../core/figure/slice-panels';
import { type CoordinatesLayerData, type LabelsLayerData, MNI_BRAIN_CENTRE, layerData } from '../model/layer-data';
import { layerVisual, visualInputs } from '../model/region-state';
import { useStore } from '../store';
import { DEFAULT_BOX, DEFAULT_POINT, type Plane, type ViewMapping, viewMapping } from '../slice-views/geometry';
import { drawnLabelLayers } from '../slice-views/interaction';
import { roiCircles } from '../slice-views/roi-circles';
import { type SliceContent, SliceRenderer } from '../slice-views/slice-renderer';
import { syncSliceTemplate, useSliceStore } from '../slice-views/slice-store';
import { sliceTemplate } from '../slice-views/template-source';
import { figureCanvas, figureTiles } from './figure-tiles';

/** Largest tile side for the slice canvas. */
const MAX_TILE = 2048;
/** Room around the brain in a slice panel, in mm. */
const MARGIN_MM = 4;

const extents = new WeakMap<LabelsLayerData, WorldBox | null>();

/** A labels layer's non-zero extent, computed once per loaded layer. */
function layerExtent(data: LabelsLayerData): WorldBox | null {
  if (!extents.has(data)) extents.set(data, labelExtent(data.grid.labels, data.grid.dims, data.grid.affine));
  return extents.get(data) ?? null;
}

export interface SliceSource {
  /** The box slice panels frame. */
  box: WorldBox;
  /** The point the 'slices' layout cuts through: the cursor, as the slice views. */
  point: Vec3;
  /** A lightbox's slice positions along the plane's normal. */
  positions(plane: Plane, count: number): number[];
  /**
   * One panel's image: the slice through `slice` mm along the plane's normal, `width` × `height` pixels, the brain
   * framed `pad` pixels clear of each edge (room for the orientation letters).
   */
  render(plane: Plane, slice: number, width: number, height: number, pad: number): HTMLCanvasElement;
  dispose(): void;
}

/** Gets the slice views' template ready and a renderer for the figure's slice panels. */
export async function sliceSource(): Promise<SliceSource> {
  await syncSliceTemplate();
  const ss = useSliceStore.getState();
  // The hovered region is drawn brighter on screen; a figure shows none.
  const store = { ...useStore.getState(), hovered: null };
  const template = sliceTemplate.get(ss.template.key);
  const layers = drawnLabelLayers();
  const coordinateLayers: { data: CoordinatesLayerData; opacity: number }[] = [];
  for (const l of store.layers) {
    const data = layerData.get(l?.key);
    if (l && data?.kind === 'coordinates') coordinateLayers.push({ data, opacity: l.opacity });
  }
  const boxes = layers.flatMap((l) => layerExtent(l.data) ?? []);
  for (const { data } of coordinateLayers)
    for (const r of data.regions)
      boxes.push({
        min: [r.centroid[0] - r.radius, r.centroid[1] - r.radius, r.centroid[2] - r.radius],
        max: [r.centroid[0] + r.radius, r.centroid[1] + r.radius, r.centroid[2] + r.radius],
      });
  const box = unionBox(boxes, MARGIN_MM) ?? template?.box ?? DEFAULT_BOX;
  const content: SliceContent = {
    template,
    layers,
    overlays: store.displayOverlays,
    store,
    display: ss.display,
    fillOpacity: ss.fillOpacity,
  };
  const canvas = document.createElement('canvas');
  const renderer = new SliceRenderer(canvas);
  const point = store.cursor ?? DEFAULT_POINT;

  const circles = (ctx: CanvasRenderingContext2D, m: ViewMapping) => {
    const fill = ss.display === 'filled' ? ss.fillOpacity : 0;
    for (const { data, opacity } of coordinateLayers) {
      const visual = layerVisual(data, visualInputs(store, MNI_BRAIN_CENTRE));
      for (const c of roiCircles(m, data, visual, opacity, fill, store.selected)) {
        ctx.beginPath();
        ctx.arc(c.cx, c.cy, Math.max(c.r, 1), 0, 2 * Math.PI);
        ctx.globalAlpha = c.fill;
        ctx.fillStyle = c.color;
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.strokeStyle = c.selected ? '#ffffff' : c.color;
        ctx.lineWidth = c.selected ? 2 : 1;
        ctx.stroke();
      }
    }
  };

  return {
    box,
    point,
    positions: (plane, count) => {
      const n = SLICE_NORMAL[plane];
      return lightboxPositions(box.min[n] + MARGIN_MM, box.max[n] - MARGIN_MM, count, template?.voxelMm ?? 1);
    },
    render(plane, slice, width, height, pad) {
      const at: Vec3 = [point[0], point[1], point[2]];
      at[SLICE_NORMAL[plane]] = slice;
      const room = Math.max(0, Math.min(pad, Math.floor((Math.min(width, height) - 1) / 4)));
      const fitted = viewMapping(plane, width - 2 * room, height - 2 * room, box, { zoom: 1, centre: null }, at);
      const m: ViewMapping = { ...fitted, width, height };
      const { out, ctx } = figureCanvas(width, height);
      for (const { x, y, w, h } of figureTiles(width, height, MAX_TILE).tiles) {
        // The tile's own view: the same scale, centred where the tile's middle falls in the panel.
        const tile: ViewMapping = {
          ...m,
          width: w,
          height: h,
          centreH: m.centreH + (x + w / 2 - width / 2) * m.mmPerPx,
          centreV: m.centreV - (y + h / 2 - height / 2) * m.mmPerPx,
        };
        renderer.setSize(w, h, 1);
        renderer.render([{ mapping: tile, rect: { x: 0, y: 0, width: w, height: h } }], content, h);
        ctx.drawImage(canvas, 0, 0, w, h, x, y, w, h);
      }
      circles(ctx, m);
      return out;
    },
    dispose() {
      renderer.dispose();
      // Give the WebGL context back now rather than when the canvas is collected (browsers cap live contexts).
      canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
    },
  };
}
