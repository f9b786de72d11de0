/**
 * Reads GIFTI (.gii, .gii.gz): surfaces, per-vertex maps and label tables, as typed arrays in row-major order.
 * Pure: the caller reads the file. Handles the inline encodings (ASCII, Base64Binary, GZipBase64Binary with a
 * zlib or a gzip stream), both byte orders and both indexing orders; external data files are refused. Every
 * problem is an AtlasError whose message starts with the file name and says what to do.
 */
import { swapBytes } from '../bytes';
import { decodeBase64 } from '../base64';
import { type Fail, formatMiB, gunzipWhole, inflateExact } from './compression';
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
  /** How the file stored the data (set by readGifti; the writer always uses GZipBase64Binary). */
  encoding?: GiftiEncoding;
}

export type GiftiEncoding = 'ASCII' | 'Base64Binary' | 'GZipBase64Binary';

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

/**
 * Whether a file is GIFTI by its name (.gii, .gii.gz) or its start (XML whose first 4 KiB hold a <GIFTI element), for
 * readers of other formats to say what it is. Cheap: the data is not parsed, and gzip bytes are judged by name only.
 */
export function looksLikeGifti(bytes: Uint8Array, fileName: string): boolean {
  if (/\.gii(\.gz)?$/i.test(fileName)) return true;
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<') && /<GIFTI[\s>]/i.test(head);
}

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
  return { intent, dataType, dims, data, meta: readMeta(el), encoding };
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
