/**
 * What the figure renderers (render-view.ts for the 3D view, render-slices.ts for slice panels) share: a 2D canvas
 * of the output's size, and its cutting into tiles no larger than the GPU draws at once.
 */

/** A `width` × `height` 2D canvas; a clear error where the browser cannot make one that large. */
export function figureCanvas(width: number, height: number): { out: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error(`this browser cannot make a ${width} × ${height} image (no 2D canvas that large)`);
  return { out, ctx };
}

export interface Tile {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The tiles covering `width` × `height`, row by row, in as few equal columns and rows as keep each at most `limit`
 * pixels a side; `size` is the largest tile's.
 */
export function figureTiles(width: number, height: number, limit: number): { tiles: Tile[]; size: [number, number] } {
  const cols = Math.ceil(width / limit);
  const rows = Math.ceil(height / limit);
  const tileW = Math.ceil(width / cols);
  const tileH = Math.ceil(height / rows);
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += tileH)
    for (let x = 0; x < width; x += tileW)
      tiles.push({ x, y, w: Math.min(tileW, width - x), h: Math.min(tileH, height - y) });
  return { tiles, size: [tileW, tileH] };
}
