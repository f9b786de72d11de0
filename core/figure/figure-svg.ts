/**
 * A finished figure as one standalone SVG 1.1 document: the brain renders (PNG data URLs) placed in their panels
 * with titles and letters, and, in the layout's side strip, colour bars and a legend drawn as vectors (gradients
 * sampled from the overlay's lookup tables, ticks, threshold, names), so they stay sharp at any print size. Text
 * sizes and strokes are multiples of the layout's unit. Text widths are estimated (no fonts here), generously, to
 * shrink or shorten text that would not fit. The same spec always gives the same string.
 */
import { AtlasError } from '../errors';
import { type ColormapName, LUT_SIZE, splitLuts } from '../maps/colormaps';
import { type FigureLayout, type Rect, panelImageRect } from './figure-layout';
import { type FigureRegionLabel, type SliceEdges, edgeLetters, regionLabel } from './figure-overlays';
import { formatTick, niceTicks } from './ticks';
import {
  centredWithin,
  escapeXml,
  fittedFontSize,
  foregroundFor,
  hex,
  num,
  textElement,
  textWidth,
  truncated,
} from './svg-text';

export interface FigureColourBar {
  title: string;
  colormap: ColormapName;
  /** Absolute values: the bar covers +threshold..+max and/or -max..-threshold. */
  threshold: number;
  max: number;
  showPos: boolean;
  showNeg: boolean;
  /** The translated word written before the threshold value, e.g. 'threshold' or '阈值'. */
  thresholdLabel: string;
}

export interface FigureLegendItem {
  name: string;
  colour: [number, number, number];
}

export interface FigurePanelImage {
  /** data: URL of the panel's PNG render; '' leaves the image out (the caller draws the render itself). */
  href: string;
  /** Translated view name, e.g. 'Left lateral'. */
  title: string;
  /**
   * A slice panel's orientation letters (translated, e.g. L, R, A, P), drawn inside the image at the middle of its
   * left, right, top and bottom edges, in white: slice images have the slice views' black background.
   */
  edges?: SliceEdges;
}

export interface FigureSpec {
  layout: FigureLayout;
  /** CSS colour; null = transparent. */
  background: string | null;
  /** Same order as layout.panels. */
  panels: FigurePanelImage[];
  colourBars: FigureColourBar[];
  legendTitle: string | null;
  legend: FigureLegendItem[];
  /** Region labels with leader lines, drawn over the brain images. */
  labels?: FigureRegionLabel[];
  fontFamily?: string;
}

/** Latin fonts first (metric-compatible on Linux, macOS and Windows), then CJK fonts for Chinese names. */
export const FIGURE_FONTS =
  "'Noto Sans', 'Liberation Sans', Arial, 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

/** Gradient stops per sign of a colour bar. */
const GRADIENT_STOPS = 32;
/** Most tick labels on one bar. */
const MAX_TICKS = 6;
/** The longest a colour bar section may be along the strip, in units (keeps a lone bar from spanning the page). */
const BAR_SECTION_MAX_UNITS = 28;
/** Share of the strip the colour bars may take when a legend shares it. */
const BARS_SHARE_WITH_LEGEND = 0.55;

// ---- colour bars ----

interface Drawing {
  /** Colour of text, outlines and ticks. */
  fg: string;
  defs: string[];
  body: string[];
  /** What is drawn over the brain images (a slice's orientation letters, region labels), after all of them. */
  over: string[];
}

/**
 * Which part of the figure to write: all of it; the part under the brain images (background, titles, colour bars,
 * legend); or the part over them alone, on a transparent page. A PNG is drawn as under, the renders, then over.
 */
export type FigurePart = 'all' | 'under' | 'over';

/** The value axis of a bar: -max..max with both signs, else threshold..max or -max..-threshold. */
function barAxis(bar: FigureColourBar): { lo: number; hi: number } {
  return { lo: bar.showNeg ? -bar.max : bar.threshold, hi: bar.showPos ? bar.max : -bar.threshold };
}

function assertColourBar(bar: FigureColourBar, index: number): void {
  const ok =
    Number.isFinite(bar.threshold) && Number.isFinite(bar.max) && bar.threshold >= 0 && bar.max > bar.threshold;
  if (!ok) {
    throw new AtlasError(
      'invalid-argument',
      `colour bar ${index + 1} needs 0 <= threshold < max, not threshold ${bar.threshold} and max ${bar.max}`,
    );
  }
  if (!bar.showPos && !bar.showNeg) {
    throw new AtlasError('invalid-argument', `colour bar ${index + 1} shows neither positive nor negative values`);
  }
}

/**
 * A <linearGradient> running from the bar's low-value end to its high-value end. Positive values climb the table
 * (threshold = entry 0 at the low end); negative values run it backwards (-max = entry 255 at the low end).
 */
function gradient(id: string, table: Uint8Array, negative: boolean, vertical: boolean): string {
  const direction = vertical ? 'x1="0" y1="1" x2="0" y2="0"' : 'x1="0" y1="0" x2="1" y2="0"';
  const stops: string[] = [];
  for (let k = 0; k < GRADIENT_STOPS; k++) {
    const t = k / (GRADIENT_STOPS - 1);
    const entry = Math.round((negative ? 1 - t : t) * (LUT_SIZE - 1)) * 4;
    const colour = hex(table[entry], table[entry + 1], table[entry + 2]);
    stops.push(`<stop offset="${num(t * 100)}%" stop-color="${colour}"/>`);
  }
  return `<linearGradient id="${id}" ${direction}>${stops.join('')}</linearGradient>`;
}

/** What a bar draws, in value terms: filled ranges with their gradients, ticks, threshold lines and label value. */
interface BarContent {
  lo: number;
  hi: number;
  fills: { id: string; from: number; to: number }[];
  ticks: number[];
  thresholdLines: number[];
  /** Where the threshold label goes: the +threshold line, the -threshold line, or mid-gap (0) with both signs. */
  thresholdLabelAt: number;
  thresholdText: string;
}

function barContent(bar: FigureColourBar, index: number, vertical: boolean, defs: string[]): BarContent {
  const { lo, hi } = barAxis(bar);
  const luts = splitLuts(bar.colormap, bar.showPos, bar.showNeg);
  const fills: BarContent['fills'] = [];
  const thresholdLines: number[] = [];
  if (luts.neg) {
    const id = `figure-bar-${index}-neg`;
    defs.push(gradient(id, luts.neg, true, vertical));
    fills.push({ id, from: -bar.max, to: -bar.threshold });
    thresholdLines.push(-bar.threshold);
  }
  if (luts.pos) {
    const id = `figure-bar-${index}-pos`;
    defs.push(gradient(id, luts.pos, false, vertical));
    fills.push({ id, from: bar.threshold, to: bar.max });
    if (!luts.neg || bar.threshold > 0) thresholdLines.push(bar.threshold);
  }
  return {
    lo,
    hi,
    fills,
    ticks: niceTicks(lo, hi, MAX_TICKS),
    thresholdLines,
    thresholdLabelAt: bar.showPos && bar.showNeg ? 0 : bar.showPos ? bar.threshold : -bar.threshold,
    thresholdText: `${bar.thresholdLabel} ${formatTick(bar.threshold)}`,
  };
}

/** A vertical bar (high values at the top) in a section of a right-hand strip: title, bar, ticks on its right, threshold label on its left. */
function verticalBar(bar: FigureColourBar, index: number, area: Rect, u: number, d: Drawing): void {
  const content = barContent(bar, index, true, d.defs);
  const titleSize = fittedFontSize(bar.title, 1.1 * u, area.width);
  const barWidth = 1.5 * u;
  const tickLength = 0.5 * u;
  const pad = 0.4 * u;
  const labels = content.ticks.map(formatTick);
  let labelSize = 0.9 * u;
  const textEms = textWidth(content.thresholdText, 1) + Math.max(...labels.map((l) => textWidth(l, 1))) || 1;
  const fixedWidth = barWidth + tickLength + 2 * pad;
  if (fixedWidth + textEms * labelSize > area.width)
    labelSize = Math.max(0.45 * u, (area.width - fixedWidth) / textEms);
  const thresholdWidth = textWidth(content.thresholdText, labelSize);
  const used = fixedWidth + textEms * labelSize;
  const barX = area.x + Math.max(0, (area.width - used) / 2) + thresholdWidth + pad;
  const barTop = area.y + 1.6 * titleSize + 0.6 * labelSize;
  const barBottom = Math.max(barTop + u, area.y + area.height - 0.6 * labelSize);
  const at = (v: number) => barBottom - ((v - content.lo) / (content.hi - content.lo)) * (barBottom - barTop);
  const stroke = num(0.1 * u);

  if (bar.title) {
    const x = centredWithin(barX + barWidth / 2, textWidth(bar.title, titleSize), area);
    d.body.push(textElement(x, area.y + 0.6 * titleSize, titleSize, bar.title, { anchor: 'middle' }));
  }
  for (const f of content.fills) {
    d.body.push(
      `<rect x="${num(barX)}" y="${num(at(f.to))}" width="${num(barWidth)}" height="${num(at(f.from) - at(f.to))}" fill="url(#${f.id})"/>`,
    );
  }
  d.body.push(
    `<rect x="${num(barX)}" y="${num(barTop)}" width="${num(barWidth)}" height="${num(barBottom - barTop)}" fill="none" stroke="${d.fg}" stroke-width="${stroke}"/>`,
  );
  content.ticks.forEach((v, i) => {
    const y = at(v);
    d.body.push(
      `<line x1="${num(barX + barWidth)}" y1="${num(y)}" x2="${num(barX + barWidth + tickLength)}" y2="${num(y)}" stroke="${d.fg}" stroke-width="${stroke}"/>`,
    );
    d.body.push(textElement(barX + barWidth + tickLength + pad, y, labelSize, labels[i]));
  });
  for (const v of content.thresholdLines) {
    const y = at(v);
    d.body.push(
      `<line x1="${num(barX - 0.3 * u)}" y1="${num(y)}" x2="${num(barX + barWidth + 0.3 * u)}" y2="${num(y)}" stroke="${d.fg}" stroke-width="${num(0.15 * u)}"/>`,
    );
  }
  d.body.push(
    textElement(barX - pad, at(content.thresholdLabelAt), labelSize, content.thresholdText, { anchor: 'end' }),
  );
}

/** A horizontal bar (high values on the right) in a column of a bottom strip: title, bar, ticks, threshold label below. */
function horizontalBar(bar: FigureColourBar, index: number, area: Rect, u: number, d: Drawing): void {
  const content = barContent(bar, index, false, d.defs);
  const titleSize = fittedFontSize(bar.title, 1.1 * u, area.width);
  const labelSize = 0.9 * u;
  const labels = content.ticks.map(formatTick);
  const barHeight = 1.5 * u;
  const tickLength = 0.5 * u;
  const endRoom = Math.max(...labels.map((l) => textWidth(l, labelSize))) / 2 + 0.2 * u;
  const barLeft = area.x + Math.min(endRoom, area.width / 4);
  const barRight = Math.max(barLeft + u, area.x + area.width - Math.min(endRoom, area.width / 4));
  const barTop = area.y + 1.6 * titleSize;
  const barBottom = barTop + barHeight;
  const at = (v: number) => barLeft + ((v - content.lo) / (content.hi - content.lo)) * (barRight - barLeft);
  const stroke = num(0.1 * u);

  if (bar.title) {
    const x = centredWithin((barLeft + barRight) / 2, textWidth(bar.title, titleSize), area);
    d.body.push(textElement(x, area.y + 0.6 * titleSize, titleSize, bar.title, { anchor: 'middle' }));
  }
  for (const f of content.fills) {
    d.body.push(
      `<rect x="${num(at(f.from))}" y="${num(barTop)}" width="${num(at(f.to) - at(f.from))}" height="${num(barHeight)}" fill="url(#${f.id})"/>`,
    );
  }
  d.body.push(
    `<rect x="${num(barLeft)}" y="${num(barTop)}" width="${num(barRight - barLeft)}" height="${num(barHeight)}" fill="none" stroke="${d.fg}" stroke-width="${stroke}"/>`,
  );
  const labelMiddle = barBottom + tickLength + 0.3 * u + 0.5 * labelSize;
  content.ticks.forEach((v, i) => {
    const x = at(v);
    d.body.push(
      `<line x1="${num(x)}" y1="${num(barBottom)}" x2="${num(x)}" y2="${num(barBottom + tickLength)}" stroke="${d.fg}" stroke-width="${stroke}"/>`,
    );
    d.body.push(textElement(x, labelMiddle, labelSize, labels[i], { anchor: 'middle' }));
  });
  for (const v of content.thresholdLines) {
    const x = at(v);
    d.body.push(
      `<line x1="${num(x)}" y1="${num(barTop - 0.3 * u)}" x2="${num(x)}" y2="${num(barBottom + 0.3 * u)}" stroke="${d.fg}" stroke-width="${num(0.15 * u)}"/>`,
    );
  }
  const labelX = centredWithin(at(content.thresholdLabelAt), textWidth(content.thresholdText, labelSize), area);
  d.body.push(
    textElement(labelX, labelMiddle + 1.5 * labelSize, labelSize, content.thresholdText, { anchor: 'middle' }),
  );
}

// ---- legend ----

/** The legend title and one swatch + name per item, in as many columns as fit; what does not fit is counted. */
function legend(title: string | null, items: FigureLegendItem[], area: Rect, u: number, d: Drawing): void {
  const titleSize = 1.1 * u;
  const itemSize = 0.9 * u;
  const rowHeight = 1.5 * u;
  const swatch = 1.0 * u;
  const nameOffset = swatch + 0.5 * u;
  let top = area.y;
  if (title) {
    const size = fittedFontSize(title, titleSize, area.width);
    d.body.push(textElement(area.x, top + 0.6 * size, size, title, { bold: true }));
    top += 1.2 * size + 0.4 * u;
  }
  if (items.length === 0) return;
  const rowsPerColumn = Math.max(0, Math.floor((area.y + area.height - top) / rowHeight));
  const widest = Math.max(...items.map((it) => textWidth(it.name, itemSize)), textWidth('+ 0000 more', itemSize));
  const columnWidth = Math.min(area.width, nameOffset + widest + u);
  const columns = Math.max(1, Math.floor((area.width + u) / (columnWidth + u)));
  const capacity = rowsPerColumn * columns;
  const shown = items.length <= capacity ? items.length : Math.max(0, capacity - 1);
  const slot = (i: number) => ({
    x: area.x + Math.floor(i / rowsPerColumn) * (columnWidth + u),
    middle: top + (i % rowsPerColumn) * rowHeight + rowHeight / 2,
  });
  for (let i = 0; i < shown; i++) {
    const { x, middle } = slot(i);
    const [r, g, b] = items[i].colour;
    d.body.push(
      `<rect x="${num(x)}" y="${num(middle - swatch / 2)}" width="${num(swatch)}" height="${num(swatch)}" fill="${hex(r, g, b)}" stroke="${d.fg}" stroke-width="${num(0.05 * u)}"/>`,
    );
    d.body.push(
      textElement(x + nameOffset, middle, itemSize, truncated(items[i].name, itemSize, columnWidth - nameOffset)),
    );
  }
  if (shown < items.length && capacity > 0) {
    const { x, middle } = slot(shown);
    d.body.push(textElement(x, middle, itemSize, `+ ${items.length - shown} more`));
  }
}

// ---- side strip ----

/** Colour bars then the legend, along the strip: stacked down a right strip, side by side along a bottom one. */
function sideStrip(spec: FigureSpec, side: Rect, u: number, d: Drawing): void {
  const inner: Rect = { x: side.x + u, y: side.y + u, width: side.width - 2 * u, height: side.height - 2 * u };
  const vertical = side.x > 0;
  const hasLegend = spec.legend.length > 0 || !!spec.legendTitle;
  const bars = spec.colourBars.length;
  const along = vertical ? inner.height : inner.width;
  const barsBudget = bars === 0 ? 0 : hasLegend ? along * BARS_SHARE_WITH_LEGEND : along;
  const section = bars === 0 ? 0 : Math.min(barsBudget / bars, BAR_SECTION_MAX_UNITS * u);
  spec.colourBars.forEach((bar, i) => {
    if (vertical) {
      verticalBar(bar, i, { x: inner.x, y: inner.y + i * section, width: inner.width, height: section - u }, u, d);
    } else {
      horizontalBar(bar, i, { x: inner.x + i * section, y: inner.y, width: section - u, height: inner.height }, u, d);
    }
  });
  if (!hasLegend) return;
  const used = bars * section;
  const area = vertical
    ? { x: inner.x, y: inner.y + used, width: inner.width, height: inner.height - used }
    : { x: inner.x + used, y: inner.y, width: inner.width - used, height: inner.height };
  legend(spec.legendTitle, spec.legend, area, u, d);
}

// ---- document ----

function assertSpec(spec: FigureSpec): void {
  const { layout } = spec;
  if (spec.panels.length !== layout.panels.length) {
    throw new AtlasError(
      'invalid-argument',
      `the figure has ${layout.panels.length} panels but ${spec.panels.length} panel images were given`,
    );
  }
  if (!layout.side && (spec.colourBars.length > 0 || spec.legend.length > 0 || spec.legendTitle)) {
    throw new AtlasError(
      'invalid-argument',
      'the layout has no side strip for colour bars or a legend; lay it out with their counts',
    );
  }
  spec.colourBars.forEach(assertColourBar);
}

/** The figure as SVG text. */
export function composeFigureSvg(spec: FigureSpec, part: FigurePart = 'all'): string {
  assertSpec(spec);
  const { layout } = spec;
  const u = layout.unit;
  const fg = foregroundFor(spec.background);
  const d: Drawing = { fg, defs: [], body: [], over: [] };
  layout.panels.forEach((panel, i) => {
    const image = panelImageRect(panel, u);
    const band = image.y - panel.y;
    const href = escapeXml(spec.panels[i].href);
    if (href)
      d.body.push(
        `<image x="${num(image.x)}" y="${num(image.y)}" width="${num(image.width)}" height="${num(image.height)}" preserveAspectRatio="xMidYMid meet" href="${href}" xlink:href="${href}"/>`,
      );
    const letterSize = 1.6 * u;
    const letterRoom = panel.letter ? 2 * letterSize : 0;
    const title = spec.panels[i].title;
    if (title) {
      const size = fittedFontSize(title, 1.1 * u, Math.max(u, panel.width - 2 * letterRoom));
      d.body.push(textElement(panel.x + panel.width / 2, panel.y + band / 2, size, title, { anchor: 'middle' }));
    }
    if (panel.letter) {
      d.body.push(textElement(panel.x + 0.2 * u, panel.y + band / 2, letterSize, panel.letter, { bold: true }));
    }
    const edges = spec.panels[i].edges;
    if (edges) d.over.push(edgeLetters(edges, image, u));
  });
  if (layout.side) sideStrip(spec, layout.side, u, d);
  for (const l of spec.labels ?? []) d.over.push(regionLabel(l, u, fg));

  const { width, height } = layout;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  ];
  const under = part !== 'over';
  if (under && d.defs.length > 0) lines.push('<defs>', ...d.defs, '</defs>');
  if (under && spec.background !== null) {
    lines.push(
      `<rect id="figure-background" x="0" y="0" width="${width}" height="${height}" fill="${escapeXml(spec.background)}"/>`,
    );
  }
  lines.push(
    `<g fill="${fg}" font-family="${escapeXml(spec.fontFamily ?? FIGURE_FONTS)}">`,
    ...(under ? d.body : []),
    ...(part !== 'under' ? d.over : []),
    '</g>',
    '</svg>',
    '',
  );
  return lines.join('\n');
}
