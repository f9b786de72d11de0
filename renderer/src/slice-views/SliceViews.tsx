import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';
import { DEFAULT_POINT, PLANES, PLANE_AXES, type Plane, type ViewMapping } from './geometry';
import { EDGES } from './orientation';
import { ZOOM_STEP, clickAt, keyInView, pointAt, wheelInView, zoomView } from './interaction';
import { type AtlasDisplay, useSliceStore } from './slice-store';
import { type SliceElements, formatMm, useSliceDrawing } from './use-slice-drawing';
import { useStore } from '../store';
import { usePaneStyle } from '../layout/PaneSplitter';

const NAME: Record<Plane, MessageKey> = { axial: 'axial', coronal: 'coronal', sagittal: 'sagittal' };
const AXIS_NAME = ['x', 'y', 'z'];
const WHEEL_STEP_PX = 40;

/**
 * Three linked slice views (axial, coronal, sagittal) of the template with the atlas and overlays, drawn in one
 * WebGL2 canvas under three focusable view elements that take the pointer, wheel and keys.
 */
export function SliceViews() {
  const t = useT();
  const els = useRef<SliceElements>({ grid: null, canvas: null, views: {} });
  const mappings = useSliceDrawing(els);
  const display = useSliceStore((s) => s.display);
  const fillOpacity = useSliceStore((s) => s.fillOpacity);
  const templateStatus = useSliceStore((s) => s.template.status);
  const paneStyle = usePaneStyle('slices');

  const zoomAll = (factor: number) => {
    for (const plane of PLANES) {
      const m = mappings.current[plane];
      if (m) zoomView(m, factor, null);
    }
  };

  return (
    <section className="slice-panel" aria-label={t('sliceViews')} style={paneStyle}>
      <div className="slice-toolbar">
        <label>
          <span className="slice-label-long">{t('atlasDisplay')} </span>
          <select
            aria-label={t('atlasDisplay')}
            value={display}
            onChange={(e) => useSliceStore.getState().setDisplay(e.target.value as AtlasDisplay)}
          >
            <option value="filled">{t('displayFilled')}</option>
            <option value="outline">{t('displayOutline')}</option>
          </select>
        </label>
        <label title={t('fillOpacity')}>
          <span className="slice-label-long">{t('fillOpacity')} </span>
          <span className="slice-label-short">{t('fillOpacityShort')} </span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={fillOpacity}
            aria-label={t('fillOpacity')}
            disabled={display !== 'filled'}
            onChange={(e) => useSliceStore.getState().setFillOpacity(Number(e.target.value))}
          />
        </label>
        <button type="button" aria-label={t('zoomIn')} title={t('zoomIn')} onClick={() => zoomAll(ZOOM_STEP)}>
          +
        </button>
        <button type="button" aria-label={t('zoomOut')} title={t('zoomOut')} onClick={() => zoomAll(1 / ZOOM_STEP)}>
          −
        </button>
        <button type="button" onClick={() => useSliceStore.getState().resetViews()}>
          {t('resetZoom')}
        </button>
        {templateStatus === 'absent' || templateStatus === 'error' ? (
          <span className="muted">{t('noTemplate')}</span>
        ) : null}
      </div>
      <div className="slice-grid" ref={(el) => void (els.current.grid = el)}>
        <canvas ref={(el) => void (els.current.canvas = el)} aria-hidden="true" />
        {PLANES.map((plane) => (
          <SliceView key={plane} plane={plane} els={els} mappings={mappings} name={t(NAME[plane])} />
        ))}
      </div>
    </section>
  );
}

function SliceView({
  plane,
  els,
  mappings,
  name,
}: {
  plane: Plane;
  els: React.RefObject<SliceElements>;
  mappings: React.RefObject<Partial<Record<Plane, ViewMapping>>>;
  name: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement | null>(null);
  const slice = useStore((s) => (s.cursor ?? DEFAULT_POINT)[PLANE_AXES[plane].n]);
  const dragging = useRef(false);
  const [left, right, top, bottom] = EDGES[plane];

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Not passive: the wheel changes the slice instead of scrolling the page. Small deltas (touchpads) add up
    // to one step per WHEEL_STEP_PX; one mouse notch is one step.
    let pending = 0;
    const onWheel = (e: WheelEvent) => {
      const m = mappings.current[plane];
      if (!m) return;
      e.preventDefault();
      pending += e.deltaMode === 0 ? e.deltaY : e.deltaY * WHEEL_STEP_PX;
      if (Math.abs(pending) < WHEEL_STEP_PX) return;
      const r = el.getBoundingClientRect();
      wheelInView(m, e.clientX - r.left, e.clientY - r.top, pending, e.ctrlKey || e.metaKey);
      pending = 0;
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [plane, mappings]);

  const at = (e: React.PointerEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top, m: mappings.current[plane] };
  };

  return (
    <div
      ref={(el) => {
        ref.current = el;
        els.current.views[plane] = el;
      }}
      className={`slice-view slice-${plane}`}
      role="application"
      aria-label={name}
      aria-roledescription={t('sliceView')}
      aria-description={t('sliceHint')}
      title={t('sliceHint')}
      tabIndex={0}
      data-plane={plane}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        const { x, y, m } = at(e);
        if (!m) return;
        e.currentTarget.focus();
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        clickAt(m, x, y, true);
      }}
      onPointerMove={(e) => {
        const { x, y, m } = at(e);
        if (!m) return;
        if (dragging.current) clickAt(m, x, y, false);
        // What's here follows the pointer as it does over the 3D view.
        useStore.getState().setPointer(null, pointAt(m, x, y));
      }}
      onPointerUp={() => void (dragging.current = false)}
      onPointerCancel={() => void (dragging.current = false)}
      onPointerLeave={() => useStore.getState().setPointer(null, null)}
      onKeyDown={(e) => {
        const m = mappings.current[plane];
        if (m && !e.altKey && !e.ctrlKey && !e.metaKey && keyInView(m, e.key)) e.preventDefault();
      }}
    >
      <svg className="crosshair" aria-hidden="true">
        <g className="roi-circles" />
        <line className="crosshair-v" x1={-10} x2={-10} y1={0} y2="100%" />
        <line className="crosshair-h" x1={0} x2="100%" y1={-10} y2={-10} />
      </svg>
      <span className="orient orient-left" aria-hidden="true">
        {t(left)}
      </span>
      <span className="orient orient-right" aria-hidden="true">
        {t(right)}
      </span>
      <span className="orient orient-top" aria-hidden="true">
        {t(top)}
      </span>
      <span className="orient orient-bottom" aria-hidden="true">
        {t(bottom)}
      </span>
      <span className="slice-caption" aria-hidden="true">
        {name} · {AXIS_NAME[PLANE_AXES[plane].n]} = {formatMm(slice)} mm
      </span>
    </div>
  );
}
