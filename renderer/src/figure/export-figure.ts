/**
 * Export figure: lays the figure out (core/figure/figure-layout.ts), renders each panel's view of the live scene
 * off-screen at the panel's pixel size (render-view.ts), composes one SVG with the colour bars and legend as
 * vector (core/figure/figure-svg.ts) and turns it into the PNG, SVG or PDF asked for (figure-output.ts). The
 * scene is drawn as on screen; medial panels hide the other hemisphere, as the medial camera buttons do, and the
 * hemispheres come back afterwards.
 */
import { type FigureView, layoutFigure, panelImageRect } from '../../../core/figure/figure-layout';
import { composeFigureSvg } from '../../../core/figure/figure-svg';
import type { MessageKey } from '../i18n/en';
import { useStore } from '../store';
import { figureTarget } from './figure-bridge';
import { figureColourBars, figureLegend } from './figure-legend';
import { FIGURE_MIME, canvasDataUrl, canvasPng, rasterizeSvg, svgToPdf } from './figure-output';
import type { FigureFormat, FigureOptions } from './figure-options';
import { renderToCanvas, viewCamera } from './render-view';

/** The 3D view's background on screen (Viewer3D's clear colour). */
export const SCREEN_BACKGROUND = '#161a22';

export interface FigureFile {
  bytes: Uint8Array;
  mime: string;
  extension: FigureFormat;
}

const VIEW_TITLE: Record<FigureView, MessageKey | null> = {
  current: null,
  'left-lateral': 'leftLateral',
  'right-lateral': 'rightLateral',
  'left-medial': 'leftMedial',
  'right-medial': 'rightMedial',
  superior: 'superior',
  inferior: 'inferior',
};

/** Which hemispheres a panel shows: a medial view looks at one hemisphere with the other out of the way. */
function hemispheresFor(view: FigureView, current: { left: boolean; right: boolean }) {
  if (view === 'left-medial') return { left: true, right: false };
  if (view === 'right-medial') return { left: false, right: true };
  if (view === 'current') return current;
  return { left: true, right: true };
}

/** Renders the figure; `onProgress` gets 0..1; `signal` cancels between tiles (an Error named 'cancelled'). */
export async function exportFigure(
  opts: FigureOptions,
  t: (key: MessageKey) => string,
  onProgress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<FigureFile> {
  const target = figureTarget();
  if (!target) throw new Error('the 3D view is not on screen yet; wait for it to appear, then export');
  const s = useStore.getState();
  const colourBars = figureColourBars(s, t('threshold').toLowerCase());
  const legend = figureLegend(s, { networks: t('networks'), regions: t('regions') });
  const layout = layoutFigure({
    width: opts.width,
    height: opts.height,
    layout: opts.layout,
    colourBars: colourBars.length,
    legendRows: legend.items.length,
    panelLetters: opts.panelLetters,
  });
  const background = opts.transparent ? null : SCREEN_BACKGROUND;
  const hemispheres = s.hemispheres;
  const panels: { href: string; title: string }[] = [];
  const renders: { canvas: HTMLCanvasElement; x: number; y: number }[] = [];
  // A PNG draws the renders straight onto the figure; SVG and PDF embed them as PNG data.
  const embed = opts.format !== 'png';
  const steps = layout.panels.length + 1;
  try {
    for (const [i, panel] of layout.panels.entries()) {
      const wanted = hemispheresFor(panel.view, hemispheres);
      if (wanted !== useStore.getState().hemispheres) useStore.setState({ hemispheres: wanted });
      // The panel's title band is above its image: render at the image's own size.
      const area = panelImageRect(panel, layout.unit);
      const camera = viewCamera(target, panel.view, area.width / area.height);
      const canvas = await renderToCanvas(target, camera, area.width, area.height, {
        background,
        signal,
        onTile: (done, total) => onProgress((i + done / total) / steps),
      });
      const key = VIEW_TITLE[panel.view];
      panels.push({ href: embed ? canvasDataUrl(canvas) : '', title: key ? t(key) : '' });
      renders.push({ canvas, x: area.x, y: area.y });
    }
  } finally {
    if (useStore.getState().hemispheres !== hemispheres) useStore.setState({ hemispheres });
  }
  const svg = composeFigureSvg({
    layout,
    background,
    panels,
    colourBars,
    legendTitle: legend.title,
    legend: legend.items,
  });
  let bytes: Uint8Array;
  if (opts.format === 'svg') bytes = new TextEncoder().encode(svg);
  else if (opts.format === 'pdf') bytes = await svgToPdf(svg, opts.width, opts.height, opts.dpi);
  else {
    // The SVG without images (background, titles, colour bars, legend), then each render in its image area.
    const figure = await rasterizeSvg(svg, opts.width, opts.height);
    const ctx = figure.getContext('2d');
    for (const r of renders) ctx?.drawImage(r.canvas, r.x, r.y);
    bytes = await canvasPng(figure, opts.dpi);
  }
  onProgress(1);
  return { bytes, mime: FIGURE_MIME[opts.format], extension: opts.format };
}
