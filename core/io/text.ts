import { AtlasError } from '../errors';

export interface DecodedText {
  text: string;
  /** The encoding the bytes turned out to be in. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/**
 * Decodes a text file whose encoding is not declared: UTF-8 (with or without BOM), UTF-16 with a BOM, else
 * Windows-1252 (a superset of Latin-1, what older atlas tables from Windows tools use). Never throws on bytes;
 * throws only when the content is clearly binary.
 */
export function decodeText(bytes: Uint8Array, fileName?: string): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  const probe = body.subarray(0, 4096);
  let nul = 0;
  for (let i = 0; i < probe.length; i++) if (probe[i] === 0) nul++;
  if (nul > 0) {
    throw new AtlasError('unsupported', 'this is a binary file, not a text table', fileName);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252' };
  }
}

/** Splits text into lines, whatever the line endings (LF, CRLF or old Mac CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
