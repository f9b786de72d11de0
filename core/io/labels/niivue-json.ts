/**
 * NiiVue label colour map (Julich.json from niivue-demo-images, NiiVue's `setColormapLabel`):
 *   {"R": [...], "G": [...], "B": [...], "A": [...], "I": [...], "labels": ["", "Area 3b (PostCG)", ...]}
 * Entry k of each array describes voxel value I[k], or k when there is no "I" array. Index 0 (or an empty name)
 * is background. R, G, B are 0..255; A (NiiVue's opacity, 64 for every Julich area) is a display setting and
 * is not kept.
 */
import { AtlasError } from '../../errors';
import { readTableText, TableBuilder, type TableInput, isJsonObject, parseTableJson } from './common';
import type { LabelEntry, LabelTable, ParseOptions } from './types';

const ROW = 'a label (a name in "labels" with its R, G, B entries)';

/** True when parsed JSON looks like a NiiVue label colour map: a "labels" array beside R, G and B arrays. */
export function isNiivueLabelJson(x: unknown): boolean {
  return isJsonObject(x) && Array.isArray(x.labels) && Array.isArray(x.R) && Array.isArray(x.G) && Array.isArray(x.B);
}

function byte(list: unknown[], k: number): number | null {
  const v = list[k];
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255 ? v : null;
}

export function parseNiivueJson(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const json = parseTableJson(text, opts.fileName);
  if (!isNiivueLabelJson(json)) {
    throw new AtlasError(
      'unsupported',
      'this JSON has no "labels" array beside "R", "G" and "B" arrays, so it is not a NiiVue label colour map',
      opts.fileName,
    );
  }
  const j = json as { R: unknown[]; G: unknown[]; B: unknown[]; I?: unknown; labels: unknown[] };
  const indices = Array.isArray(j.I) ? j.I : null;
  const n = j.labels.length;
  if (j.R.length !== n || j.G.length !== n || j.B.length !== n || (indices && indices.length !== n)) {
    const lengths = `labels ${n}, R ${j.R.length}, G ${j.G.length}, B ${j.B.length}${indices ? `, I ${indices.length}` : ''}`;
    throw new AtlasError('corrupt', `the arrays have different lengths (${lengths})`, opts.fileName);
  }
  const b = new TableBuilder('niivue-json', opts.fileName, ROW, warnings);
  for (let k = 0; k < n; k++) {
    const where = `entry ${k}`;
    const rawValue = indices ? indices[k] : k;
    const label = j.labels[k];
    if (typeof rawValue !== 'number' || !Number.isInteger(rawValue) || rawValue < 0) {
      b.fail(where, String(rawValue), 'has an index that is not a non-negative integer');
      continue;
    }
    if (label !== null && typeof label !== 'string') {
      b.fail(where, JSON.stringify(label).slice(0, 60), 'has a label that is not text');
      continue;
    }
    const name = (label ?? '').trim();
    // NiiVue maps leave unused indices unnamed; only a named index is a region.
    if (name === '' && rawValue !== 0) continue;
    const entry: LabelEntry = { value: rawValue, name };
    const r = byte(j.R, k);
    const g = byte(j.G, k);
    const bl = byte(j.B, k);
    if (r !== null && g !== null && bl !== null) entry.color = [r, g, bl];
    b.add(entry, where, name);
  }
  return b.finish();
}
