/**
 * Text in the figure's SVG: XML escaping, numbers written short, text widths estimated without fonts (generously)
 * to shrink or shorten what would not fit, text elements, and the foreground that reads on a background colour.
 */
import type { Rect } from './figure-layout';

/** Where a text's baseline sits below the middle of its line, as a share of the font size. */
const BASELINE_DROP = 0.35;

/** Text safe inside XML content and double-quoted attributes (characters XML forbids are dropped). */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate or length as an attribute: at most 2 decimals, never '-0'. */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100 + 0);
}

/** Latin characters about half as wide as most (Arial/Noto Sans advances of about 0.2 to 0.35 em). */
export const NARROW = new Set(" !'(),-./1:;I[]`fijlrt|");

/**
 * Rough advance of a character in ems, on the generous side: CJK and other wide scripts 1, capitals, m, w and
 * symbols like % 0.8, narrow Latin 0.35, the rest (lower case, digits) 0.58.
 */
export function charWidth(ch: string): number {
  const codePoint = ch.codePointAt(0)!;
  if (codePoint >= 0x2e80) return 1;
  if (NARROW.has(ch)) return 0.35;
  if ((ch >= 'A' && ch <= 'Z') || 'mwMW%@&'.includes(ch)) return 0.8;
  return 0.58;
}

export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += charWidth(ch);
  return ems * fontSize;
}

/** The font size (at most `fontSize`, at least half of it) at which the text fits `maxWidth`. */
export function fittedFontSize(text: string, fontSize: number, maxWidth: number): number {
  const width = textWidth(text, fontSize);
  return width <= maxWidth ? fontSize : Math.max(fontSize / 2, (fontSize * maxWidth) / width);
}

/** The text, cut short with '…' where it would run past `maxWidth`. */
export function truncated(text: string, fontSize: number, maxWidth: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  let out = '';
  let width = textWidth('…', fontSize);
  for (const ch of text) {
    width += charWidth(ch) * fontSize;
    if (width > maxWidth) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

/** The x nearest to `x` at which centred text of this width stays inside the area's width. */
export function centredWithin(x: number, width: number, area: Rect): number {
  const half = Math.min(width, area.width) / 2;
  return Math.min(Math.max(x, area.x + half), area.x + area.width - half);
}

export interface TextOptions {
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
}

/** A <text> whose line is centred on y (the baseline is placed from the font size, as renderers differ on baselines). */
export function textElement(
  x: number,
  middleY: number,
  fontSize: number,
  content: string,
  opts: TextOptions = {},
): string {
  const anchor = opts.anchor && opts.anchor !== 'start' ? ` text-anchor="${opts.anchor}"` : '';
  const bold = opts.bold ? ' font-weight="bold"' : '';
  const y = middleY + BASELINE_DROP * fontSize;
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(fontSize)}"${anchor}${bold}>${escapeXml(content)}</text>`;
}

export function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Black text on light or transparent backgrounds, white on dark ones (hex, rgb()/rgba(), black/white). */
export function foregroundFor(background: string | null): string {
  if (background === null) return '#000000';
  const css = background.trim().toLowerCase();
  let rgb: number[] | null = null;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])([0-9a-f])?$/.exec(css);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/.exec(css);
  const func = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(css);
  if (short) rgb = short.slice(1, 4).map((h) => parseInt(h + h, 16));
  else if (long) rgb = long.slice(1, 4).map((h) => parseInt(h, 16));
  else if (func) rgb = func.slice(1, 4).map(Number);
  else if (css === 'black') rgb = [0, 0, 0];
  if (!rgb) return '#000000';
  const luma = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
  return luma < 0.5 ? '#ffffff' : '#000000';
}
