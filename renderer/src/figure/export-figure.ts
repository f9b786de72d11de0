/**
 * Export figure: lays the figure out (core/figure/figure-layout.ts), renders each panel's view of the live scene
 * off-screen at the panel's pixel size (render-view.ts), composes one SVG with the colour bars and legend as
 * vector (core/figure/figure-svg.ts) and turns it into the PNG, SVG or PDF asked for (figure-output.ts). The
 * scene is drawn as on screen; medial panels hide the other hemisphere, as the medial camera buttons do, and the
 * hemispheres come back afterwards.
 */
import { type FigureView, layoutFigure, panelImageRect } from '../../../core/figure/figure-layout';
import { type FigureRegionLabel, edgeLetterSize } from '../../../core/figure/figure-overlays';
import { type FigurePanelImage, composeFigureSvg } from '../../../core/figure/figure-svg';
import { SLICE_NORMAL, SLICE_PLANES, type SlicePlane, sliceLabel } from '../../../core/figure/slice-panels';
import type { MessageKey } from '../i18n/en';
import { useStore } from '../store';
import { figureTarget } from './figure-bridge';
import { figureColourBars, figureLegend } from './figure-legend';
import { FIGURE_MIME, canvasDataUrl, canvasPng, rasterizeSvg, svgToPdf } from './figure-output';
import type { FigureFormat, FigureOptions } from './figure-options';
import { EDGES } from '../slice-views/orientation';
import { translate } from '../i18n/index';
import { labelledRegions, panelLabels } from './figure-labels';
import { CJK, pdfCjkFont } from './pdf-font';
import { type SliceSource, sliceSource } from './render-slices';
import { renderToCanvas, viewCamera } from './render-view';

/** The 3D view's background on screen (Viewer3D's clear colour). */
export const SCREEN_BACKGROUND = '#161a22';

export interface FigureFile {
  bytes: Uint8Array;
  mime: string;
  extension: FigureFormat;
  /** What the figure could not show as asked (a region label with no room, or hidden in every view). */
  notes: string[];
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const VIEW_TITLE: Record<FigureView, MessageKey | null> = {
  current: null,
  axial: 'axial',
  coronal: 'coronal',
  sagittal: 'sagittal',
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

function setHemispheres(hemispheres: { left: boolean; right: boolean }): void {
  useStore.setState((x) => ({ hemispheres, sceneVersion: x.sceneVersion + 1 }));
}

const isSlice = (view: FigureView): view is SlicePlane => SLICE_PLANES.includes(view as SlicePlane);

/** A slice panel's title ('Axial · z = 12', or in a lightbox only 'z = 12') and orientation letters. */
function slicePanel(plane: SlicePlane, mm: number, lightbox: boolean, t: Translate) {
  const [left, right, top, bottom] = EDGES[plane].map((k) => t(k));
  const label = sliceLabel(plane, mm);
  return { title: lightbox ? label : `${t(plane)} · ${label}`, edges: { left, right, top, bottom } };
}

/** Renders the figure; `onProgress` gets 0..1; `signal` cancels between tiles (an Error named 'cancelled'). */
export async function exportFigure(
  opts: FigureOptions,
  translated: Translate,
  onProgress: (fraction: number) => void = () => {},
  signal?: AbortSignal,
): Promise<FigureFile> {
  const s = useStore.getState();
  // Chinese text in a PDF needs a font with its glyphs embedded: without one, the figure is in English.
  const notes: string[] = [];
  let t = translated;
  let cjkFont: ArrayBuffer | null = null;
  let lang = s.lang;
  if (opts.format === 'pdf') {
    const found = await pdfCjkFont();
    cjkFont = found.font;
    if (!cjkFont && lang === 'zh') {
      lang = 'en';
      t = (key, vars) => translate('en', key, vars);
      notes.push(t('pdfInEnglish', { why: found.problem ?? '' }));
    }
  }
  const colourBars = figureColourBars(s, t('threshold').toLowerCase());
  const legend = figureLegend(s, { networks: t('networks'), regions: t('regions') }, lang);
  const layout = layoutFigure({
    width: opts.width,
    height: opts.height,
    layout: opts.layout,
    colourBars: colourBars.length,
    legendRows: legend.items.length,
    panelLetters: opts.panelLetters,
    lightbox: opts.lightbox,
  });
  const target = figureTarget();
  if (!target && layout.panels.some((p) => !isSlice(p.view)))
    throw new Error('the 3D view is not on screen yet; wait for it to appear, then export');
  const lightbox = opts.layout === 'lightbox';
  const background = opts.transparent ? null : SCREEN_BACKGROUND;
  const hemispheres = s.hemispheres;
  const panels: FigurePanelImage[] = [];
  const renders: { canvas: HTMLCanvasElement; x: number; y: number }[] = [];
  // A PNG draws the renders straight onto the figure; SVG and PDF embed them as PNG data.
  const embed = opts.format !== 'png';
  const steps = layout.panels.length + 1;
  // Region labels go on the 3D panels, each region in every view it is seen in.
  const regions = layout.panels.some((p) => !isSlice(p.view)) ? labelledRegions(s, opts.labels, lang) : [];
  const labels: FigureRegionLabel[] = [];
  let slices: SliceSource | null = null;
  try {
    if (layout.panels.some((p) => isSlice(p.view))) slices = await sliceSource();
    const positions = lightbox && slices ? slices.positions(opts.lightbox.plane, opts.lightbox.count) : [];
    for (const [i, panel] of layout.panels.entries()) {
      const area = panelImageRect(panel, layout.unit);
      if (isSlice(panel.view)) {
        if (!slices) continue;
        if (signal?.aborted) throw Object.assign(new Error('the export was cancelled'), { name: 'cancelled' });
        const mm = lightbox ? positions[i] : slices.point[SLICE_NORMAL[panel.view]];
        // Room for the orientation letters; a lightbox's letters are on its first slice, at the brain's edge, where
        // the brain is small: its panels use all their room.
        const pad = lightbox ? 0 : Math.ceil(2 * edgeLetterSize(area, layout.unit));
        const canvas = slices.render(panel.view, mm, area.width, area.height, pad);
        // A lightbox's slices share one orientation: its first panel carries the letters.
        const { title, edges } = slicePanel(panel.view, mm, lightbox, t);
        panels.push({
          href: embed ? canvasDataUrl(canvas) : '',
          title,
          edges: !lightbox || i === 0 ? edges : undefined,
        });
        renders.push({ canvas, x: area.x, y: area.y });
        onProgress((i + 1) / steps);
        await new Promise((resolve) => setTimeout(resolve, 0));
        continue;
      }
      if (!target) continue;
      const wanted = hemispheresFor(panel.view, hemispheres);
      // A new scene version, as the store's own hemisphere actions make: the layers redraw which regions they
      // show on it (with the hemispheres alone, a medial panel still showed the other hemisphere's regions).
      if (wanted !== useStore.getState().hemispheres) setHemispheres(wanted);
      // The panel's title band is above its image: render at the image's own size.
      const camera = viewCamera(target, panel.view, area.width / area.height);
      const canvas = await renderToCanvas(target, camera, area.width, area.height, {
        background,
        signal,
        onTile: (done, total) => onProgress((i + done / total) / steps),
      });
      labels.push(...panelLabels(target, camera, canvas, area, regions, { background, unit: layout.unit }).labels);
      const key = VIEW_TITLE[panel.view];
      panels.push({ href: embed ? canvasDataUrl(canvas) : '', title: key ? t(key) : '' });
      renders.push({ canvas, x: area.x, y: area.y });
    }
  } finally {
    slices?.dispose();
    if (useStore.getState().hemispheres !== hemispheres) setHemispheres(hemispheres);
  }
  const spec = { layout, background, panels, colourBars, legendTitle: legend.title, legend: legend.items, labels };
  const shown = new Set(labels.map((l) => l.text));
  const unlabelled = regions.filter((r) => !shown.has(r.text)).map((r) => r.text);
  if (unlabelled.length > 0) notes.push(t('labelsLeftOut', { names: unlabelled.join(', ') }));
  const svg = composeFigureSvg(spec, opts.format === 'png' ? 'under' : 'all');
  let bytes: Uint8Array;
  if (opts.format === 'svg') bytes = new TextEncoder().encode(svg);
  else if (opts.format === 'pdf') {
    if (!cjkFont && CJK.test(svg)) notes.push(t('pdfMissingCharacters'));
    bytes = await svgToPdf(svg, opts.width, opts.height, opts.dpi, cjkFont);
  } else {
    // The part under the images (background, titles, colour bars, legend), each render in its image area, then
    // what goes over the renders (a slice's orientation letters, region labels).
    const figure = await rasterizeSvg(svg, opts.width, opts.height);
    const ctx = figure.getContext('2d');
    for (const r of renders) ctx?.drawImage(r.canvas, r.x, r.y);
    const over = composeFigureSvg(spec, 'over');
    if (over.includes('<text') || over.includes('<line'))
      ctx?.drawImage(await rasterizeSvg(over, opts.width, opts.height), 0, 0);
    bytes = await canvasPng(figure, opts.dpi);
  }
  onProgress(1);
  return { bytes, mime: FIGURE_MIME[opts.format], extension: opts.format, notes };
}
