/**
 * Reads GIFTI (.gii, .gii.gz): surfaces, per-vertex maps and label tables, as typed arrays in row-major order.
 * Pure: the caller reads the file. Handles the inline encodings (ASCII, Base64Binary, GZipBase64Binary with a
 * zlib or a gzip stream), both byte orders and both indexing orders; external data files are refused. Every
 * problem is an AtlasError whose message starts with the file name and says what to do.
 */
import { concatBytes, swapBytes } from '../bytes';
import { Gunzip, Unzlib } from 'fflate';
import { AtlasError, formatCount } from '../../errors';
import { childElements, firstChild, parseXml, rootElement, textOf, type XmlElement } from '../labels/xml';

export type GiftiDataType = 'NIFTI_TYPE_FLOAT32' | 'NIFTI_TYPE_INT32' | 'NIFTI_TYPE_UINT8';

export interface GiftiArray {
  /** e.g. 'NIFTI_INTENT_POINTSET', 'NIFTI_INTENT_TRIANGLE', 'NIFTI_INTENT_LABEL', 'NIFTI_INTENT_SHAPE'. */
  intent: string;
  dataType: GiftiDataType;
  /** As written (Dim0, Dim1, ...). */
  dims: number[];
  /** Always row-major, native values. */
  data: Float32Array | Int32Array | Uint8Array;
  meta: Record<string, string>;
}

/** rgba: 0..1 floats as in the file. */
export interface GiftiLabel {
  key: number;
  name: string;
  rgba: [number, number, number, number];
}

export interface GiftiFile {
  meta: Record<string, string>;
  labels: GiftiLabel[];
  arrays: GiftiArray[];
}

/** 256 MiB: far more than any surface or map of a whole cortex needs. */
export const DEFAULT_GIFTI_MAX_BYTES = 256 * 1024 ** 2;

const BYTES_PER_ELEMENT: Record<GiftiDataType, number> = {
  NIFTI_TYPE_FLOAT32: 4,
  NIFTI_TYPE_INT32: 4,
  NIFTI_TYPE_UINT8: 1,
};

export function bytesPerElement(type: GiftiDataType): number {
  return BYTES_PER_ELEMENT[type];
}

export function isGiftiDataType(s: string): s is GiftiDataType {
  return Object.hasOwn(BYTES_PER_ELEMENT, s);
}

/** The GIFTI DataTypes that exist but that this reader does not take. */
const OTHER_NIFTI_TYPES = [
  'NIFTI_TYPE_INT8',
  'NIFTI_TYPE_INT16',
  'NIFTI_TYPE_UINT16',
  'NIFTI_TYPE_UINT32',
  'NIFTI_TYPE_INT64',
  'NIFTI_TYPE_UINT64',
  'NIFTI_TYPE_FLOAT64',
  'NIFTI_TYPE_FLOAT128',
  'NIFTI_TYPE_COMPLEX64',
  'NIFTI_TYPE_COMPLEX128',
  'NIFTI_TYPE_COMPLEX256',
  'NIFTI_TYPE_RGB24',
  'NIFTI_TYPE_RGBA32',
];

/** Largest number of elements in one array: typed arrays and indices stay within int32. */
const MAX_ELEMENTS = 2 ** 31 - 1;

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reads a .gii or a gzip-compressed .gii.gz (detected by the gzip magic 1f 8b). Throws AtlasError naming fileName. */
export function readGifti(bytes: Uint8Array, fileName: string, maxBytes: number = DEFAULT_GIFTI_MAX_BYTES): GiftiFile {
  if (bytes.length === 0) throw new AtlasError('truncated', 'the file is empty', fileName);
  let xmlBytes = bytes;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    xmlBytes = gunzipWhole(bytes, fileName, maxBytes);
  } else if (bytes.length > maxBytes) {
    throw new AtlasError(
      'too-large',
      `the file is ${formatMiB(bytes.length)}, over the ${formatMiB(maxBytes)} memory limit`,
      fileName,
    );
  }
  const text = new TextDecoder('utf-8').decode(xmlBytes);
  const root = giftiRoot(text, fileName);
  const budget = { left: maxBytes };

  const meta = readMeta(root);
  const labels = readLabels(root, fileName);
  const arrayEls = childElements(root, 'dataarray');
  const declared = root.attrs.numberofdataarrays;
  if (declared !== undefined && declared.trim() !== '') {
    const n = Number(declared.trim());
    if (!Number.isInteger(n) || n < 0) {
      throw new AtlasError(
        'corrupt',
        `NumberOfDataArrays="${declared}" is not a count; the header is damaged`,
        fileName,
      );
    }
    if (n !== arrayEls.length) {
      throw new AtlasError(
        'corrupt',
        `the header says NumberOfDataArrays="${n}" but the file holds ${arrayEls.length} <DataArray> element` +
          `${arrayEls.length === 1 ? '' : 's'}; the file is damaged or was edited by hand`,
        fileName,
      );
    }
  }
  const arrays = arrayEls.map((el, i) => readArray(el, `DataArray ${i + 1} of ${arrayEls.length}`, fileName, budget));
  return { meta, labels, arrays };
}

/** The <GIFTI> root element, or AtlasError: not XML, not GIFTI, or cut off before </GIFTI>. */
function giftiRoot(text: string, fileName: string): XmlElement {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '<') {
    throw new AtlasError(
      'corrupt',
      'this is not GIFTI XML (a .gii file is an XML document with a <GIFTI> root element); ' +
        'is it a FreeSurfer binary surface, a NIfTI image or a damaged file?',
      fileName,
    );
  }
  const root = rootElement(parseXml(text));
  if (root?.name !== 'gifti') {
    throw new AtlasError(
      'corrupt',
      root
        ? `this is XML but not GIFTI: its root element is <${root.name}>, not <GIFTI>`
        : 'this is not GIFTI XML: it holds no element at all',
      fileName,
    );
  }
  if (!/<\/\s*gifti\s*>/i.test(text)) {
    throw new AtlasError(
      'truncated',
      `the file ends at byte ${formatCount(text.length)} before its closing </GIFTI> tag; ` +
        'it is truncated (an interrupted download or copy?)',
      fileName,
    );
  }
  return root;
}

function readMeta(el: XmlElement): Record<string, string> {
  const meta: Record<string, string> = {};
  const md = firstChild(el, 'metadata');
  if (!md) return meta;
  for (const entry of childElements(md, 'md')) {
    const name = firstChild(entry, 'name');
    const value = firstChild(entry, 'value');
    if (!name) continue;
    const key = textOf(name).trim();
    if (key !== '') meta[key] = value ? textOf(value).trim() : '';
  }
  return meta;
}

function readLabels(root: XmlElement, fileName: string): GiftiLabel[] {
  const table = firstChild(root, 'labeltable');
  if (!table) return [];
  const labels: GiftiLabel[] = [];
  const seen = new Set<number>();
  for (const el of childElements(table, 'label')) {
    // GIFTI 1.0 drafts called the key "Index".
    const rawKey = (el.attrs.key ?? el.attrs.index ?? '').trim();
    const key = Number(rawKey);
    if (rawKey === '' || !Number.isInteger(key) || key < -(2 ** 31) || key >= 2 ** 31) {
      throw new AtlasError(
        'corrupt',
        `the <Label> on line ${el.line} has ${rawKey === '' ? 'no Key attribute' : `Key="${rawKey}"`}; ` +
          'every label needs a whole-number Key',
        fileName,
      );
    }
    if (seen.has(key)) {
      throw new AtlasError('corrupt', `label key ${key} appears twice in the label table (line ${el.line})`, fileName);
    }
    seen.add(key);
    const colour = (attr: 'Red' | 'Green' | 'Blue' | 'Alpha', fallback: number): number => {
      const raw = el.attrs[attr.toLowerCase()];
      if (raw === undefined || raw.trim() === '') return fallback;
      const v = Number(raw.trim());
      if (!Number.isFinite(v)) {
        throw new AtlasError(
          'corrupt',
          `the <Label> with Key="${key}" on line ${el.line} has ${attr}="${raw}", which is not a number`,
          fileName,
        );
      }
      return v;
    };
    labels.push({
      key,
      name: textOf(el).trim(),
      rgba: [colour('Red', 0), colour('Green', 0), colour('Blue', 0), colour('Alpha', 1)],
    });
  }
  return labels;
}

type Fail = (code: 'corrupt' | 'truncated' | 'unsupported' | 'too-large', msg: string) => never;

interface Budget {
  left: number;
}

function readArray(el: XmlElement, where: string, fileName: string, budget: Budget): GiftiArray {
  const intent = (el.attrs.intent ?? '').trim() || 'NIFTI_INTENT_NONE';
  const at = `${where} (${intent}, line ${el.line})`;
  const fail: Fail = (code, msg) => {
    throw new AtlasError(code, `${at}: ${msg}`, fileName);
  };

  const dataType = (el.attrs.datatype ?? '').trim();
  if (dataType === '') fail('corrupt', 'the DataType attribute is missing');
  if (!isGiftiDataType(dataType)) {
    const known = OTHER_NIFTI_TYPES.includes(dataType);
    return fail(
      'unsupported',
      `${known ? 'data type' : 'unknown data type'} ${dataType} is not supported; this reader takes ` +
        'NIFTI_TYPE_FLOAT32, NIFTI_TYPE_INT32 and NIFTI_TYPE_UINT8 (convert the file, e.g. with nibabel)',
    );
  }

  const dims = readDims(el, fail);
  const count = dims.reduce((a, b) => a * b, 1);
  if (count > MAX_ELEMENTS) fail('corrupt', `the dimensions ${dims.join('×')} are absurd; the header is damaged`);
  const bpe = BYTES_PER_ELEMENT[dataType];
  const byteLength = count * bpe;
  if (byteLength > budget.left) {
    fail(
      'too-large',
      `the dimensions ${dims.join('×')} ${dataType} need ${formatMiB(byteLength)}, ` +
        `which would pass the ${formatMiB(budget.left)} memory still allowed`,
    );
  }
  budget.left -= byteLength;

  const encoding = (el.attrs.encoding ?? '').trim();
  const externalName = (el.attrs.externalfilename ?? '').trim();
  if (encoding === 'ExternalFileBinary') {
    fail(
      'unsupported',
      `the data is stored in an external file${externalName ? ` ("${externalName}")` : ''}, which is not supported; ` +
        'convert it to a self-contained GIFTI (e.g. wb_command -gifti-convert GZIP_BASE64_BINARY in.gii out.gii)',
    );
  }
  if (encoding !== 'ASCII' && encoding !== 'Base64Binary' && encoding !== 'GZipBase64Binary') {
    fail(
      encoding === '' ? 'corrupt' : 'unsupported',
      encoding === ''
        ? 'the Encoding attribute is missing'
        : `encoding "${encoding}" is not one of ASCII, Base64Binary, GZipBase64Binary`,
    );
  }
  const endian = (el.attrs.endian ?? '').trim() || 'LittleEndian';
  if (endian !== 'LittleEndian' && endian !== 'BigEndian') {
    fail('corrupt', `Endian="${endian}" is neither LittleEndian nor BigEndian`);
  }
  const order = (el.attrs.arrayindexingorder ?? '').trim() || 'RowMajorOrder';
  if (order !== 'RowMajorOrder' && order !== 'ColumnMajorOrder') {
    fail('corrupt', `ArrayIndexingOrder="${order}" is neither RowMajorOrder nor ColumnMajorOrder`);
  }

  const dataEl = firstChild(el, 'data');
  const text = dataEl ? textOf(dataEl) : '';
  if (!dataEl && count > 0) fail('corrupt', `the <Data> element is missing (expected ${dims.join('×')} values)`);

  let data: Float32Array | Int32Array | Uint8Array;
  if (count === 0) {
    // An empty array: whatever <Data> holds (nothing, or an empty compressed stream) does not matter.
    data = newArray(dataType, 0);
  } else if (encoding === 'ASCII') {
    data = parseAscii(text, dataType, count, fail);
  } else {
    const packed = decodeBase64(text, (code, msg) =>
      fail(code, `the base64 text ${msg}; the data is ${code === 'truncated' ? 'cut short' : 'damaged'}`),
    );
    // Both give a fresh array at offset 0, so the typed views below are aligned.
    const raw = encoding === 'GZipBase64Binary' ? inflateExact(packed, byteLength, fail) : packed;
    checkLength(raw.length, byteLength, dims, dataType, encoding === 'GZipBase64Binary', fail);
    if (bpe > 1 && (endian === 'LittleEndian') !== HOST_LITTLE_ENDIAN) swapBytes(raw, bpe);
    data =
      dataType === 'NIFTI_TYPE_FLOAT32'
        ? new Float32Array(raw.buffer, raw.byteOffset, count)
        : dataType === 'NIFTI_TYPE_INT32'
          ? new Int32Array(raw.buffer, raw.byteOffset, count)
          : raw;
  }
  if (order === 'ColumnMajorOrder' && dims.filter((d) => d > 1).length > 1) data = toRowMajor(data, dims);
  return { intent, dataType, dims, data, meta: readMeta(el) };
}

function readDims(el: XmlElement, fail: Fail): number[] {
  const rawDimensionality = (el.attrs.dimensionality ?? '').trim();
  let n: number;
  if (rawDimensionality !== '') {
    n = Number(rawDimensionality);
    if (!Number.isInteger(n) || n < 1 || n > 6) {
      fail('corrupt', `Dimensionality="${rawDimensionality}" is absurd (GIFTI arrays have 1 to 6 dimensions)`);
    }
  } else {
    n = 0;
    while (n < 6 && el.attrs[`dim${n}`] !== undefined) n++;
  }
  if (el.attrs.dim0 === undefined) fail('corrupt', 'the Dim0 attribute is missing, so the array has no size');
  const dims: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = el.attrs[`dim${i}`];
    if (raw === undefined) fail('corrupt', `Dimensionality="${n}" but the Dim${i} attribute is missing`);
    const t = raw.trim();
    const v = Number(t);
    if (!/^\+?\d+$/.test(t) || v > MAX_ELEMENTS) {
      fail('corrupt', `Dim${i}="${raw}" is absurd (a dimension is a whole number from 0 to 2 147 483 647)`);
    }
    dims.push(v);
  }
  return dims;
}

function checkLength(
  got: number,
  want: number,
  dims: number[],
  dataType: GiftiDataType,
  compressed: boolean,
  fail: Fail,
): void {
  if (got === want) return;
  const what = `${dims.map((d, i) => `Dim${i}=${d}`).join(' × ')} ${dataType} needs ${formatCount(want)} bytes`;
  // A compressed stream is inflated only one byte past what is needed, so its full length is not known.
  const amount = compressed && got > want ? `more than ${formatCount(want)}` : formatCount(got);
  const has = `the ${compressed ? 'decompressed ' : ''}data holds ${amount}`;
  fail(
    got < want ? 'truncated' : 'corrupt',
    `${what} but ${has}; the data is ${got < want ? 'cut short' : 'damaged'} or the dimensions are wrong`,
  );
}

function parseAscii(
  text: string,
  dataType: GiftiDataType,
  count: number,
  fail: Fail,
): Float32Array | Int32Array | Uint8Array {
  const tokens = text.trim() === '' ? [] : text.trim().split(/\s+/);
  if (tokens.length !== count) {
    fail(
      tokens.length < count ? 'truncated' : 'corrupt',
      `the dimensions say ${formatCount(count)} values but the ASCII data holds ${formatCount(tokens.length)}`,
    );
  }
  const isFloat = dataType === 'NIFTI_TYPE_FLOAT32';
  const out = newArray(dataType, count);
  const [lo, hi] = dataType === 'NIFTI_TYPE_INT32' ? [-(2 ** 31), 2 ** 31 - 1] : [0, 255];
  for (let i = 0; i < count; i++) {
    const t = tokens[i];
    let v = Number(t);
    if (Number.isNaN(v) && isFloat) {
      if (/^[+-]?nan$/i.test(t)) v = Number.NaN;
      else if (/^\+?inf(inity)?$/i.test(t)) v = Number.POSITIVE_INFINITY;
      else if (/^-inf(inity)?$/i.test(t)) v = Number.NEGATIVE_INFINITY;
      else fail('corrupt', `ASCII value ${i + 1} ("${t.slice(0, 40)}") is not a number`);
    } else if (Number.isNaN(v) || (!isFloat && (!Number.isInteger(v) || v < lo || v > hi))) {
      fail('corrupt', `ASCII value ${i + 1} ("${t.slice(0, 40)}") is not a ${dataType} value`);
    }
    out[i] = v;
  }
  return out;
}

function newArray(dataType: GiftiDataType, n: number): Float32Array | Int32Array | Uint8Array {
  if (dataType === 'NIFTI_TYPE_FLOAT32') return new Float32Array(n);
  return dataType === 'NIFTI_TYPE_INT32' ? new Int32Array(n) : new Uint8Array(n);
}

/** Reorders a column-major array (first index fastest) into row-major (last index fastest). */
function toRowMajor<T extends Float32Array | Int32Array | Uint8Array>(src: T, dims: number[]): T {
  const out = new (src.constructor as new (n: number) => T)(src.length);
  if (dims.length === 2) {
    const [rows, cols] = dims;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = src[c * rows + r];
    return out;
  }
  const n = dims.length;
  const colStride = new Array<number>(n);
  colStride[0] = 1;
  for (let k = 1; k < n; k++) colStride[k] = colStride[k - 1] * dims[k - 1];
  const idx = new Array<number>(n).fill(0);
  for (let i = 0; i < src.length; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += idx[k] * colStride[k];
    out[i] = src[s];
    for (let k = n - 1; k >= 0; k--) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Base64

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = (() => {
  const t = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  for (const ws of [9, 10, 12, 13, 32]) t[ws] = -2;
  t[61] = -3; // '='
  return t;
})();

/**
 * Decodes standard base64 (whitespace ignored, padding optional) into a fresh array. `fail` receives a code and a
 * phrase ("has an invalid character …") and must throw.
 */
export function decodeBase64(text: string, fail: (code: 'corrupt' | 'truncated', msg: string) => never): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let chars = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 256 ? B64_VALUE[code] : -1;
    if (v >= 0) {
      if (pads > 0) fail('corrupt', `has data after its '=' padding at character ${formatCount(i + 1)}`);
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      chars++;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    } else if (v === -3) {
      pads++;
    } else if (v === -1) {
      const shown = code < 32 || code > 126 ? `U+${code.toString(16).padStart(4, '0').toUpperCase()}` : text[i];
      fail('corrupt', `has an invalid character '${shown}' at character ${formatCount(i + 1)}`);
    }
  }
  if (chars % 4 === 1) fail('truncated', `ends in the middle of a byte (${formatCount(chars)} base64 characters)`);
  if (pads > 0 && ((chars + pads) % 4 !== 0 || pads > 2)) {
    fail('corrupt', `has ${pads} '=' padding characters after ${formatCount(chars)} characters, which is not valid`);
  }
  return o === out.length ? out : out.slice(0, o);
}

/** Standard base64 with '=' padding, one line. */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const enc = new Uint8Array(64);
  for (let i = 0; i < 64; i++) enc[i] = B64.charCodeAt(i);
  let o = 0;
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = enc[n >> 18];
    out[o++] = enc[(n >> 12) & 63];
    out[o++] = enc[(n >> 6) & 63];
    out[o++] = enc[n & 63];
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole] << 16) | (rest === 2 ? bytes[whole + 1] << 8 : 0);
    out[o++] = enc[n >> 18];
    out[o++] = enc[(n >> 12) & 63];
    out[o++] = rest === 2 ? enc[(n >> 6) & 63] : 61;
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Compression

/** Thrown from a stream's callback to stop inflating once there is enough. */
class Enough extends Error {}

/** Small steps so that a compressed bomb cannot inflate far past the limit before the callback stops it. */
const INFLATE_STEP = 64 * 1024;

function pushAll(stream: Gunzip | Unzlib, src: Uint8Array): void {
  try {
    for (let off = 0; off < src.length; off += INFLATE_STEP) {
      stream.push(src.subarray(off, Math.min(src.length, off + INFLATE_STEP)), off + INFLATE_STEP >= src.length);
    }
  } catch (e) {
    if (!(e instanceof Enough)) throw e;
  }
}

function isZlibHeader(b: Uint8Array): boolean {
  return b.length >= 2 && (b[0] & 0x0f) === 8 && b[0] >> 4 <= 7 && ((b[0] << 8) | b[1]) % 31 === 0;
}

function inflateMessage(e: unknown): { truncated: boolean; msg: string } {
  const msg = e instanceof Error ? e.message : String(e);
  return { truncated: (e as { code?: unknown })?.code === 0 || /unexpected EOF/i.test(msg), msg };
}

/**
 * Inflates a GZipBase64Binary payload (a zlib stream per the GIFTI spec; some writers produce gzip) into exactly
 * `want` bytes; returns fewer when the stream is shorter, one more when it is longer.
 */
function inflateExact(src: Uint8Array, want: number, fail: Fail): Uint8Array {
  const gzip = src.length >= 2 && src[0] === 0x1f && src[1] === 0x8b;
  if (!gzip && !isZlibHeader(src)) {
    if (src.length < 2) fail('truncated', 'the compressed data is empty or cut short');
    fail('corrupt', 'the GZipBase64Binary data is neither a zlib nor a gzip stream; the data is damaged');
  }
  if (src.length < (gzip ? 18 : 6)) {
    fail('truncated', `the compressed data ends early (${src.length} bytes); the data is cut short`);
  }
  const out = new Uint8Array(want);
  let got = 0;
  let more = false;
  const onData = (chunk: Uint8Array) => {
    const n = Math.min(chunk.length, want - got);
    out.set(n === chunk.length ? chunk : chunk.subarray(0, n), got);
    got += n;
    if (n < chunk.length) {
      more = true;
      throw new Enough();
    }
  };
  try {
    pushAll(gzip ? new Gunzip(onData) : new Unzlib(onData), src);
  } catch (e) {
    const { truncated, msg } = inflateMessage(e);
    if (truncated) {
      fail(
        'truncated',
        `the ${gzip ? 'gzip' : 'zlib'} stream ends early after ${formatCount(src.length)} compressed bytes; ` +
          'the data is cut short',
      );
    }
    fail('corrupt', `the ${gzip ? 'gzip' : 'zlib'} data is corrupt (${msg}); the data is damaged`);
  }
  if (more) {
    const longer = new Uint8Array(want + 1);
    longer.set(out);
    return longer;
  }
  return got === want ? out : out.subarray(0, got);
}

/** Gunzips a whole .gii.gz, refusing more than maxBytes of output. */
function gunzipWhole(gz: Uint8Array, fileName: string, maxBytes: number): Uint8Array {
  if (gz.length < 18) {
    throw new AtlasError(
      'truncated',
      `gzip stream ends early at byte ${formatCount(gz.length)}; the file is truncated`,
      fileName,
    );
  }
  const parts: Uint8Array[] = [];
  let got = 0;
  let tooLarge = false;
  const stream = new Gunzip((chunk) => {
    got += chunk.length;
    if (got > maxBytes) {
      tooLarge = true;
      throw new Enough();
    }
    parts.push(chunk);
  });
  try {
    pushAll(stream, gz);
  } catch (e) {
    const { truncated, msg } = inflateMessage(e);
    if (truncated) {
      throw new AtlasError(
        'truncated',
        `gzip stream ends early at byte ${formatCount(gz.length)}; ` +
          'the file is truncated (an interrupted download or copy?)',
        fileName,
      );
    }
    throw new AtlasError('corrupt', `gzip data is corrupt (${msg}); the file is damaged`, fileName);
  }
  if (tooLarge) {
    throw new AtlasError(
      'too-large',
      `the file decompresses to more than the ${formatMiB(maxBytes)} memory limit`,
      fileName,
    );
  }
  return concatBytes(parts);
}

function formatMiB(bytes: number): string {
  const mib = bytes / 1024 ** 2;
  return `${mib >= 10 ? Math.round(mib) : mib.toFixed(1)} MiB`;
}
