/** Where the curated real atlases are for real-data tests: BRAIN_ATLAS_PATH, else ../shared/atlases. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export function sharedAtlasDir(): string | null {
  const candidates = [
    ...(process.env.BRAIN_ATLAS_PATH ?? '').split(':').filter(Boolean),
    resolve(__dirname, '../../../shared/atlases'),
  ];
  for (const dir of candidates) if (existsSync(resolve(dir, 'manifest.json'))) return resolve(dir);
  return null;
}

export const SHARED = sharedAtlasDir();
if (!SHARED) {
  console.warn('Real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH to a copy of ../shared/atlases).');
}
