/**
 * The print resolution of a PNG: writes a pHYs chunk (pixels per metre, unit 1 = metre) so that a figure exported
 * at, say, 300 dpi opens in Word, Illustrator or a journal's checker at its intended physical size; and reads the
 * size and resolution back. Works on the bytes only: no image decoding, every other chunk is copied unchanged.
 */
import { AtlasError } from '../errors';
import { crc32 } from './crc32';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const METRES_PER_INCH = 0.0254;
const MAX_DPI = 100000;

/** Where one chunk lies in the file: [start, end) covers length, type, data and CRC. */
interface ChunkSpan {
  type: string;
  start: number;
  end: number;
  dataStart: number;
  dataLength: number;
}

function assertPng(png: Uint8Array): void {
  if (!(png instanceof Uint8Array) || png.length < SIGNATURE.length || SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new AtlasError('invalid-argument', 'these bytes are not a PNG image (the PNG signature is missing)');
  }
}

/** The chunks up to and including IEND (or the end of the bytes); anything after IEND is not listed. */
function listChunks(png: Uint8Array): ChunkSpan[] {
  assertPng(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: ChunkSpan[] = [];
  let at = SIGNATURE.length;
  while (at < png.length) {
    if (at + 12 > png.length) throw new AtlasError('truncated', `the PNG ends inside a chunk header at byte ${at}`);
    const dataLength = view.getUint32(at);
    const type = String.fromCharCode(png[at + 4], png[at + 5], png[at + 6], png[at + 7]);
    const end = at + 12 + dataLength;
    if (end > png.length) throw new AtlasError('truncated', `the PNG ends inside its ${type} chunk at byte ${at}`);
    chunks.push({ type, start: at, end, dataStart: at + 8, dataLength });
    at = end;
    if (type === 'IEND') break;
  }
  const ihdr = chunks[0];
  if (ihdr?.type !== 'IHDR' || ihdr.dataLength !== 13) {
    throw new AtlasError('corrupt', 'the PNG does not start with a 13-byte IHDR chunk');
  }
  return chunks;
}

/** A complete pHYs chunk (length, type, data, CRC) for the resolution, the same on both axes. */
function physChunk(dpi: number): Uint8Array {
  const pixelsPerMetre = Math.round(dpi / METRES_PER_INCH);
  const chunk = new Uint8Array(12 + 9);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, 9);
  chunk.set([0x70, 0x48, 0x59, 0x73], 4); // 'pHYs'
  view.setUint32(8, pixelsPerMetre);
  view.setUint32(12, pixelsPerMetre);
  chunk[16] = 1; // unit: metre
  view.setUint32(17, crc32(chunk.subarray(4, 17)));
  return chunk;
}

/**
 * A copy of the PNG that declares `dpi` dots per inch: a pHYs chunk right after IHDR (any pHYs already there is
 * dropped), pixels per metre = round(dpi / 0.0254) on both axes.
 */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  assertPng(png);
  if (typeof dpi !== 'number' || !Number.isFinite(dpi) || dpi < 1 || dpi > MAX_DPI) {
    throw new AtlasError(
      'invalid-argument',
      `the resolution must be a number from 1 to ${MAX_DPI} dpi, not ${String(dpi)}`,
    );
  }
  const chunks = listChunks(png);
  const phys = physChunk(dpi);
  const kept = chunks.slice(1).filter((c) => c.type !== 'pHYs');
  const tailStart = chunks[chunks.length - 1].end;
  const ihdrEnd = chunks[0].end;
  const size = ihdrEnd + phys.length + kept.reduce((sum, c) => sum + (c.end - c.start), 0) + (png.length - tailStart);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(phys, ihdrEnd);
  let at = ihdrEnd + phys.length;
  for (const c of kept) {
    out.set(png.subarray(c.start, c.end), at);
    at += c.end - c.start;
  }
  out.set(png.subarray(tailStart), at);
  return out;
}

/** Width and height from IHDR, and dots per inch from pHYs (2 decimals; null without pHYs or in unknown units). */
export function readPngInfo(png: Uint8Array): { width: number; height: number; dpi: number | null } {
  const chunks = listChunks(png);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdr = chunks[0];
  const width = view.getUint32(ihdr.dataStart);
  const height = view.getUint32(ihdr.dataStart + 4);
  const phys = chunks.find((c) => c.type === 'pHYs' && c.dataLength === 9);
  let dpi: number | null = null;
  if (phys && png[phys.dataStart + 8] === 1) {
    dpi = Math.round(view.getUint32(phys.dataStart) * METRES_PER_INCH * 100) / 100;
  }
  return { width, height, dpi };
}
