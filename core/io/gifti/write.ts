/**
 * Writes a GiftiFile as GIFTI 1.0 XML: every array GZipBase64Binary (a zlib stream, as the spec says),
 * LittleEndian, RowMajorOrder; metadata and label names as CDATA. Checks the arrays first, so it never writes a
 * file that readGifti would refuse.
 */
import { swapBytes } from '../bytes';
import { zlibSync } from 'fflate';
import { AtlasError } from '../../errors';
import { encodeBase64 } from '../base64';
import { type GiftiArray, type GiftiFile, isGiftiDataType } from './gifti';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Serialises as GIFTI 1.0 XML, each array GZipBase64Binary, LittleEndian, RowMajorOrder; returns UTF-8 bytes. */
export function writeGifti(file: GiftiFile): Uint8Array {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE GIFTI SYSTEM "http://gifti.projects.nitrc.org/gifti.dtd">',
    `<GIFTI Version="1.0" NumberOfDataArrays="${file.arrays.length}">`,
  ];
  writeMeta(out, file.meta, '  ');
  if (file.labels.length === 0) out.push('  <LabelTable/>');
  else {
    out.push('  <LabelTable>');
    const seen = new Set<number>();
    for (const l of file.labels) {
      if (!Number.isInteger(l.key) || l.key < -(2 ** 31) || l.key >= 2 ** 31 || seen.has(l.key)) {
        throw new AtlasError('invalid-argument', `label key ${l.key} is not a whole number or is used twice`);
      }
      seen.add(l.key);
      if (l.rgba.length !== 4 || !l.rgba.every(Number.isFinite)) {
        throw new AtlasError('invalid-argument', `label ${l.key} ("${l.name}") needs four finite colour components`);
      }
      const [r, g, b, a] = l.rgba;
      out.push(`    <Label Key="${l.key}" Red="${r}" Green="${g}" Blue="${b}" Alpha="${a}">${cdata(l.name)}</Label>`);
    }
    out.push('  </LabelTable>');
  }
  file.arrays.forEach((a, i) => writeArray(out, a, i));
  out.push('</GIFTI>', '');
  return new TextEncoder().encode(out.join('\n'));
}

function writeArray(out: string[], a: GiftiArray, index: number): void {
  const where = `array ${index} (${a.intent})`;
  if (!isGiftiDataType(a.dataType)) {
    throw new AtlasError('invalid-argument', `${where} has data type ${a.dataType}, which cannot be written`);
  }
  const typeOk =
    (a.dataType === 'NIFTI_TYPE_FLOAT32' && a.data instanceof Float32Array) ||
    (a.dataType === 'NIFTI_TYPE_INT32' && a.data instanceof Int32Array) ||
    (a.dataType === 'NIFTI_TYPE_UINT8' && a.data instanceof Uint8Array);
  if (!typeOk) {
    throw new AtlasError('invalid-argument', `${where} says ${a.dataType} but holds ${a.data.constructor.name} data`);
  }
  if (a.dims.length < 1 || a.dims.length > 6 || !a.dims.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new AtlasError('invalid-argument', `${where} has dimensions [${a.dims.join(', ')}], which are not valid`);
  }
  const count = a.dims.reduce((x, y) => x * y, 1);
  if (count !== a.data.length) {
    throw new AtlasError(
      'invalid-argument',
      `${where} has dimensions ${a.dims.join('×')} (${count} values) but holds ${a.data.length} values`,
    );
  }
  const intent = a.intent.trim() || 'NIFTI_INTENT_NONE';
  let bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  if (!HOST_LITTLE_ENDIAN && a.data.BYTES_PER_ELEMENT > 1) {
    bytes = bytes.slice();
    swapBytes(bytes, a.data.BYTES_PER_ELEMENT);
  }
  const attrs = [
    `Intent="${escapeAttr(intent)}"`,
    `DataType="${a.dataType}"`,
    'ArrayIndexingOrder="RowMajorOrder"',
    `Dimensionality="${a.dims.length}"`,
    ...a.dims.map((d, i) => `Dim${i}="${d}"`),
    'Encoding="GZipBase64Binary"',
    'Endian="LittleEndian"',
    'ExternalFileName=""',
    'ExternalFileOffset=""',
  ];
  out.push(`  <DataArray ${attrs.join('\n             ')}>`);
  writeMeta(out, a.meta, '    ');
  out.push(`    <Data>${encodeBase64(zlibSync(bytes, { level: 6 }))}</Data>`, '  </DataArray>');
}

function writeMeta(out: string[], meta: Record<string, string>, indent: string): void {
  const entries = Object.entries(meta);
  if (entries.length === 0) {
    out.push(`${indent}<MetaData/>`);
    return;
  }
  out.push(`${indent}<MetaData>`);
  for (const [name, value] of entries) {
    out.push(
      `${indent}  <MD>`,
      `${indent}    <Name>${cdata(name)}</Name>`,
      `${indent}    <Value>${cdata(value)}</Value>`,
    );
    out.push(`${indent}  </MD>`);
  }
  out.push(`${indent}</MetaData>`);
}

/** A CDATA section; a "]]>" inside is split across two sections. */
function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function escapeAttr(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
