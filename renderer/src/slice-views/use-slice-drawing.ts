/**
 * Keeps the slice canvas drawn: one SliceRenderer for the canvas, a redraw (one animation frame, never a loop)
 * whenever what the slices show changes, then the crosshair and the data-* attributes e2e tests and people's
 * tools read: per view data-cursor (the point drawn), data-mm-per-px, data-centre; on the grid data-ready,
 * data-frame, data-render-ms (time to draw the three views) and data-overlays (each overlay's thresholds).
 */
import { useEffect, useRef } from 'react';
import { type CoordinatesLayerData, MNI_BRAIN_CENTRE, layerData } from '../model/layer-data';
import { layerVisual, visualInputs } from '../model/region-state';
import { useStore } from '../store';
import {
  DEFAULT_BOX,
  DEFAULT_POINT,
  PLANES,
  PLANE_AXES,
  type Plane,
  type ViewMapping,
  pixelOf,
  viewMapping,
} from './geometry';
import { drawnLabelLayers } from './interaction';
import { drawRoiCircles, roiCircles } from './roi-circles';
import { SliceRenderer, type ViewFrame } from './slice-renderer';
import { syncSliceTemplate, useSliceStore } from './slice-store';
import { sliceTemplate } from './template-source';

export interface SliceElements {
  grid: HTMLDivElement | null;
  canvas: HTMLCanvasElement | null;
  views: Partial<Record<Plane, HTMLDivElement | null>>;
}

const fmt = (v: number) => String(Math.round(v * 1000) / 1000);

export function useSliceDrawing(
  els: React.RefObject<SliceElements>,
): React.RefObject<Partial<Record<Plane, ViewMapping>>> {
  const mappings = useRef<Partial<Record<Plane, ViewMapping>>>({});

  useEffect(() => {
    const { grid, canvas } = els.current;
    if (!grid || !canvas) return;
    let renderer: SliceRenderer;
    try {
      renderer = new SliceRenderer(canvas);
    } catch (e) {
      grid.dataset.error = e instanceof Error ? e.message : String(e);
      return;
    }
    let frame = 0;
    let raf = 0;
    let size = '';

    const draw = () => {
      raf = 0;
      const s = useStore.getState();
      const ss = useSliceStore.getState();
      const w = grid.clientWidth;
      const h = grid.clientHeight;
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      if (`${w}x${h}@${dpr}` !== size) {
        size = `${w}x${h}@${dpr}`;
        renderer.setSize(w, h, dpr);
      }
      const template = sliceTemplate.get(ss.template.key);
      const layers = drawnLabelLayers();
      const box = template?.box ?? layers[0]?.data.grid ?? DEFAULT_BOX;
      const point = s.cursor ?? DEFAULT_POINT;
      const coordinateLayers: { data: CoordinatesLayerData; opacity: number }[] = [];
      for (const l of s.layers) {
        const data = layerData.get(l?.key);
        if (l && data?.kind === 'coordinates') coordinateLayers.push({ data, opacity: l.opacity });
      }
      const frames: ViewFrame[] = [];
      for (const plane of PLANES) {
        const el = els.current.views[plane];
        if (!el) continue;
        const rect = { x: el.offsetLeft, y: el.offsetTop, width: el.clientWidth, height: el.clientHeight };
        let m = viewMapping(plane, rect.width, rect.height, box, ss.views[plane], point);
        // Zoomed in, a cursor that leaves the view (typed, stepped) brings the view with it.
        const [px, py] = pixelOf(m, point);
        if (ss.views[plane].zoom > 1 && (px < 0 || py < 0 || px >= rect.width || py >= rect.height)) {
          const { h: ah, v: av } = PLANE_AXES[plane];
          const view = { zoom: ss.views[plane].zoom, centre: [point[ah], point[av]] as [number, number] };
          useSliceStore.getState().setView(plane, view);
          m = viewMapping(plane, rect.width, rect.height, box, view, point);
        }
        mappings.current[plane] = m;
        frames.push({ mapping: m, rect });
      }
      const ms = renderer.render(
        frames,
        { template, layers, overlays: s.displayOverlays, store: s, display: ss.display, fillOpacity: ss.fillOpacity },
        h,
      );
      for (const { mapping: m } of frames) {
        const el = els.current.views[m.plane]!;
        const [x, y] = pixelOf(m, point);
        // One CSS pixel wide, on the pixel the point falls in: crisp at any zoom.
        const cx = Math.floor(x) + 0.5;
        const cy = Math.floor(y) + 0.5;
        el.querySelector('.crosshair-v')?.setAttribute('x1', String(cx));
        el.querySelector('.crosshair-v')?.setAttribute('x2', String(cx));
        el.querySelector('.crosshair-h')?.setAttribute('y1', String(cy));
        el.querySelector('.crosshair-h')?.setAttribute('y2', String(cy));
        const circles = coordinateLayers.flatMap(({ data, opacity }) =>
          roiCircles(
            m,
            data,
            layerVisual(data, visualInputs(s, MNI_BRAIN_CENTRE)),
            opacity,
            ss.display === 'filled' ? ss.fillOpacity : 0,
            s.selected,
          ),
        );
        const group = el.querySelector<SVGGElement>('g.roi-circles');
        if (group) drawRoiCircles(group, circles);
        el.dataset.cursor = point.map(fmt).join(',');
        el.dataset.mmPerPx = String(m.mmPerPx);
        el.dataset.centre = `${m.centreH},${m.centreV}`;
        el.dataset.slice = fmt(m.slice);
      }
      const ready =
        ss.template.status !== 'loading' &&
        s.pending.every((p) => !p) &&
        s.layers.every(
          (l) => !l || layers.some((x) => x.data.key === l.key) || coordinateLayers.some((x) => x.data.key === l.key),
        );
      grid.dataset.frame = String(++frame);
      grid.dataset.renderMs = ms.toFixed(1);
      grid.dataset.ready = String(ready);
      // The overlays drawn, bottom to top, by their thresholds: tests wait on settings reaching the screen.
      grid.dataset.overlays = s.displayOverlays
        .map((o) => `${o.posLut ? o.posThreshold : '-'}/${o.negLut ? o.negThreshold : '-'}`)
        .join(' ');
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };

    void syncSliceTemplate();
    const unStore = useStore.subscribe((s, p) => {
      if (s.listings !== p.listings || s.preferredRes !== p.preferredRes) void syncSliceTemplate();
      if (
        s.sceneVersion !== p.sceneVersion ||
        s.cursor !== p.cursor ||
        s.layers !== p.layers ||
        s.displayOverlays !== p.displayOverlays ||
        s.pending !== p.pending
      ) {
        grid.dataset.ready = 'false';
        schedule();
      }
    });
    const unSlices = useSliceStore.subscribe(() => {
      grid.dataset.ready = 'false';
      schedule();
    });
    const resize = new ResizeObserver(schedule);
    resize.observe(grid);
    schedule();
    return () => {
      unStore();
      unSlices();
      resize.disconnect();
      if (raf) cancelAnimationFrame(raf);
      renderer.dispose();
    };
  }, [els]);

  return mappings;
}

export { fmt as formatMm };
