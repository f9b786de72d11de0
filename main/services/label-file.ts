/**
 * Any label volume a user brings (`brain-atlas regions --file`, the app's import): its region records, with the
 * label table given or found beside it (X.nii.txt, X.txt, X.tsv, X.csv, X.xml, X.json).
 */
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { type LoadedAtlas, buildAtlas } from '../../core/atlas/atlas';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { AtlasError } from '../../core/errors';
import { parseLabelTable } from '../../core/io/labels/detect';
import type { LabelTable } from '../../core/io/labels/types';
import { readBytes, readVolume } from './volume-io';

/** Region records of any label volume on disk, with a table given or found beside it. */
export async function regionsOfLabelFile(
  volumePath: string,
  tablePath: string | undefined,
  maxBytes: number | undefined,
): Promise<{ atlas: LoadedAtlas; tableFile: string | null }> {
  const img = await readVolume(volumePath, { maxBytes: maxBytes });
  if (img.totalFrames > 1) {
    throw new AtlasError(
      'invalid-labels',
      `the image has ${img.totalFrames} frames, a label volume has one (for a probabilistic atlas, give its max-probability summary image)`,
      basename(volumePath),
    );
  }
  const volume = toLabelVolume(img, basename(volumePath));
  const found = tablePath ?? (await findSiblingTable(volumePath));
  let table: LabelTable | null = null;
  if (found) {
    const lutPath = siblingBase(volumePath) + '.lut';
    let lut: Uint8Array | undefined;
    try {
      lut = found.endsWith('.nii.txt') ? await readBytes(lutPath) : undefined;
    } catch {
      lut = undefined;
    }
    table = parseLabelTable(await readBytes(found), { fileName: basename(found), colorLut: lut });
    // A table that names no region would leave every region unnamed: an error about the table, not a warning.
    if (!table.entries.some((e) => e.value > 0)) {
      throw new AtlasError('invalid-labels', 'this label table names no regions', basename(found));
    }
  }
  const atlas = buildAtlas({ volume, table });
  atlas.warnings.unshift(...img.warnings);
  return { atlas, tableFile: found ?? null };
}

/** "AAL3v1.nii.gz" -> "<dir>/AAL3v1" */
function siblingBase(volumePath: string): string {
  return join(dirname(volumePath), basename(volumePath).replace(/\.nii(\.gz)?$/i, ''));
}

/** Label tables that tools write beside a volume: X.nii.txt (MRIcron), X.txt, X.tsv (BIDS), X.csv, X.xml, X.lut. */
async function findSiblingTable(volumePath: string): Promise<string | undefined> {
  const base = siblingBase(volumePath);
  for (const ext of ['.nii.txt', '.txt', '.tsv', '.csv', '.xml', '.json']) {
    try {
      await access(base + ext);
      return base + ext;
    } catch {
      // not there
    }
  }
  return undefined;
}
