/**
 * neuroparc JSON sidecar (Yeo-7-liberal_space-MNI152NLin6_res-1x1x1.json):
 *   {"MetaData": {"AtlasName": "Yeo-7 liberal", …},
 *    "rois": {"0": {"label": "empty", "center": null}, "1": {"label": "1_Visual_Area", "center": [x, y, z], "size": 178225}}}
 * Keys are voxel values. `center` (MNI mm, "x,y,z") and `size` (voxels) are kept in extra. Several neuroparc
 * sidecars (CPAC200, DKT, DesikanKlein) carry null labels for every region: those get the name "Region <value>"
 * and a warning. MetaData strings go to meta (AtlasName also as meta.name).
 */
import { AtlasError } from '../../errors';
import { parseValue, readTableText, TableBuilder, type TableInput, isJsonObject, parseTableJson } from './common';
import type { LabelEntry, LabelTable, ParseOptions } from './types';

const ROW = 'a region ("value": {"label": name})';

/** True when parsed JSON looks like a neuroparc sidecar (an object with a "rois" object). */
export function isNeuroparcJson(x: unknown): boolean {
  return isJsonObject(x) && isJsonObject(x.rois);
}

export function parseNeuroparcJson(input: TableInput, opts: ParseOptions): LabelTable {
  const { text, warnings } = readTableText(input, opts.fileName);
  const json = parseTableJson(text, opts.fileName);
  if (!isJsonObject(json) || !isJsonObject(json.rois)) {
    throw new AtlasError(
      'unsupported',
      'this JSON has no "rois" object, so it is not a neuroparc label sidecar',
      opts.fileName,
    );
  }
  const b = new TableBuilder('neuroparc-json', opts.fileName, ROW, warnings);
  const unnamed: number[] = [];
  for (const [key, roi] of Object.entries(json.rois)) {
    const where = `region "${key}"`;
    const value = parseValue(key);
    if (value === null) {
      b.fail(where, key, 'is not a non-negative integer value');
      continue;
    }
    const r = isJsonObject(roi) ? roi : { label: roi };
    const label = r.label;
    let name: string;
    if (label === null || label === undefined || (typeof label === 'string' && label.trim() === '')) {
      if (value === 0) name = '';
      else {
        name = `Region ${value}`;
        unnamed.push(value);
      }
    } else if (typeof label === 'string' || typeof label === 'number') name = String(label);
    else {
      b.fail(where, JSON.stringify(roi).slice(0, 60), 'has a label that is not text');
      continue;
    }
    const entry: LabelEntry = { value, name };
    const extra: Record<string, string> = {};
    if (Array.isArray(r.center) && r.center.length === 3 && r.center.every((c) => typeof c === 'number')) {
      extra.center = r.center.join(',');
    }
    for (const [k, v] of Object.entries(r)) {
      if (k === 'label' || k === 'center') continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') extra[k] = String(v);
    }
    if (Object.keys(extra).length > 0) entry.extra = extra;
    b.add(entry, where, key);
  }
  if (unnamed.length > 0) {
    b.warn(
      `${unnamed.length} region${unnamed.length === 1 ? ' has' : 's have'} no label in the file and ${unnamed.length === 1 ? 'is' : 'are'} named "Region <value>"; look for a separate name table`,
    );
  }
  const meta: Record<string, string> = {};
  if (isJsonObject(json.MetaData)) {
    for (const [k, v] of Object.entries(json.MetaData)) {
      if ((typeof v === 'string' && v.trim() !== '') || typeof v === 'number') meta[k] = String(v);
    }
    if (meta.AtlasName) meta.name = meta.AtlasName;
  }
  return b.finish({ meta });
}
