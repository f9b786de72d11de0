/** Reading the app's own JSON files (catalog, region cards, brain systems): bytes, text, JSON, one clear error. */
import { basename } from 'node:path';
import { AtlasError } from '../../core/errors';
import { decodeText } from '../../core/io/text';
import { readBytes } from './volume-io';

/** The parsed JSON of `path`; `undefined` when the file is missing and `optional` (a broken file is an error). */
export async function readJsonFile(path: string, opts: { optional?: boolean } = {}): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (e) {
    if (opts.optional && e instanceof AtlasError && e.code === 'not-found') return undefined;
    throw e;
  }
  try {
    return JSON.parse(decodeText(bytes, basename(path)).text);
  } catch (e) {
    if (e instanceof AtlasError) throw e;
    throw new AtlasError('corrupt', `not valid JSON (${(e as Error).message})`, basename(path));
  }
}
