/**
 * The statistical maps a user has open (MapApi of core/api/map-api.ts): each keeps the file's bytes as given and the
 * current frame decoded as a StatMap (only that frame at full precision: 4D .nii.gz files are streamed). Cluster
 * reports go through cluster-report.ts on the map's own grid, exactly as `brain-atlas clusters`; the display is the
 * frame resampled onto the mni152 template's default grid, cached per map and frame.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Vec3 } from '../../core/api';
import { orientationCodes, voxelSize } from '../../core/affine';
import { type ClusterOptions, validateClusterOptions } from '../../core/maps/clusters';
import { type ClusterAtlasTarget, prepareNearestRegion } from '../../core/maps/cluster-atlas';
import { clusterReportJson, clusterReportRows } from '../../core/maps/cluster-report';
import { AtlasError } from '../../core/errors';
import type {
  MapApi,
  MapClusterReport,
  MapClustersRequest,
  MapDisplayRequest,
  MapInfo,
  OpenMapRequest,
} from '../../core/api/map-api';
import { mapValueRange } from '../../core/maps/map-range';
import { distinctMapName } from '../../core/maps/map-name';
import { DEFAULT_MAX_BYTES } from '../../core/io/nifti/decode';
import { framesText } from '../../core/io/nifti/header';
import type { Grid } from '../../core/maps/resample';
import type { StatMap } from '../../core/maps/stat-map';
import type { AtlasService } from './atlas-service';
import { buildClusterReport, clusterTargets, decodeStatMap, noClustersText } from './cluster-report';
import { displayInWorker, prepareDisplayWorker } from '../workers/display-runner';
import { readBytes } from './volume-io';

/**
 * The FSL MNI152 1 mm grid (182×218×182, LAS, origin at voxel (90, 126, 72)): the mni152 template's default
 * variant. Used when that template's file is not on this machine, so maps still display on the grid the UI expects.
 */
export const MNI152_1MM_GRID: Grid = {
  dims: [182, 218, 182],
  affine: [-1, 0, 0, 90, 0, 1, 0, -126, 0, 0, 1, -72, 0, 0, 0, 1],
};

/** Displays kept in memory (each 182×218×182 float32 = 29 MB). */
const DISPLAY_CACHE = 4;

interface OpenStatMap {
  id: string;
  /** The file's bytes, as given (never modified). */
  bytes: Uint8Array;
  map: StatMap;
  info: MapInfo;
  /** The latest setMapFrame call: an older one that finishes later does not overwrite it. */
  frameRequest: number;
}

export interface MapServiceOptions {
  /** Memory ceiling for one decoded frame, and the largest file accepted. */
  maxBytes?: number;
}

export class MapService implements MapApi {
  private readonly maps = new Map<string, OpenStatMap>();
  private readonly displays = new Map<string, Promise<ArrayBuffer>>();
  private readonly targets = new Map<string, Promise<ClusterAtlasTarget[]>>();
  private grid: Promise<Grid> | null = null;
  private counter = 0;
  readonly maxBytes: number;

  constructor(
    private readonly atlases: AtlasService,
    opts: MapServiceOptions = {},
  ) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  async openMap(req: OpenMapRequest): Promise<MapInfo> {
    const bytes = req.bytes instanceof Uint8Array ? req.bytes : new Uint8Array(req.bytes);
    return this.openBytes(bytes, req.name, req.frame ?? 0);
  }

  /** Opens a map from a file on this machine (command line, File > Open map…). */
  async openMapFile(path: string, frame = 0): Promise<MapInfo> {
    return this.openBytes(await readBytes(path), basename(path), frame);
  }

  private async openBytes(bytes: Uint8Array, fileName: string, frame: number): Promise<MapInfo> {
    const name = basename(fileName.replace(/\\/g, '/')) || 'map.nii';
    if (bytes.length > this.maxBytes) {
      throw new AtlasError(
        'too-large',
        `the file is ${formatMiB(bytes.length)}, over the ${formatMiB(this.maxBytes)} limit for a map`,
        name,
      );
    }
    prepareDisplayWorker(); // starts while the map decodes; its display is asked for next
    // Inflating to the end once checks that no frame is missing; later frame switches stop at their frame.
    const map = await decodeStatMap(bytes, name, { frame, maxBytes: this.maxBytes, verifyLength: true });
    const id = `map-${++this.counter}`;
    const listed = distinctMapName(
      name,
      [...this.maps.values()].map((m) => m.info.name),
    );
    const entry: OpenStatMap = {
      id,
      bytes,
      map: map.map,
      info: infoOf(
        id,
        { name: listed, fileName: name },
        createHash('sha256').update(bytes).digest('hex'),
        map.map,
        map.datatype,
      ),
      frameRequest: 0,
    };
    this.maps.set(id, entry);
    return entry.info;
  }

  async listMaps(): Promise<MapInfo[]> {
    return [...this.maps.values()].map((m) => m.info);
  }

  private get(mapId: string): OpenStatMap {
    const m = this.maps.get(mapId);
    if (!m) throw new AtlasError('not-found', `no open map has id '${mapId}' (it was closed, or never opened)`);
    return m;
  }

  /** The StatMap of an open map's current frame (surface projection, tests and the bench). */
  statMap(mapId: string): StatMap {
    return this.get(mapId).map;
  }

  async setMapFrame(req: { mapId: string; frame: number }): Promise<MapInfo> {
    const m = this.get(req.mapId);
    if (!Number.isInteger(req.frame) || req.frame < 0 || req.frame >= m.info.frames) {
      throw new AtlasError(
        'invalid-argument',
        `frame ${req.frame} does not exist; the file has ${framesText(m.info.frames)}`,
        m.info.name,
      );
    }
    const ticket = ++m.frameRequest; // also when going back to the current frame: a switch still reading loses
    if (req.frame === m.info.frame) return m.info;
    const { map, datatype } = await decodeStatMap(m.bytes, m.info.fileName, {
      frame: req.frame,
      maxBytes: this.maxBytes,
      verifyLength: false,
    });
    if (this.maps.get(m.id) !== m)
      throw new AtlasError('not-found', `the map was closed while frame ${req.frame} was being read`, m.info.name);
    if (ticket !== m.frameRequest) return m.info; // a later frame switch won
    m.map = map;
    m.info = infoOf(m.id, m.info, m.info.sha256, map, datatype);
    return m.info;
  }

  async closeMap(req: { mapId: string }): Promise<void> {
    this.get(req.mapId);
    this.maps.delete(req.mapId);
    for (const key of [...this.displays.keys()]) if (key.startsWith(`${req.mapId}@`)) this.displays.delete(key);
  }

  /** The grid maps are shown on: the mni152 template's default (1 mm) variant, read from its file when present. */
  displayGrid(): Promise<Grid> {
    this.grid ??= (async () => {
      const listing = (await this.atlases.listAtlases()).find((a) => a.id === 'mni152');
      if (!listing || listing.status !== 'present') return MNI152_1MM_GRID;
      const { loaded } = await this.atlases.load('mni152');
      if (loaded.type !== 'image' || loaded.dims[0] === 0) return MNI152_1MM_GRID;
      return { dims: [...loaded.dims] as Vec3, affine: Array.from(loaded.affine) };
    })();
    this.grid.catch(() => (this.grid = null));
    return this.grid;
  }

  async getMapDisplay(req: MapDisplayRequest): Promise<ArrayBuffer> {
    const m = this.get(req.mapId);
    const map = m.map;
    const mode = req.mode ?? 'linear';
    const key = `${m.id}@${map.frame}/${mode}`;
    let p = this.displays.get(key);
    if (p) {
      this.displays.delete(key); // most recently used goes last
    } else {
      p = this.displayGrid().then((grid) => displayInWorker(m.id, map.frame, map, grid, mode));
      p.catch(() => this.displays.delete(key));
    }
    this.displays.set(key, p);
    while (this.displays.size > DISPLAY_CACHE) this.displays.delete(this.displays.keys().next().value as string);
    return p;
  }

  /**
   * Atlas targets per list of ids (every present labels atlas when absent), loaded once and kept (an atlas fetched
   * later joins the default list when the service restarts, or when the renderer names it in `atlases`).
   */
  clusterTargets(ids?: string[]): Promise<ClusterAtlasTarget[]> {
    const key = ids === undefined ? '*' : ids.join(',');
    let p = this.targets.get(key);
    if (!p) {
      // The nearest-region index of each atlas is built here, with the loading, not in the first report.
      p = clusterTargets(this.atlases, ids).then((targets) => {
        for (const t of targets) prepareNearestRegion(t.volume);
        return targets;
      });
      this.targets.set(key, p);
      p.catch(() => this.targets.delete(key));
    }
    return p;
  }

  async mapClusters(req: MapClustersRequest): Promise<MapClusterReport> {
    const m = this.get(req.mapId);
    const opts: ClusterOptions = {
      threshold: req.threshold,
      sign: req.sign,
      connectivity: req.connectivity,
      minVoxels: req.minVoxels,
      minMm3: req.minMm3,
    };
    validateClusterOptions(opts);
    const map = m.map;
    const report = buildClusterReport(map, await this.clusterTargets(req.atlases), opts);
    const clusters = clusterReportJson(report);
    return {
      clusters,
      table: clusterReportRows(report, clusters),
      atlasIds: report.atlasIds,
      suprathreshold: report.suprathreshold,
      empty: report.clusters.length === 0 ? noClustersText(m.info.name, report, opts) : null,
      timings: report.timings,
    };
  }
}

function infoOf(
  mapId: string,
  { name, fileName }: Pick<MapInfo, 'name' | 'fileName'>,
  sha256: string,
  map: StatMap,
  datatype: string,
): MapInfo {
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    mapId,
    name,
    fileName,
    sha256,
    dims: [...map.dims] as Vec3,
    voxelSizeMm: voxelSize(map.affine).map(round) as Vec3,
    orientation: orientationCodes(map.affine),
    datatype,
    frames: map.totalFrames,
    frame: map.frame,
    range: mapValueRange(map.values),
    spaceWarning: map.spaceWarning,
    warnings: [...map.warnings],
    statistic: map.statistic,
  };
}

function formatMiB(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
