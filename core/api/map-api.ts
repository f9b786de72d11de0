/**
 * The statistical-map part of the API contract (/work/notes/map-api.md): open a user's NIfTI map, switch its
 * frame, show it resampled on the MNI152 grid, and report its clusters. Declared here and merged into AtlasApi by
 * core/api/index.ts, which re-exports these types.
 */
import type { Vec3 } from '../types';
import type { ClusterSign, Connectivity } from '../maps/clusters';
import type { ClusterJson } from '../maps/cluster-report';

export interface MapValueRange {
  min: number;
  max: number;
  /** 1st and 99th percentiles of the non-zero finite values (0 when there are none). */
  robustMin: number;
  robustMax: number;
}

export interface MapInfo {
  /** Opaque, unique per opened map. */
  mapId: string;
  /** What the map is listed by: its file name, numbered where another open map has that ("zstat1.nii.gz (2)"). */
  name: string;
  /** The file's name (no folders), as opened: what a scene file names the map by. */
  fileName: string;
  /** sha256 of the file's bytes (hex): a scene file names the map by it. */
  sha256: string;
  dims: Vec3;
  voxelSizeMm: Vec3;
  /** Axis codes of the map's grid, e.g. "LAS". */
  orientation: string;
  /** e.g. "int16 (scaled)", "float32". */
  datatype: string;
  /** Volumes in the file. */
  frames: number;
  /** The one currently read (0-based). */
  frame: number;
  /** Of the finite values of that frame; all 0 when it has none. */
  range: MapValueRange;
  /** core/maps/stat-map.ts headerSpaceWarning: the header says the map is not in a standard space. */
  spaceWarning: string | null;
  warnings: string[];
  /** z or t statistics, where the header's intent or the file's name says (core/maps/stat-map.ts statisticOf). */
  statistic: 'z' | 't' | null;
}

export interface OpenMapRequest {
  /** File name (no folders), for messages and the map list. */
  name: string;
  /** The file's bytes (.nii or .nii.gz), kept as given. */
  bytes: ArrayBuffer;
  /** 0-based frame of a 4D file; 0 when absent. */
  frame?: number;
}

export interface MapDisplayRequest {
  mapId: string;
  /** 'linear' (trilinear, the default) for maps; 'nearest' keeps whole numbers whole (a label volume as a map). */
  mode?: 'linear' | 'nearest';
}

export interface MapClustersRequest {
  mapId: string;
  /** Voxels pass when v > threshold (positive), v < -threshold (negative) or |v| > threshold (both). 0 or more. */
  threshold: number;
  sign?: ClusterSign;
  minVoxels?: number;
  minMm3?: number;
  connectivity?: Connectivity;
  /** Labels atlas ids; every labels atlas on this machine when absent (as the CLI). */
  atlases?: string[];
}

export interface MapClusterReport {
  /** Exactly what `brain-atlas clusters --json` prints for the same map and options, largest first. */
  clusters: ClusterJson[];
  /**
   * core/maps/cluster-report.ts clusterReportRows: header + one row per cluster (formatTableRows makes
   * CSV/TSV/Markdown).
   */
  table: string[][];
  atlasIds: string[];
  /** Voxels that passed the threshold, before the minimum cluster size. */
  suprathreshold: number;
  /** One line when there are no clusters (why: nothing passed, or nothing large enough); else null. */
  empty: string | null;
  timings: { clustersMs: number; atlasesMs: number };
}

export interface MapApi {
  /** Opens a map from its bytes; errors are AtlasErrors with one sentence naming the file. */
  openMap(req: OpenMapRequest): Promise<MapInfo>;
  /** Every open map, including those the main process opened (command line, File > Open map…), oldest first. */
  listMaps(): Promise<MapInfo[]>;
  /** Reads another frame of a 4D map (only that frame is decoded). */
  setMapFrame(req: { mapId: string; frame: number }): Promise<MapInfo>;
  closeMap(req: { mapId: string }): Promise<void>;
  /**
   * BINARY: the current frame resampled (trilinear; NaN outside the map or next to a missing value) onto the 1 mm
   * MNI152 grid (the mni152 template's default variant, 182x218x182). Decode with decodeMapDisplay (core/maps/map-display.ts).
   */
  getMapDisplay(req: MapDisplayRequest): Promise<ArrayBuffer>;
  /** Clusters on the map's own grid and what each covers in the atlases. */
  mapClusters(req: MapClustersRequest): Promise<MapClusterReport>;
}

export const MAP_API_METHODS = [
  'openMap',
  'listMaps',
  'setMapFrame',
  'closeMap',
  'getMapDisplay',
  'mapClusters',
] as const satisfies readonly (keyof MapApi)[];

/**
 * DOM event the Electron preload fires on `window` when the main process opened or closed maps by itself (File >
 * Open map…, a file handed to the running app): the renderer then calls listMaps() again. The browser build has
 * no such push: maps named on `npm run web -- FILE` are open before the page loads.
 */
export const MAPS_CHANGED_EVENT = 'brain-atlas:maps-changed';
/** The IPC channel on which the main process tells the preload that maps changed. */
export const MAPS_CHANGED_CHANNEL = 'atlas-event:maps-changed';
