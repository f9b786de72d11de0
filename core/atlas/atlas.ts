/**
 * An atlas once loaded: its label volume, its region records and the report of how the table and the volume
 * agree. Pure: built from decoded volumes and parsed tables, whoever read the files.
 */
import type { LabelMismatchReport, RegionRecord } from '../api';
import { hemisphereFromName, hemisphereFromVoxels } from './hemisphere';
import type { LabelEntry, LabelTable } from '../io/labels/types';
import { type LabelVolume, labelAt } from './label-volume';
import { type NetworkInfo, schaeferNetwork, yeoNetwork } from './networks';
import { labelColor } from './palette';
import { computeLabelStats } from './region-stats';

export interface AtlasInput {
  volume: LabelVolume;
  /** Null when the atlas has no label table (regions are then named by value). */
  table: LabelTable | null;
  /** For Yeo 2011 volumes whose values are the networks themselves. */
  yeoNetworks?: 7 | 17;
}

export interface LoadedAtlas {
  volume: LabelVolume;
  regions: RegionRecord[];
  byValue: Map<number, RegionRecord>;
  /** Names of table entries, including ones absent from the volume. */
  names: Map<number, string>;
  report: LabelMismatchReport;
  warnings: string[];
}

export function buildAtlas(input: AtlasInput): LoadedAtlas {
  const { volume, table } = input;
  const stats = computeLabelStats(volume);
  const entries = new Map<number, LabelEntry>();
  for (const e of table?.entries ?? []) if (e.value !== 0 && !entries.has(e.value)) entries.set(e.value, e);

  const regions: RegionRecord[] = [];
  const inVolumeNotInTable: number[] = [];
  for (const s of stats) {
    const entry = entries.get(s.value);
    if (table && !entry) inVolumeNotInTable.push(s.value);
    const name = entry?.name ?? `Label ${s.value}`;
    const network = networkOf(entry, name, s.value, input.yeoNetworks);
    const region: RegionRecord = {
      value: s.value,
      name,
      hemisphere:
        entry?.hemisphere ?? hemisphereFromName(name) ?? hemisphereFromVoxels(s.leftVoxels, s.rightVoxels, s.voxels),
      network: network?.name ?? entry?.network ?? null,
      color: entry?.color ?? network?.color ?? labelColor(s.value),
      voxels: s.voxels,
      volumeMm3: s.volumeMm3,
      centroid: s.centroid,
      bbox: s.bbox,
    };
    if (entry?.abbreviation) region.abbreviation = entry.abbreviation;
    if (entry?.description) region.description = entry.description;
    regions.push(region);
  }
  const present = new Set(stats.map((s) => s.value));
  const inTableNotInVolume = [...entries.keys()].filter((v) => !present.has(v)).sort((a, b) => a - b);

  const warnings: string[] = [...(table?.warnings ?? [])];
  if (inVolumeNotInTable.length > 0) {
    warnings.push(
      `${inVolumeNotInTable.length} label value${inVolumeNotInTable.length === 1 ? '' : 's'} in the volume ${inVolumeNotInTable.length === 1 ? 'is' : 'are'} not in the label table: ${summarise(inVolumeNotInTable)}`,
    );
  }
  if (inTableNotInVolume.length > 0) {
    warnings.push(
      `${inTableNotInVolume.length} label${inTableNotInVolume.length === 1 ? '' : 's'} in the table ${inTableNotInVolume.length === 1 ? 'has' : 'have'} no voxels in the volume: ${summarise(inTableNotInVolume)}`,
    );
  }
  if (stats.length === 0) warnings.push('the volume holds no labels: every voxel is 0');
  const names = new Map<number, string>();
  for (const [v, e] of entries) names.set(v, e.name);
  for (const r of regions) names.set(r.value, r.name);
  return {
    volume,
    regions,
    byValue: new Map(regions.map((r) => [r.value, r])),
    names,
    report: { inVolumeNotInTable, inTableNotInVolume },
    warnings,
  };
}

function networkOf(
  entry: LabelEntry | undefined,
  name: string,
  value: number,
  yeo: 7 | 17 | undefined,
): NetworkInfo | null {
  if (yeo) return yeoNetwork(yeo, value);
  if (entry?.network) return null; // the table's own network column wins; it is used as written
  return schaeferNetwork(name);
}

function summarise(values: number[]): string {
  const shown = values.slice(0, 12).join(', ');
  return values.length > 12 ? `${shown} … (${values.length} in all)` : shown;
}

/** The region at a world point in mm, or null for background / outside the grid. */
export function regionAt(atlas: LoadedAtlas, x: number, y: number, z: number): { value: number; name: string | null } {
  const value = labelAt(atlas.volume, x, y, z);
  if (value === 0) return { value: 0, name: null };
  return { value, name: atlas.names.get(value) ?? `Label ${value}` };
}

/**
 * Names for the labels of `target` taken from `source` (another grid of the same parcellation whose table is
 * right): each target label gets the source label that most of its voxels fall in. Used where a copy of an atlas
 * was relabelled and its own table no longer matches.
 */
export function namesByOverlap(target: LabelVolume, source: LoadedAtlas): Map<number, string> {
  const [nx, ny] = target.dims;
  const votes = new Map<number, Map<number, number>>();
  const m = target.affine;
  const n = target.labels.length;
  for (let idx = 0; idx < n; idx++) {
    const v = target.labels[idx];
    if (v === 0) continue;
    const i = idx % nx,
      j = Math.floor(idx / nx) % ny,
      k = Math.floor(idx / (nx * ny));
    const x = m[0] * i + m[1] * j + m[2] * k + m[3];
    const y = m[4] * i + m[5] * j + m[6] * k + m[7];
    const z = m[8] * i + m[9] * j + m[10] * k + m[11];
    const s = labelAt(source.volume, x, y, z);
    if (s === 0) continue;
    let row = votes.get(v);
    if (!row) votes.set(v, (row = new Map()));
    row.set(s, (row.get(s) ?? 0) + 1);
  }
  const out = new Map<number, string>();
  for (const [v, row] of votes) {
    let best = 0,
      bestCount = -1;
    for (const [s, c] of row) if (c > bestCount) [best, bestCount] = [s, c];
    const name = source.names.get(best);
    if (name) out.set(v, name);
  }
  return out;
}
