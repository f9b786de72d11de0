/**
 * The one door between the processes: every method the renderer may call, with typed arguments and results.
 * Implemented by main/services (in Node), exposed by main/electron/preload.ts (Electron) and main/web/web-server.ts (HTTP on
 * 127.0.0.1), consumed by renderer/src/api.ts. Arguments are validated on the main side (main/api-validate.ts).
 */
import type { AtlasKind } from '../catalog/types';
import type { Hemisphere, Rgb } from '../io/labels/types';
import type { RegionInfoEntry } from '../atlas/region-info';
import { APP_API_METHODS, type AppApi } from './app-api';
import { MAP_API_METHODS, type MapApi } from './map-api';
import { SYSTEMS_API_METHODS, type SystemsApi } from './systems-api';
import { SURFACE_API_METHODS, type SurfaceApi } from './surface-api';
import { QUIZ_API_METHODS, type QuizApi } from './quiz-api';
import type { Vec3 } from '../types';
import type { MeshDetail } from '../mesh/types';

export type {
  MapApi,
  MapClusterReport,
  MapClustersRequest,
  MapDisplayRequest,
  MapInfo,
  MapValueRange,
  OpenMapRequest,
} from './map-api';

export type {
  AtlasNetworks,
  BrainSystemListing,
  NetworkListing,
  ProbabilityGridRequest,
  RegionNetworksRequest,
  RegionNetworksResult,
  ResolvedRegion,
  SystemsApi,
  TopographyMap,
  TopographyMapId,
} from './systems-api';

export type {
  SurfaceApi,
  SurfaceHemisphere,
  SurfaceKind,
  SurfaceLabelsRequest,
  SurfaceMapRequest,
  SurfaceRequest,
} from './surface-api';

export type { QuizApi, QuizRequest, QuizResult } from './quiz-api';

export type { Vec3 } from '../types';
export type {
  ApiEvent,
  AppApi,
  FetchEvent,
  SessionState,
  SettingsInfo,
  UserSettings,
} from './app-api';
export type { SavedSession } from '../scene/session';

/** present: every file of the default variant is on this machine; downloadable: some are missing but all have a
 *  URL; missing: some are missing and have no URL (local-only). */
export type AtlasStatus = 'present' | 'downloadable' | 'missing';

export interface VariantListing {
  id: string;
  resolutionMm: number;
  status: AtlasStatus;
  /** The grid/space when it differs from the atlas's (e.g. "Colin27 (ch2) 181x217x181"). */
  space?: string;
  /** Size of the variant's files in bytes (what a download of it costs at most). */
  bytes?: number;
  /** Every file of the variant ships with the app (the starter set, atlases/starter): present even offline. */
  starter?: boolean;
}

export interface AtlasListing {
  id: string;
  name: string;
  /** The name in Simplified Chinese, where the catalog gives one. */
  nameZh?: string;
  kind: AtlasKind;
  year: number;
  space: string;
  parcels?: number;
  networks?: 7 | 17;
  status: AtlasStatus;
  variants: VariantListing[];
  /** 'catalog' for catalog atlases; 'fsl' or 'mricron' for atlases found installed on this machine. */
  origin: 'catalog' | 'fsl' | 'mricron';
}

export interface BoundingBox {
  min: Vec3;
  max: Vec3;
}

export interface RegionRecord {
  value: number;
  name: string;
  hemisphere: Hemisphere | null;
  network: string | null;
  color: Rgb;
  voxels: number;
  volumeMm3: number;
  /** Centre of mass in MNI mm. */
  centroid: Vec3;
  /** In MNI mm, over voxel centres. */
  bbox: BoundingBox;
  abbreviation?: string;
  description?: string;
}

export interface LabelMismatchReport {
  /** Values found in the volume that the table does not name. */
  inVolumeNotInTable: number[];
  /** Values the table names that no voxel carries. */
  inTableNotInVolume: number[];
}

export interface AtlasSummary {
  id: string;
  name: string;
  kind: AtlasKind;
  variant: string;
  dims: Vec3;
  voxelSizeMm: Vec3;
  /** Voxel (i, j, k) -> MNI mm, row-major 4x4. */
  affine: number[];
  /** Axis codes of the voxel grid, e.g. "LAS" or "RAS". */
  orientation: string;
  regions: RegionRecord[];
  report: LabelMismatchReport;
  warnings: string[];
}

export interface ProbabilityHit {
  value: number;
  name: string | null;
  /** 0..1 */
  p: number;
}

export interface AtlasHit {
  /** 0 for background or outside the grid. */
  value: number;
  name: string | null;
  probabilities?: ProbabilityHit[];
}

export interface PointQueryResult {
  x: number;
  y: number;
  z: number;
  atlases: Record<string, AtlasHit>;
}

export interface OpenAtlasRequest {
  id: string;
  /** Voxel size in mm to choose a variant; the finest when absent. */
  res?: number;
  /** A variant id ("1mm-colin27") where several variants share a resolution. */
  variant?: string;
}

export interface MeshRequest extends OpenAtlasRequest {
  /** How dense the meshes are; standard when absent. */
  detail?: MeshDetail;
}

export interface QueryRequest {
  points: Vec3[];
  /** Atlas ids; every present labels atlas when absent. */
  atlases?: string[];
  res?: number;
  /** A variant id; only with a single atlas. */
  variant?: string;
}

export interface OverlapRequest {
  /** The atlas and region (label value) to compare. */
  id: string;
  value: number;
  res?: number;
  variant?: string;
  /** Atlases to compare against; every present labels atlas but the region's own when absent. */
  against?: string[];
}

export interface RegionOverlapResult {
  id: string;
  value: number;
  name: string;
  voxels: number;
  atlases: {
    atlasId: string;
    shares: { value: number; name: string | null; percent: number }[];
    unlabelledPercent: number;
  }[];
}

export interface TemplateImageRequest {
  /** A template atlas id; 'mni152' when absent. */
  id?: string;
  /** Voxel size in mm; the finest when absent. */
  res?: number;
}

export interface FetchProgress {
  atlasId: string;
  file: string;
  receivedBytes: number;
  totalBytes: number;
  /** Bytes received and expected over every file this download needs (one variant's missing files). */
  allReceivedBytes?: number;
  allTotalBytes?: number;
}

export interface FetchRequest {
  id: string;
  /** Voxel size in mm of the variant to download; every variant when absent. */
  res?: number;
  /** A variant id, where several variants share a resolution. */
  variant?: string;
}

/**
 * The whole API: atlases (below), statistical maps (core/api/map-api.ts), settings and session (core/api/app-api.ts), brain
 * systems, networks and topography (core/api/systems-api.ts), the cortical surface (core/api/surface-api.ts), quizzes
 * (core/api/quiz-api.ts).
 */
export interface AtlasApi extends MapApi, AppApi, SystemsApi, SurfaceApi, QuizApi {
  listAtlases(): Promise<AtlasListing[]>;
  openAtlas(req: OpenAtlasRequest): Promise<AtlasSummary>;
  query(req: QueryRequest): Promise<PointQueryResult[]>;
  /** Downloads what an atlas lacks (progress: FetchEvent on the event stream, core/api/app-api.ts); its new listing. */
  fetchAtlas(req: FetchRequest): Promise<AtlasListing>;
  /**
   * Smooth region meshes of a labels atlas, or the brain surface of a template (its mask), in MNI mm, encoded by
   * core/mesh/codec.ts (decodeMeshSet). Built once per file and settings, then cached.
   */
  getAtlasMeshes(req: MeshRequest): Promise<ArrayBuffer>;
  /** The label grid of a labels atlas (decodeLabelGrid): for picking the region under the pointer, and slices. */
  getLabelGrid(req: OpenAtlasRequest): Promise<ArrayBuffer>;
  /**
   * A template image (the MNI152 T1 unless `id` names another template) for slice views: dims, affine and bytes
   * windowed from the 0.5-99.5 percentiles of its non-zero voxels (decodeTemplateImage). Cached per variant.
   */
  getTemplateImage(req: TemplateImageRequest): Promise<ArrayBuffer>;
  /** How one region overlaps the regions of other atlases (the crosswalk on a region card). */
  regionOverlap(req: OverlapRequest): Promise<RegionOverlapResult>;
  /**
   * Region cards: English and Chinese names, aliases and short descriptions (atlases/region-info.json); match them
   * to regions with infoForRegion() from core/atlas/region-info.ts.
   */
  getRegionInfo(): Promise<RegionInfoEntry[]>;
}

/** Errors cross the process boundary as this shape, never as stack traces. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** The methods of the API, for the preload bridge, the IPC handlers and the HTTP routes to share. */
export const API_METHODS = [
  'listAtlases',
  'openAtlas',
  'query',
  'fetchAtlas',
  'getAtlasMeshes',
  'getLabelGrid',
  'regionOverlap',
  'getRegionInfo',
  'getTemplateImage',
  ...MAP_API_METHODS,
  ...APP_API_METHODS,
  ...SYSTEMS_API_METHODS,
  ...SURFACE_API_METHODS,
  ...QUIZ_API_METHODS,
] as const satisfies readonly (keyof AtlasApi)[];

// Every method of AtlasApi must be in API_METHODS (the transports are built from that list).
type Unlisted = Exclude<keyof AtlasApi, ApiMethod>;
const everyMethodListed: Unlisted extends never ? true : Unlisted = true;
void everyMethodListed;

/**
 * An AtlasApi whose every method hands (method, argument) to one transport: IPC in the preload bridge, HTTP in
 * the browser build. Built from API_METHODS so that a new method needs no edit in either transport.
 */
export function apiClient(send: (method: ApiMethod, arg: unknown) => Promise<unknown>): AtlasApi {
  return Object.fromEntries(API_METHODS.map((m) => [m, (arg?: unknown) => send(m, arg)])) as unknown as AtlasApi;
}

/** Methods whose result is an ArrayBuffer (HTTP: application/octet-stream), not JSON. */
export const BINARY_METHODS: readonly ApiMethod[] = [
  'getAtlasMeshes',
  'getLabelGrid',
  'getTemplateImage',
  'getMapDisplay',
  'getProbabilityGrid',
  'getSurface',
  'getSurfaceMap',
  'getSurfaceLabels',
  'getFigureFont',
];
export type ApiMethod = (typeof API_METHODS)[number];

/**
 * Methods that take a file's bytes: over HTTP the bytes are the request body (application/octet-stream) and the
 * other arguments travel as JSON in the `args` query parameter; over IPC the ArrayBuffer is passed as is.
 */
export const UPLOAD_METHODS = { openMap: 'bytes' } as const satisfies Partial<Record<ApiMethod, string>>;
export type UploadMethod = keyof typeof UPLOAD_METHODS;

/** IPC replies carry errors as values: Electron would otherwise wrap the message in its own words. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody['error'] };
