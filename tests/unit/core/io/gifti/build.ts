/** Builds small GIFTI documents in code for the GIFTI reader, writer and accessor tests. */
import { gzipSync, zlibSync } from 'fflate';
import { expect } from 'vitest';
import { AtlasError } from '../../../../../core/errors';

export type Encoding = 'ASCII' | 'Base64Binary' | 'GZipBase64Binary' | 'GZipBase64Binary-gzip';

export interface ArraySpec {
  intent: string;
  dataType: string;
  dims: number[];
  values: number[];
  encoding?: Encoding;
  bigEndian?: boolean;
  columnMajor?: boolean;
  /** Replaces the encoded <Data> text. */
  dataText?: string;
  /** Extra or replacement attributes, written as given (name -> value; null drops the attribute). */
  attrs?: Record<string, string | null>;
  meta?: Record<string, string>;
}

/** A tetrahedron whose vertex 3 is (0.5, -2.25, 10.125). */
export const TETRA_POSITIONS = [0, 0, 0, 1, 0, 0, 0, 1, 0, 0.5, -2.25, 10.125];
export const TETRA_TRIANGLES = [0, 1, 2, 0, 1, 3, 0, 2, 3, 1, 2, 3];

/** Row-major values reordered column-major (first index fastest), for a 2-D array. */
export function columnMajor(values: number[], dims: number[]): number[] {
  const [rows, cols] = dims;
  const out: number[] = [];
  for (let c = 0; c < cols; c++) for (let r = 0; r < rows; r++) out.push(values[r * cols + c]);
  return out;
}

/** The raw bytes of values in the given type and byte order. */
export function rawBytes(values: number[], dataType: string, bigEndian = false): Uint8Array {
  const size = dataType === 'NIFTI_TYPE_UINT8' ? 1 : dataType === 'NIFTI_TYPE_FLOAT64' ? 8 : 4;
  const buf = new Uint8Array(values.length * size);
  const dv = new DataView(buf.buffer);
  values.forEach((v, i) => {
    if (dataType === 'NIFTI_TYPE_FLOAT32') dv.setFloat32(i * 4, v, !bigEndian);
    else if (dataType === 'NIFTI_TYPE_INT32') dv.setInt32(i * 4, v, !bigEndian);
    else if (dataType === 'NIFTI_TYPE_FLOAT64') dv.setFloat64(i * 8, v, !bigEndian);
    else dv.setUint8(i, v);
  });
  return buf;
}

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function encodeData(spec: ArraySpec): string {
  const encoding = spec.encoding ?? 'GZipBase64Binary';
  const values = spec.columnMajor ? columnMajor(spec.values, spec.dims) : spec.values;
  if (encoding === 'ASCII') return values.join(' ');
  const raw = rawBytes(values, spec.dataType, spec.bigEndian);
  if (encoding === 'Base64Binary') return b64(raw);
  return b64(encoding === 'GZipBase64Binary' ? zlibSync(raw) : gzipSync(raw));
}

function metaXml(meta: Record<string, string> | undefined, indent: string): string {
  if (!meta) return `${indent}<MetaData/>`;
  const mds = Object.entries(meta).map(
    ([k, v]) =>
      `${indent}  <MD>\n${indent}    <Name><![CDATA[${k}]]></Name>\n` +
      `${indent}    <Value><![CDATA[${v}]]></Value>\n${indent}  </MD>`,
  );
  return `${indent}<MetaData>\n${mds.join('\n')}\n${indent}</MetaData>`;
}

export function arrayXml(spec: ArraySpec): string {
  const encoding =
    spec.encoding === 'GZipBase64Binary-gzip' ? 'GZipBase64Binary' : (spec.encoding ?? 'GZipBase64Binary');
  const attrs: Record<string, string | null> = {
    Intent: spec.intent,
    DataType: spec.dataType,
    ArrayIndexingOrder: spec.columnMajor ? 'ColumnMajorOrder' : 'RowMajorOrder',
    Dimensionality: String(spec.dims.length),
    ...Object.fromEntries(spec.dims.map((d, i) => [`Dim${i}`, String(d)])),
    Encoding: encoding,
    Endian: spec.bigEndian ? 'BigEndian' : 'LittleEndian',
    ExternalFileName: '',
    ExternalFileOffset: '',
    ...spec.attrs,
  };
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}="${v}"`)
    .join('\n              ');
  const data = spec.dataText ?? encodeData(spec);
  return `  <DataArray ${attrText}>\n${metaXml(spec.meta, '    ')}\n    <Data>${data}</Data>\n  </DataArray>`;
}

export interface DocSpec {
  arrays: ArraySpec[];
  meta?: Record<string, string>;
  /** The <LabelTable> body (Label elements), or undefined for <LabelTable/>. */
  labels?: string;
  /** NumberOfDataArrays as written; null leaves it out; default the real count. */
  declared?: number | null;
}

export function giftiXml(doc: DocSpec): string {
  const declared = doc.declared === undefined ? doc.arrays.length : doc.declared;
  const head = declared === null ? '<GIFTI Version="1.0">' : `<GIFTI Version="1.0"  NumberOfDataArrays="${declared}">`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE GIFTI SYSTEM "http://gifti.projects.nitrc.org/gifti.dtd">',
    head,
    metaXml(doc.meta, '  '),
    doc.labels === undefined ? '  <LabelTable/>' : `  <LabelTable>\n${doc.labels}\n  </LabelTable>`,
    ...doc.arrays.map(arrayXml),
    '</GIFTI>',
    '',
  ].join('\n');
}

export function giftiBytes(doc: DocSpec): Uint8Array {
  return new TextEncoder().encode(giftiXml(doc));
}

export function tetraDoc(encoding: Encoding, extra: Partial<ArraySpec> = {}): DocSpec {
  return {
    meta: { UserName: 'tester' },
    arrays: [
      {
        intent: 'NIFTI_INTENT_POINTSET',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [4, 3],
        values: TETRA_POSITIONS,
        encoding,
        meta: { AnatomicalStructurePrimary: 'CortexLeft' },
        ...extra,
      },
      {
        intent: 'NIFTI_INTENT_TRIANGLE',
        dataType: 'NIFTI_TYPE_INT32',
        dims: [4, 3],
        values: TETRA_TRIANGLES,
        encoding,
        ...extra,
      },
    ],
  };
}

/** Runs `fn` and checks it throws an AtlasError of `code` whose message names `file` first and matches `pattern`. */
export function expectFileError(file: string, fn: () => unknown, code: string, pattern: RegExp): AtlasError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    const err = e as AtlasError;
    expect(err.code).toBe(code);
    expect(err.message.startsWith(`${file}: `)).toBe(true);
    expect(err.message).toMatch(pattern);
    return err;
  }
  throw new Error('expected an error');
}
