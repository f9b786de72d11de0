/**
 * Checking a file on disk against the catalog: its size, then its sha256.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import crypto from 'node:crypto';
import type { CatalogFile } from '../../core/catalog/types';
import { AtlasError, formatCount } from '../../core/errors';

/** The first 12 hex digits of a hash, for messages. */
export const shortHash = (hex: string) => `${hex.slice(0, 12)}…`;

/** sha256 (hex) of a file's bytes, read as a stream. */
export async function sha256OfFile(p: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(p)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks size and sha256 of a file against the catalog; throws AtlasError 'not-found' or 'checksum'. */
export async function verifyFile(filePath: string, file: CatalogFile): Promise<void> {
  let size: number;
  try {
    const st = await fs.stat(filePath);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    size = st.size;
  } catch {
    throw new AtlasError('not-found', `there is no file at ${filePath}; fetch it again`, file.name);
  }
  if (size !== file.bytes) {
    throw new AtlasError(
      'checksum',
      `the file at ${filePath} is ${formatCount(size)} bytes but the catalog expects ${formatCount(file.bytes)}; it is damaged or a different version — delete it and fetch again`,
      file.name,
    );
  }
  const actual = await sha256OfFile(filePath);
  if (actual !== file.sha256.toLowerCase()) {
    throw new AtlasError(
      'checksum',
      `sha256 is ${shortHash(actual)} but the catalog expects ${shortHash(file.sha256.toLowerCase())}; the file at ${filePath} is damaged or a different version — delete it and fetch again`,
      file.name,
    );
  }
}
