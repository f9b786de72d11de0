/**
 * What a figure draws over its brain images: a slice panel's orientation letters, and region labels with their
 * leader lines. Parts of the figure's SVG (figure-svg.ts), in its units.
 */
import type { Rect } from './figure-layout';
import type { PlacedLabel } from './label-placement';
import { num, textElement } from './svg-text';

/** A slice panel's orientation letters (translated, e.g. L, R, A, P) at its left, right, top and bottom edges. */
export interface SliceEdges {
  left: string;
  right: string;
  top: string;
  bottom: string;
}

/**
 * A region label placed outside the brain (label-placement.ts), in figure pixels: its box, the region's visible
 * point (anchor), where the leader line meets the box (end) and the text's alignment, with its text and size.
 */
export interface FigureRegionLabel extends Omit<PlacedLabel, 'id'> {
  text: string;
  fontSize: number;
}

/**
 * The font size of a slice image's orientation letters: sized to the image (small lightbox panels get small
 * letters). A slice image framed with 2 × this size of room at each edge keeps the letters off the brain.
 */
export function edgeLetterSize(image: Rect, u: number): number {
  return Math.max(0.5, Math.min(1.1 * u, Math.min(image.width, image.height) / 14));
}

/** Orientation letters inside a slice image, at the middle of each edge. */
export function edgeLetters(edges: SliceEdges, image: Rect, u: number): string {
  const size = edgeLetterSize(image, u);
  const inset = 0.4 * size;
  const midX = image.x + image.width / 2;
  const midY = image.y + image.height / 2;
  return [
    '<g fill="#ffffff" class="slice-orientation">',
    textElement(image.x + inset, midY, size, edges.left),
    textElement(image.x + image.width - inset, midY, size, edges.right, { anchor: 'end' }),
    textElement(midX, image.y + inset + size / 2, size, edges.top, { anchor: 'middle' }),
    textElement(midX, image.y + image.height - inset - size / 2, size, edges.bottom, { anchor: 'middle' }),
    '</g>',
  ].join('');
}

/**
 * A label's leader line (the figure's foreground colour, edged with the background's so it reads over the
 * brain), a dot on the region, and its name as text in its box.
 */
export function regionLabel(l: FigureRegionLabel, u: number, fg: string): string {
  const edge = fg === '#ffffff' ? '#000000' : '#ffffff';
  const line = (colour: string, width: number) =>
    `<line x1="${num(l.anchor[0])}" y1="${num(l.anchor[1])}" x2="${num(l.end[0])}" y2="${num(l.end[1])}" stroke="${colour}" stroke-width="${num(width)}" stroke-linecap="round"/>`;
  const x = l.align === 'start' ? l.box.x : l.align === 'end' ? l.box.x + l.box.width : l.box.x + l.box.width / 2;
  return [
    '<g class="region-label">',
    line(edge, 0.3 * u),
    line(fg, 0.12 * u),
    `<circle cx="${num(l.anchor[0])}" cy="${num(l.anchor[1])}" r="${num(0.25 * u)}" fill="${fg}" stroke="${edge}" stroke-width="${num(0.08 * u)}"/>`,
    textElement(x, l.box.y + l.box.height / 2, l.fontSize, l.text, { anchor: l.align }),
    '</g>',
  ].join('');
}
