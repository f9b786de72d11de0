/**
 * The cluster report as data and as text: JSON rows, the flat table behind CSV/TSV/Markdown, and the short texts
 * for a cluster's peak region and composition; the same rows for the CLI and for the app's export.
 */
import type { Vec3 } from '../types';
import type { Cluster } from './clusters';
import type { ClusterAtlasInfo, RegionShare } from './cluster-atlas';

export interface ClusterReport {
  clusters: Cluster[];
  /** Atlas ids in the order asked for. */
  atlasIds: string[];
  /** Per atlas id, one entry per cluster (same order as `clusters`). */
  atlases: Record<string, ClusterAtlasInfo[]>;
}

const roundTo = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits || 0;
/** Map values are float32: 7 significant digits say all they hold (3.2, not 3.200000047683716). */
export const mapValue = (v: number) => Number(v.toPrecision(7));
const mm = (p: Vec3): Vec3 => [roundTo(p[0], 4), roundTo(p[1], 4), roundTo(p[2], 4)];

export interface ClusterJson {
  id: number;
  voxels: number;
  volume_mm3: number;
  peak: { value: number; xyz: Vec3 };
  center_of_mass: Vec3;
  subpeaks: { value: number; xyz: Vec3 }[];
  atlases: Record<
    string,
    {
      peak: { value: number; name: string | null };
      composition: RegionShare[];
      nearest: { value: number; name: string | null; distance_mm: number } | null;
    }
  >;
}

export function clusterReportJson(report: ClusterReport): ClusterJson[] {
  return report.clusters.map((c, n) => {
    const atlases: ClusterJson['atlases'] = {};
    for (const id of report.atlasIds) {
      const a = report.atlases[id][n];
      atlases[id] = {
        peak: a.peak,
        composition: a.composition,
        nearest: a.nearest ? { ...a.nearest, distance_mm: roundTo(a.nearest.distance_mm, 2) } : null,
      };
    }
    return {
      id: c.id,
      voxels: c.voxels,
      volume_mm3: roundTo(c.volumeMm3, 6),
      peak: { value: mapValue(c.peak.value), xyz: mm(c.peak.xyz) },
      center_of_mass: mm(c.centerOfMass),
      subpeaks: c.subpeaks.map((s) => ({ value: mapValue(s.value), xyz: mm(s.xyz) })),
      atlases,
    };
  });
}

const fmtXyz = (p: Vec3) => `(${p.map((v) => String(roundTo(v, 2))).join(', ')})`;

/**
 * "Precentral_L", or "~Precentral_L (3.2 mm)" for the nearest region to a peak outside every region, else `none` (for
 * the report's atlas facts and their JSON form alike); `nameOf` writes a region's name (the app's in its language).
 */
export function peakRegionText(
  a: Pick<ClusterAtlasInfo, 'peak' | 'nearest'>,
  none = '-',
  nameOf: (name: string) => string = (name) => name,
): string {
  if (a.peak.value !== 0) return a.peak.name ? nameOf(a.peak.name) : String(a.peak.value);
  if (a.nearest)
    return `~${a.nearest.name ? nameOf(a.nearest.name) : a.nearest.value} (${roundTo(a.nearest.distance_mm, 1)} mm)`;
  return none;
}

/** "61.25% Precentral_L; 20% Postcentral_L; 18.75% outside" (top `limit` regions). */
export function compositionText(a: ClusterAtlasInfo, limit = Infinity): string {
  const parts = a.composition.slice(0, limit).map((s) => `${s.percent}% ${s.name ?? s.value}`);
  if (a.composition.length > limit) parts.push(`… ${a.composition.length - limit} more`);
  if (a.unlabelledPercent > 0) parts.push(`${a.unlabelledPercent}% outside`);
  return parts.join('; ');
}

/** Header and one row of cells per cluster: the flat table behind CSV, TSV and Markdown exports. */
export function clusterReportRows(report: ClusterReport, json: ClusterJson[] = clusterReportJson(report)): string[][] {
  const header = [
    'cluster',
    'voxels',
    'volume_mm3',
    'peak_value',
    'peak_x',
    'peak_y',
    'peak_z',
    'com_x',
    'com_y',
    'com_z',
    'subpeaks',
  ];
  for (const id of report.atlasIds)
    header.push(`${id}_peak_value`, `${id}_peak_region`, `${id}_nearest`, `${id}_composition`);
  const rows = json.map((j, n) => {
    const row = [
      j.id,
      j.voxels,
      j.volume_mm3,
      j.peak.value,
      ...j.peak.xyz,
      ...j.center_of_mass,
      j.subpeaks.map((s) => `${s.value} ${fmtXyz(s.xyz)}`).join('; '),
    ].map(String);
    for (const id of report.atlasIds) {
      const a = report.atlases[id][n];
      const near = a.nearest ? `${a.nearest.name ?? a.nearest.value} (${roundTo(a.nearest.distance_mm, 2)} mm)` : '';
      row.push(String(a.peak.value), a.peak.name ?? '', near, compositionText(a));
    }
    return row;
  });
  return [header, ...rows];
}

export type ClusterTableFormat = 'csv' | 'tsv' | 'markdown';

export function formatClusterTable(report: ClusterReport, format: ClusterTableFormat): string {
  return formatTableRows(clusterReportRows(report), format);
}

/**
 * Rows of cells (the first is the header) as CSV, TSV or Markdown: the one formatter behind `brain-atlas clusters
 * --csv` and the app's exports of MapClusterReport.table, so both write the same bytes.
 */
export function formatTableRows(rows: string[][], format: ClusterTableFormat): string {
  if (format === 'csv')
    return rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  if (format === 'tsv') return rows.map((r) => r.map((c) => c.replace(/[\t\n\r]/g, ' ')).join('\t')).join('\n');
  const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/[\n\r]/g, ' ');
  const [head, ...body] = rows;
  return [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
