/**
 * Coordinate atlases (Power 264, Dosenbach 160, Seitzman 300, Schaefer centroids, Tian centres of gravity):
 * tables of MNI points with optional name, network and radius, read by content.
 */
import type { Vec3 } from '../types';
import { AtlasError } from '../errors';
import { decodeText, splitLines } from './text';

export interface CoordinateRoi {
  /** 1-based ROI number (the index column when there is one, else the row). */
  value: number;
  name: string | null;
  network: string | null;
  center: Vec3;
  /** Sphere radius in mm when the table gives one. */
  radiusMm: number | null;
}

const X = ['x', 'r', 'mni_x', 'x_mni', 'x(mm)'];
const Y = ['y', 'a', 'mni_y', 'y_mni', 'y(mm)'];
const Z = ['z', 's', 'mni_z', 'z_mni', 'z(mm)'];
const INDEX = ['roi', 'roi label', 'number', 'index', 'id', 'label', 'node', 'value'];
const NAME = ['name', 'roi name', 'region', 'label_name', 'anatomy'];
const NETWORK = ['network', 'netname', 'net', 'system'];
const RADIUS = ['radius', 'radius(mm)', 'radius_mm'];

function splitRow(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((s) => s.trim());
  if (line.includes(',')) return line.split(',').map(unquote);
  return line.trim().split(/\s+/);
}

/** A comma-separated cell, trimmed and without the double quotes around it. */
function unquote(cell: string): string {
  const s = cell.trim();
  // Only a cell that starts and ends with a quote can match (most cells are numbers: no regex for them).
  return s.length >= 2 && s.charCodeAt(0) === 0x22 && s.charCodeAt(s.length - 1) === 0x22
    ? s.replace(/^"(.*)"$/, '$1')
    : s;
}

const isNumber = (s: string | undefined) => s !== undefined && s !== '' && Number.isFinite(Number(s));
/** The number in a cell, or NaN when the cell is not one (isNumber as a value, converting once). */
const numberIn = (s: string | undefined) => (s === undefined || s === '' ? Number.NaN : Number(s));

export function parseCoordinates(bytes: Uint8Array, fileName: string): CoordinateRoi[] {
  const lines = splitLines(decodeText(bytes, fileName).text).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0) throw new AtlasError('invalid-argument', 'the coordinates table is empty', fileName);
  const first = splitRow(lines[0]);
  const hasHeader = !first.every(isNumber);
  const header = hasHeader ? first.map((h) => h.toLowerCase()) : [];
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  let xi = col(X),
    yi = col(Y),
    zi = col(Z);
  const idx = col(INDEX),
    ni = col(NAME),
    neti = col(NETWORK),
    ri = col(RADIUS);
  if (!hasHeader) {
    if (first.length === 3) [xi, yi, zi] = [0, 1, 2];
    else if (first.length >= 4) [xi, yi, zi] = [1, 2, 3];
  }
  if (xi < 0 || yi < 0 || zi < 0) {
    throw new AtlasError(
      'unsupported',
      'not a coordinates table: expected x, y and z columns (or three numbers per line)',
      fileName,
    );
  }
  const rows: CoordinateRoi[] = [];
  const body = hasHeader ? lines.slice(1) : lines;
  body.forEach((line, r) => {
    const cells = splitRow(line);
    const center: Vec3 = [numberIn(cells[xi]), numberIn(cells[yi]), numberIn(cells[zi])];
    if (!Number.isFinite(center[0]) || !Number.isFinite(center[1]) || !Number.isFinite(center[2])) {
      throw new AtlasError(
        'corrupt',
        `line ${r + (hasHeader ? 2 : 1)}: "${line.slice(0, 60)}" does not hold three numbers for x, y and z`,
        fileName,
      );
    }
    const indexCell = idx >= 0 ? cells[idx] : !hasHeader && first.length >= 4 ? cells[0] : undefined;
    rows.push({
      value: isNumber(indexCell) ? Number(indexCell) : r + 1,
      name: ni >= 0 && cells[ni] ? cells[ni] : null,
      network: neti >= 0 && cells[neti] ? cells[neti] : null,
      center,
      radiusMm: ri >= 0 && isNumber(cells[ri]) ? Number(cells[ri]) : null,
    });
  });
  return rows;
}

/** The ROI whose sphere contains the point (nearest centre wins), or null. */
export function roiAt(rois: CoordinateRoi[], p: Vec3, defaultRadiusMm: number): CoordinateRoi | null {
  let best: CoordinateRoi | null = null;
  let bestD = Infinity;
  for (const roi of rois) {
    const d = Math.hypot(roi.center[0] - p[0], roi.center[1] - p[1], roi.center[2] - p[2]);
    if (d <= (roi.radiusMm ?? defaultRadiusMm) && d < bestD) {
      best = roi;
      bestD = d;
    }
  }
  return best;
}
