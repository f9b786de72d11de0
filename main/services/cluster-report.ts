/**
 * The cluster report of a statistical map against label atlases: reads the map (one frame), finds its clusters on
 * its own grid (core/maps/clusters.ts) and looks every cluster voxel up in each atlas the atlas service loads.
 */
import { basename } from 'node:path';
import { orientationCodes, voxelSize } from '../../core/affine';
import { type ClusterOptions, type ClusterSign, findClusters, validateClusterOptions } from '../../core/maps/clusters';
import { type ClusterAtlasTarget, clusterAtlasInfo } from '../../core/maps/cluster-atlas';
import {
  type ClusterReport,
  clusterReportJson,
  compositionText,
  mapValue,
  peakRegionText,
} from '../../core/maps/cluster-report';
import { AtlasError } from '../../core/errors';
import { type StatMap, refuseSurfaceFile, toStatMap } from '../../core/maps/stat-map';
import type { AtlasService } from './atlas-service';
import { readNiftiFrame } from './frame-reader';
import { readBytes } from './volume-io';

/**
 * Reads one frame of a NIfTI file as a statistical map; only that frame is kept in memory (a 4D .nii.gz is
 * streamed, never inflated whole: frame-reader.ts).
 */
export async function readStatMap(path: string, opts: { frame?: number; maxBytes?: number } = {}): Promise<StatMap> {
  const bytes = await readBytes(path);
  return (await decodeStatMap(bytes, basename(path), { ...opts, frame: opts.frame ?? 0, verifyLength: true })).map;
}

/**
 * One frame of a map file's bytes as a statistical map, and the file's datatype as people read it ("int16
 * (scaled)"): what every map reader (the command line, the window's maps) does. A GIFTI file is refused first, saying
 * what it is (refuseSurfaceFile); `verifyLength` inflates a .nii.gz to its end to check that no frame is missing.
 */
export async function decodeStatMap(
  bytes: Uint8Array,
  fileName: string,
  opts: { frame: number; maxBytes?: number; verifyLength: boolean },
): Promise<{ map: StatMap; datatype: string }> {
  refuseSurfaceFile(bytes, fileName);
  const img = await readNiftiFrame(bytes, { ...opts, fileName });
  const scaled = img.header.sclSlope !== 1 || img.header.sclInter !== 0;
  const map = toStatMap(img, { fileFrame: opts.frame, fileName });
  return { map, datatype: `${img.header.datatype}${scaled ? ' (scaled)' : ''}` };
}

export interface ClusterReportRequest extends ClusterOptions {
  /** Atlas ids; default: every labels atlas present on this machine (as `query`). */
  atlases?: string[];
}

export interface TimedClusterReport extends ClusterReport {
  /** ms spent finding clusters and composing them with the atlases (atlas loading excluded). */
  timings: { clustersMs: number; atlasesMs: number };
  /** Voxels that passed the threshold, before the minimum cluster size. */
  suprathreshold: number;
}

/** The atlases of a report, loaded through the service (cached there); coordinate and image atlases are refused. */
export async function clusterTargets(service: AtlasService, ids?: string[]): Promise<ClusterAtlasTarget[]> {
  const explicit = ids !== undefined;
  const list = ids ?? (await service.presentLabelAtlases());
  const targets: ClusterAtlasTarget[] = [];
  for (const id of list) {
    const { loaded } = await service.load(id);
    if (loaded.type !== 'labels') {
      if (explicit)
        throw new AtlasError(
          'invalid-argument',
          `atlas '${id}' is a ${service.atlas(id).kind} atlas, not a label volume; clusters need labels atlases`,
        );
      continue;
    }
    targets.push({ atlasId: id, volume: loaded.atlas.volume, names: loaded.atlas.names });
  }
  return targets;
}

/** Clusters of `map` and, for each, what it covers in every target atlas. */
export function buildClusterReport(
  map: StatMap,
  targets: ClusterAtlasTarget[],
  opts: ClusterOptions,
): TimedClusterReport {
  const t0 = performance.now();
  const { clusters, suprathreshold } = findClusters(map, opts);
  const t1 = performance.now();
  const atlases: ClusterReport['atlases'] = {};
  for (const t of targets) atlases[t.atlasId] = clusterAtlasInfo(map, clusters, t);
  const t2 = performance.now();
  return {
    clusters,
    atlasIds: targets.map((t) => t.atlasId),
    atlases,
    suprathreshold,
    timings: { clustersMs: t1 - t0, atlasesMs: t2 - t1 },
  };
}

export async function clusterReport(
  service: AtlasService,
  map: StatMap,
  req: ClusterReportRequest,
): Promise<TimedClusterReport> {
  validateClusterOptions(req);
  return buildClusterReport(map, await clusterTargets(service, req.atlases), req);
}

export function signWords(sign: ClusterSign | undefined, t: number): string {
  return sign === 'both' ? `|v| > ${t} (both signs)` : sign === 'negative' ? `v < ${-t}` : `v > ${t}`;
}

/** Why a report is empty, in one line. */
export function noClustersText(name: string, report: TimedClusterReport, opts: ClusterOptions): string {
  const rule = signWords(opts.sign, opts.threshold);
  if (report.suprathreshold === 0) return `no clusters: no voxel of ${name} has ${rule}`;
  const min = opts.minVoxels !== undefined ? `${opts.minVoxels} voxels` : `${opts.minMm3} mm³`;
  return `no clusters: ${report.suprathreshold} voxel${report.suprathreshold === 1 ? ' has' : 's have'} ${rule}, but no cluster reaches ${min}`;
}

/** One line that says what was clustered and how. */
export function describeRun(name: string, map: StatMap, opts: ClusterOptions): string {
  const size = voxelSize(map.affine).map((v) => Math.round(v * 1000) / 1000);
  const vox = size.every((v) => v === size[0]) ? `${size[0]} mm` : `${size.join('×')} mm`;
  const frame = map.totalFrames > 1 ? `, frame ${map.frame} of ${map.totalFrames}` : '';
  const min =
    opts.minVoxels !== undefined
      ? `, clusters of ${opts.minVoxels}+ voxels`
      : opts.minMm3 !== undefined
        ? `, clusters of ${opts.minMm3}+ mm³`
        : '';
  return `${name}: ${map.dims.join('×')} ${orientationCodes(map.affine)}, ${vox} voxels${frame}; ${signWords(opts.sign, opts.threshold)}, ${opts.connectivity ?? 26}-connectivity${min}`;
}

/** The report as a text table, largest cluster first, then each cluster's sub-peaks and composition. */
export function clusterReportText(report: ClusterReport): string {
  const json = clusterReportJson(report);
  const head = [
    'ID',
    'VOXELS',
    'MM3',
    'PEAK',
    'X',
    'Y',
    'Z',
    'COM X',
    'COM Y',
    'COM Z',
    ...report.atlasIds.map((id) => id.toUpperCase()),
  ];
  const rows = json.map((j, n) => [
    String(j.id),
    String(j.voxels),
    String(Math.round(j.volume_mm3 * 100) / 100),
    String(j.peak.value),
    ...j.peak.xyz.map((v) => String(Math.round(v * 100) / 100)),
    ...j.center_of_mass.map((v) => (Math.round(v * 10) / 10).toFixed(1)),
    ...report.atlasIds.map((id) => peakRegionText(report.atlases[id][n])),
  ]);
  const widths = head.map((_, c) => Math.max(head[c].length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ');
  const out = [line(head), ...rows.map(line)];
  for (const [n, c] of report.clusters.entries()) {
    const details: string[] = [];
    if (c.subpeaks.length > 0) {
      details.push(
        `  sub-peaks: ${c.subpeaks.map((s) => `${mapValue(s.value)} at (${s.xyz.map((v) => Math.round(v * 100) / 100).join(', ')})`).join('; ')}`,
      );
    }
    for (const id of report.atlasIds) {
      const text = compositionText(report.atlases[id][n], 5);
      if (text) details.push(`  ${id}: ${text}`);
    }
    if (details.length > 0)
      out.push('', `Cluster ${c.id} (${c.voxels} voxels, peak ${mapValue(c.peak.value)})`, ...details);
  }
  out.push(
    '',
    'Peak region: the region at the peak; ~Name (d mm) is the nearest region to a peak outside every region.',
  );
  out.push('Centre of mass: unweighted mean of the cluster voxel centres, MNI mm.');
  return out.join('\n');
}
