/**
 * The checked catalog kept in the user cache (`<cache>/decoded/catalog-<key>.json`), so a command starts without
 * checking the whole catalog field by field again: in a fresh process (code not yet compiled) that check took 10 to
 * 30 ms of a cold `brain-atlas query`; reading its stored result back takes about 1 ms.
 *
 * The key is a sha256 of the catalog file's bytes and of the code that checks it (codeStamp): an edited catalog or
 * another build is checked again. A stored file that does not say its format and key is ignored and written again
 * (atomically); a cache that cannot be written only costs time. The check's errors are the same either way, since a
 * catalog with a problem is never stored.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Catalog } from '../../core/catalog/types';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasError } from '../../core/errors';
import { decodeText } from '../../core/io/text';
import { codeStamp, writeAtomic } from './decoded-cache';
import { readBytes } from './volume-io';

const FORMAT = 'brain-atlas-checked-catalog';

/** The catalog at `path`, checked (validateCatalog) or as checked before, when `cacheDir` holds that result. */
export async function loadCheckedCatalog(path: string, cacheDir: string | null): Promise<Catalog> {
  const bytes = await readBytes(path);
  const key = createHash('sha256').update(`${FORMAT}\n${codeStamp()}\n`).update(bytes).digest('hex');
  const stored = cacheDir ? join(cacheDir, 'decoded', `catalog-${key}.json`) : null;
  const kept = stored && readStored(stored, key);
  if (kept) return kept;
  let json: unknown;
  try {
    json = JSON.parse(decodeText(bytes, basename(path)).text);
  } catch (e) {
    if (e instanceof AtlasError) throw e;
    throw new AtlasError('corrupt', `not valid JSON (${(e as Error).message})`, basename(path));
  }
  const catalog = validateCatalog(json, basename(path));
  if (stored) await writeAtomic(stored, new TextEncoder().encode(JSON.stringify({ format: FORMAT, key, catalog })));
  return catalog;
}

/** The catalog stored under `key`, or null when there is none or it does not say its format and key. */
function readStored(path: string, key: string): Catalog | null {
  try {
    // A small local file, read at once (as the decoded-label cache reads its files).
    const o = JSON.parse(readFileSync(path, 'utf8'));
    const catalog = o?.catalog;
    return o?.format === FORMAT && o.key === key && catalog?.version === 1 && Array.isArray(catalog.atlases)
      ? (catalog as Catalog)
      : null;
  } catch {
    return null;
  }
}
