/** Coordinates typed by a person: "-44,14,8", "-44 14 8", "(-44, 14, 8)", "[-44; 14; 8]", "x=-44 y=14 z=8". */
import type { Vec3 } from '../types';

export type ParsedCoordinate = { ok: true; point: Vec3 } | { ok: false; message: string };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function parseCoordinateText(text: string): ParsedCoordinate {
  const cleaned = text
    .replace(/[−–]/g, '-') // typographic minus and en dash, as pasted from papers
    .replace(/\b[xyz]\s*[:=]\s*/gi, ' ')
    .replace(/mm\b/gi, ' ')
    .replace(/[()[\]{}]/g, ' ');
  const parts = cleaned.split(/[\s,;/]+/).filter(Boolean);
  if (parts.length === 0) return { ok: false, message: 'Type three numbers in MNI mm, for example -44, 14, 8.' };
  const bad = parts.find((p) => !NUMBER.test(p));
  if (bad !== undefined)
    return { ok: false, message: `"${bad}" is not a number; type x, y and z in MNI mm, for example -44, 14, 8.` };
  if (parts.length !== 3) {
    return { ok: false, message: `Expected three numbers (x, y, z) but got ${parts.length}; for example -44, 14, 8.` };
  }
  const point = parts.map(Number) as Vec3;
  if (point.some((v) => Math.abs(v) > 1000))
    return { ok: false, message: 'Coordinates are in mm; each must lie within ±1000.' };
  return { ok: true, point };
}
