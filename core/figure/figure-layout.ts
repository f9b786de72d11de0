/**
 * Where everything goes in an exported figure: brain panels tiled in the grid that makes them as large as possible,
 * and a side strip (right of the panels for landscape figures, below them for portrait ones) kept free for colour
 * bars and the legend so those never cover a brain. All positions are whole output pixels; `unit` scales text and
 * strokes with the figure, so a figure exported 4 times larger looks the same, only sharper.
 */
import { AtlasError } from '../errors';
import { MAX_LIGHTBOX_SLICES, MIN_LIGHTBOX_SLICES, SLICE_PLANES, type SlicePlane } from './slice-panels';

/** 'slices': the 3D view and the axial, coronal and sagittal slices; 'lightbox': N slices of one plane. */
export type FigureLayoutName = 'current' | 'four' | 'six' | 'slices' | 'lightbox';
export const FIGURE_LAYOUTS: readonly FigureLayoutName[] = ['current', 'four', 'six', 'slices', 'lightbox'];
/** 3D views, then the slice panels (a slice through the scene's cursor, or a lightbox's n-th slice). */
export type FigureView =
  | SlicePlane
  | 'current'
  | 'left-lateral'
  | 'right-lateral'
  | 'left-medial'
  | 'right-medial'
  | 'superior'
  | 'inferior';

/** The views drawn from the 3D scene. */
export type FigureView3D = Exclude<FigureView, SlicePlane>;

/** The views of each layout with fixed views, in panel order (row by row). */
export const LAYOUT_VIEWS: Record<Exclude<FigureLayoutName, 'lightbox'>, FigureView[]> = {
  current: ['current'],
  four: ['left-lateral', 'right-lateral', 'left-medial', 'right-medial'],
  six: ['left-lateral', 'right-lateral', 'left-medial', 'right-medial', 'superior', 'inferior'],
  slices: ['current', 'axial', 'coronal', 'sagittal'],
};

/** How many slices of which plane a lightbox shows. */
export interface LightboxSpec {
  plane: SlicePlane;
  count: number;
}

/** A layout's views in panel order: a lightbox's are `count` times its plane. */
export function layoutViews(layout: FigureLayoutName, lightbox?: LightboxSpec): FigureView[] {
  if (layout === 'lightbox') {
    const { plane, count } = lightbox ?? { plane: undefined, count: undefined };
    if (!SLICE_PLANES.includes(plane as SlicePlane))
      throw new AtlasError(
        'invalid-argument',
        `a lightbox's slice orientation must be one of ${SLICE_PLANES.join(', ')}, not '${plane}'`,
      );
    if (!Number.isInteger(count) || (count as number) < MIN_LIGHTBOX_SLICES || (count as number) > MAX_LIGHTBOX_SLICES)
      throw new AtlasError(
        'invalid-argument',
        `a lightbox holds ${MIN_LIGHTBOX_SLICES} to ${MAX_LIGHTBOX_SLICES} slices, not ${count}`,
      );
    return Array.from({ length: count as number }, () => plane as SlicePlane);
  }
  const views = Object.hasOwn(LAYOUT_VIEWS, layout) ? LAYOUT_VIEWS[layout] : undefined;
  if (!views) {
    throw new AtlasError(
      'invalid-argument',
      `the figure layout must be one of ${FIGURE_LAYOUTS.join(', ')}, not '${layout}'`,
    );
  }
  return views;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PanelBox extends Rect {
  view: FigureView;
  /** 'A', 'B', ... when panel letters were asked for, else null. */
  letter: string | null;
}

export interface FigureLayout {
  width: number;
  height: number;
  /** Base size of text, strokes and gaps, in output pixels (about min(width, height) / 60, at least 1). */
  unit: number;
  panels: PanelBox[];
  /** The strip for colour bars and the legend: on the right or at the bottom; null when neither is drawn. */
  side: Rect | null;
}

const MIN_SIZE = 16;
const MAX_SIZE = 16384;
/** Share of the figure's width (right strip) or height (bottom strip) given to colour bars and the legend. */
const SIDE_SHARE = 0.22;
/** The least the strip may be, in units, for its text to fit: across a right strip, and down a bottom one. */
const SIDE_MIN_UNITS_RIGHT = 16;
const SIDE_MIN_UNITS_BOTTOM = 12;
/** Height of the band at the top of each panel that holds its title and letter, in units. */
const TITLE_BAND_UNITS = 2.2;

function assertSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < MIN_SIZE || v > MAX_SIZE) {
    throw new AtlasError(
      'invalid-argument',
      `the figure ${name} must be a whole number of pixels from ${MIN_SIZE} to ${MAX_SIZE}, not ${v}`,
    );
  }
}

function assertCount(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) {
    throw new AtlasError('invalid-argument', `the number of ${name} must be a whole number of at least 0, not ${v}`);
  }
}

/** The side strip: on the right of a landscape or square figure, at the bottom of a portrait one. */
function sideStrip(width: number, height: number, unit: number): Rect {
  if (width >= height) {
    const w = Math.min(
      Math.round(width / 2),
      Math.max(Math.round(width * SIDE_SHARE), Math.round(SIDE_MIN_UNITS_RIGHT * unit)),
    );
    return { x: width - w, y: 0, width: w, height };
  }
  const h = Math.min(
    Math.round(height / 2),
    Math.max(Math.round(height * SIDE_SHARE), Math.round(SIDE_MIN_UNITS_BOTTOM * unit)),
  );
  return { x: 0, y: height - h, width, height: h };
}

/** Columns and rows for n panels in an area: the grid whose smallest cell side is largest (fewest cells on a tie). */
function chooseGrid(n: number, area: Rect, gap: number): { columns: number; rows: number } {
  let best = { columns: 1, rows: n, smallestSide: -Infinity };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = (area.width - (columns - 1) * gap) / columns;
    const cellHeight = (area.height - (rows - 1) * gap) / rows;
    const smallestSide = Math.min(cellWidth, cellHeight);
    const tie = Math.abs(smallestSide - best.smallestSide) < 1e-9;
    if ((!tie && smallestSide > best.smallestSide) || (tie && columns * rows < best.columns * best.rows)) {
      best = { columns, rows, smallestSide };
    }
  }
  return best;
}

/** Panel boxes filling the area row by row, edges rounded to whole pixels (so neighbours never overlap). */
function tilePanels(views: FigureView[], area: Rect, gap: number, letters: boolean): PanelBox[] {
  const { columns, rows } = chooseGrid(views.length, area, gap);
  const cellWidth = (area.width - (columns - 1) * gap) / columns;
  const cellHeight = (area.height - (rows - 1) * gap) / rows;
  return views.map((view, i) => {
    const column = i % columns;
    const row = Math.floor(i / columns);
    const left = Math.round(area.x + column * (cellWidth + gap));
    const right = Math.round(area.x + column * (cellWidth + gap) + cellWidth);
    const top = Math.round(area.y + row * (cellHeight + gap));
    const bottom = Math.round(area.y + row * (cellHeight + gap) + cellHeight);
    return {
      x: left,
      y: top,
      width: Math.max(1, right - left),
      height: Math.max(1, bottom - top),
      view,
      letter: letters ? String.fromCharCode(65 + i) : null,
    };
  });
}

/** Lays out a figure of width × height output pixels. */
export function layoutFigure(opts: {
  width: number;
  height: number;
  layout: FigureLayoutName;
  colourBars: number;
  legendRows: number;
  panelLetters: boolean;
  /** The lightbox layout's plane and slice count (needed for that layout only). */
  lightbox?: LightboxSpec;
}): FigureLayout {
  const { width, height, layout, colourBars, legendRows } = opts;
  assertSize('width', width);
  assertSize('height', height);
  assertCount('colour bars', colourBars);
  assertCount('legend rows', legendRows);
  const views = layoutViews(layout, opts.lightbox);
  // A lightbox's panels are labelled by their slice's coordinate, not lettered.
  const panelLetters = opts.panelLetters && layout !== 'lightbox';
  const unit = Math.max(1, Math.round(Math.min(width, height) / 60));
  const gap = unit;
  const side = colourBars > 0 || legendRows > 0 ? sideStrip(width, height, unit) : null;
  const panelsRight = side && side.x > 0 ? side.x : width;
  const panelsBottom = side && side.x === 0 ? side.y : height;
  const area: Rect = { x: gap, y: gap, width: panelsRight - 2 * gap, height: panelsBottom - 2 * gap };
  return { width, height, unit, panels: tilePanels(views, area, gap, panelLetters), side };
}

/**
 * The part of a panel its brain image is drawn in: the panel below the band that holds its title and letter.
 * The renderer can render each view at exactly this size; composeFigureSvg fits the image into it either way.
 */
export function panelImageRect(panel: Rect, unit: number): Rect {
  const band = Math.min(Math.round(TITLE_BAND_UNITS * unit), Math.floor(panel.height / 2));
  return { x: panel.x, y: panel.y + band, width: panel.width, height: panel.height - band };
}
