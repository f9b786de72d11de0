import { join } from 'node:path';
import type {
  AtlasApi,
  AtlasListing,
  AtlasStatus,
  AtlasSummary,
  FetchProgress,
  FetchRequest,
  MeshRequest,
  OpenAtlasRequest,
  PointQueryResult,
  OverlapRequest,
  QueryRequest,
  RegionOverlapResult,
  TemplateImageRequest,
  VariantListing,
} from '../../core/api';
import { type OverlapTarget, regionOverlaps } from '../../core/atlas/crosswalk';
import type { AppApi } from '../../core/api/app-api';
import type { MapApi } from '../../core/api/map-api';
import type { SystemsApi } from '../../core/api/systems-api';
import type { SurfaceApi } from '../../core/api/surface-api';
import type { QuizApi } from '../../core/api/quiz-api';
import type { RegionInfoEntry } from '../../core/atlas/region-info';
import { type LoadedAtlas } from '../../core/atlas/atlas';
import type { Catalog, CatalogAtlas, CatalogFile, CatalogVariant } from '../../core/catalog/types';
import { chooseVariant, findAtlas } from '../../core/catalog/lookup';
import { AtlasError } from '../../core/errors';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { ensureFiles } from './atlas-download';
import { type FileLocations, fileStatus } from './atlas-locations';
import type { InstalledAtlas } from './installed-atlases';
import { MEMORY_LIMITS, MeshCache, meshCacheKey } from './mesh-cache';
import { readVolume } from './volume-io';
import { decodeMeshSet, encodeLabelGrid, encodeTemplateImage, unpackNormals } from '../../core/mesh/codec';
import { toStatMap } from '../../core/maps/stat-map';
import { toTemplateImage } from '../../core/atlas/template-image';
import { meshVolume } from '../workers/mesh-runner';
import { DEFAULT_MESH_SETTINGS, type MeshSettings, type RegionMeshSet } from '../../core/mesh/types';
import type { LabelVolume } from '../../core/atlas/label-volume';
import { DEFAULT_ROI_RADIUS_MM, type Loaded, summaryOf } from './loaded-variant';
import { regionsOfLabelFile } from './label-file';
import { loadVariantFiles } from './variant-loader';
import { DecodedCache } from './decoded-cache';
import { type PointQueryHost, type HitColumn, queryColumns, queryPoints } from './point-query';

export { DEFAULT_ROI_RADIUS_MM };

export interface AtlasServiceOptions {
  catalog: Catalog;
  locations: FileLocations;
  installed?: InstalledAtlas[];
  maxBytes?: number;
  /** Loaded atlases kept in memory (least recently used are dropped). */
  cacheSize?: number;
  meshSettings?: MeshSettings;
  /** Region cards (atlases/region-info.json), validated; or how to read them when first asked (a query needs none). */
  regionInfo?: RegionInfoEntry[] | (() => Promise<RegionInfoEntry[]>);
  /** Keep decoded label volumes in `<cache>/decoded` for fast point queries (default true; decoded-cache.ts). */
  decodedCache?: boolean;
}

/** The atlas half of AtlasApi; AppService (app-service.ts) adds the statistical maps, settings and session. */
export class AtlasService
  implements Omit<AtlasApi, keyof MapApi | keyof AppApi | keyof SystemsApi | keyof SurfaceApi | keyof QuizApi>
{
  private readonly catalog: Catalog;
  private locations: FileLocations;
  private readonly maxBytes: number | undefined;
  private readonly cacheSize: number;
  private readonly loaded = new Map<string, Promise<Loaded>>();
  /** The loads of `loaded` that have finished, for answers that need no waiting (point queries). */
  private readonly ready = new Map<string, Loaded>();
  private readonly meshes: MeshCache;
  private info: RegionInfoEntry[] | (() => Promise<RegionInfoEntry[]>);
  readonly meshSettings: MeshSettings;

  constructor(opts: AtlasServiceOptions) {
    this.locations = opts.locations;
    this.maxBytes = opts.maxBytes;
    this.cacheSize = opts.cacheSize ?? 24;
    this.meshSettings = opts.meshSettings ?? DEFAULT_MESH_SETTINGS;
    this.info = opts.regionInfo ?? [];
    this.meshes = new MeshCache(
      opts.locations.cacheDir ? join(opts.locations.cacheDir, 'meshes') : null,
      MEMORY_LIMITS,
      decodesAsMeshSet,
    );
    this.catalog = {
      ...opts.catalog,
      atlases: [...opts.catalog.atlases, ...(opts.installed ?? []).map((i) => i.atlas)],
    };
    this.installed = new Map((opts.installed ?? []).map((i) => [i.atlas.id, i]));
    this.decoded = opts.decodedCache === false ? null : new DecodedCache(() => this.locations.cacheDir || null);
  }

  private readonly decoded: DecodedCache | null;

  private readonly installed: Map<string, InstalledAtlas>;

  /** Where files are looked for and downloaded to from now on (the Settings dialog changed them). */
  setLocations(locations: FileLocations): void {
    this.locations = locations;
    this.presentVariant.clear();
  }

  fileLocations(): FileLocations {
    return this.locations;
  }

  atlases(): CatalogAtlas[] {
    return this.catalog.atlases;
  }

  atlas(id: string): CatalogAtlas {
    return findAtlas(this.catalog, id);
  }

  async listAtlases(): Promise<AtlasListing[]> {
    return Promise.all(this.catalog.atlases.map((a) => this.listing(a)));
  }

  private async listing(a: CatalogAtlas): Promise<AtlasListing> {
    const variants = await Promise.all(
      a.variants.map(async (v) => {
        const listing: VariantListing = {
          id: v.id,
          resolutionMm: v.resolutionMm,
          status: await this.variantStatus(a, v),
        };
        if (v.space) listing.space = v.space;
        listing.bytes = v.files.reduce((sum, f) => sum + f.bytes, 0);
        if (v.files.every((f) => f.starter)) listing.starter = true;
        return listing;
      }),
    );
    const installed = this.installed.get(a.id);
    const listing: AtlasListing = {
      id: a.id,
      name: a.name,
      kind: a.kind,
      year: a.year,
      space: a.space,
      status: best(variants.map((v) => v.status)),
      variants,
      origin: installed ? installed.origin : 'catalog',
    };
    if (a.nameZh !== undefined) listing.nameZh = a.nameZh;
    if (a.parcels !== undefined) listing.parcels = a.parcels;
    if (a.networks !== undefined) listing.networks = a.networks;
    return listing;
  }

  /**
   * Whether every file of an atlas variant is on this machine (always, for an atlas installed by FSL or MRIcron), so
   * that loading it needs no download. Files are found by size, as listAtlases does; their sha256 is the catalog's
   * (`atlas(id).variants[i].files[j].sha256`, empty for installed atlases).
   */
  async variantPresent(atlas: CatalogAtlas, variant: CatalogVariant): Promise<boolean> {
    return (await this.variantStatus(atlas, variant)) === 'present';
  }

  private async variantStatus(a: CatalogAtlas, v: CatalogVariant): Promise<AtlasStatus> {
    if (this.installed.has(a.id)) return 'present';
    return fileStatus(v.files, this.locations);
  }

  /** Path of every file of a variant, downloading what is missing. */
  private async files(
    a: CatalogAtlas,
    v: CatalogVariant,
    onProgress?: (p: FetchProgress) => void,
    signal?: AbortSignal,
  ): Promise<Map<CatalogFile, string>> {
    const installed = this.installed.get(a.id);
    if (installed) return new Map(v.files.map((f) => [f, installed.paths.get(f) ?? f.name]));
    return ensureFiles(v.files, this.locations, {
      signal,
      onProgress: onProgress
        ? (p) =>
            onProgress({
              atlasId: a.id,
              file: p.file.name,
              receivedBytes: p.received,
              totalBytes: p.total,
              allReceivedBytes: p.allReceived,
              allTotalBytes: p.allTotal,
            })
        : undefined,
    });
  }

  /** Path of every file of an atlas variant by its catalog name ("yeo2011/x.label.gii"), downloading what is missing. */
  async filePaths(id: string, variantId?: string): Promise<Map<string, string>> {
    const atlas = this.atlas(id);
    const paths = await this.files(atlas, chooseVariant(atlas, undefined, variantId));
    return new Map([...paths].map(([f, path]) => [f.name, path]));
  }

  async fetchAtlas(
    req: FetchRequest,
    onProgress?: (p: FetchProgress) => void,
    signal?: AbortSignal,
  ): Promise<AtlasListing> {
    const a = this.atlas(req.id);
    const one = req.res !== undefined || req.variant !== undefined;
    const variants = one ? [chooseVariant(a, req.res, req.variant)] : a.variants;
    for (const v of variants) await this.files(a, v, onProgress, signal);
    this.presentVariant.clear(); // a finer variant may be here now
    return this.listing(a);
  }

  /** Loads (or returns the cached) atlas variant. */
  async load(
    id: string,
    res?: number,
    variantId?: string,
  ): Promise<{ atlas: CatalogAtlas; variant: CatalogVariant; loaded: Loaded }> {
    const atlas = this.atlas(id);
    const variant = await this.variantOf(atlas, res, variantId);
    const key = `${atlas.id}@${variant.id}`;
    let p = this.loaded.get(key);
    if (p) {
      this.loaded.delete(key); // move to the back: most recently used
      this.loaded.set(key, p);
    } else {
      const loading = this.loadVariant(atlas, variant);
      p = loading;
      this.loaded.set(key, p);
      p.then(
        (l) => this.loaded.get(key) === loading && this.ready.set(key, l),
        () => this.loaded.delete(key),
      );
      while (this.loaded.size > this.cacheSize) {
        const oldest = this.loaded.keys().next().value as string;
        this.loaded.delete(oldest);
        this.ready.delete(oldest);
      }
    }
    return { atlas, variant, loaded: await p };
  }

  private async loadVariant(atlas: CatalogAtlas, variant: CatalogVariant): Promise<Loaded> {
    const paths = await this.files(atlas, variant);
    return loadVariantFiles({
      atlas,
      variant,
      pathOf: (f) => paths.get(f) as string,
      maxBytes: this.maxBytes,
      loadVariant: async (id) => (await this.load(atlas.id, undefined, id)).loaded,
    });
  }

  async openAtlas(req: OpenAtlasRequest): Promise<AtlasSummary> {
    const { atlas, variant, loaded } = await this.load(req.id, req.res, req.variant);
    return summaryOf({ id: atlas.id, name: atlas.name, kind: atlas.kind, variant: variant.id }, loaded);
  }

  /**
   * The label volume behind an atlas variant: its labels for a labels atlas, its brain mask (as label 1) for a
   * template.
   */
  async labelVolume(req: OpenAtlasRequest): Promise<{ volume: LabelVolume; atlas: CatalogAtlas }> {
    const { atlas, variant, loaded } = await this.load(req.id, req.res, req.variant);
    if (loaded.type === 'labels') return { volume: loaded.atlas.volume, atlas };
    const mask = variant.files.find((f) => f.role === 'mask');
    if (loaded.type === 'image' && mask) {
      const paths = await this.files(atlas, variant);
      const img = await readVolume(paths.get(mask) as string, { maxBytes: this.maxBytes, frame: 0 });
      return { volume: toLabelVolume(img, mask.name), atlas };
    }
    throw new AtlasError('invalid-argument', `atlas '${atlas.id}' (${atlas.kind}) has no label volume to mesh`);
  }

  /**
   * The atlas's region meshes, encoded (core/mesh/codec.ts), made with the service's settings unless others are
   * given (the command line's --smooth), at the detail asked for; cached in memory and on disk for each settings.
   */
  async getAtlasMeshes(req: MeshRequest, given: MeshSettings = this.meshSettings): Promise<ArrayBuffer> {
    const settings = req.detail ? { ...given, detail: req.detail } : given;
    const { key, persist } = await this.meshKey(req, settings);
    return this.meshes.get(key, async () => meshVolume((await this.labelVolume(req)).volume, settings), persist);
  }

  /** Waits for the mesh cache's disk writes under way (they follow the meshes handed out): before exiting; tests. */
  meshCacheWritten(): Promise<void> {
    return this.meshes.written();
  }

  /**
   * The atlas's region meshes as arrays from the mesh cache (this session's or the disk's), for a process that waits
   * for them (`brain-atlas mesh`); null when not cached or when the cached file does not decode (it is meshed again).
   * Needs only the catalog, not the atlas's files: a caller can know before reading the volume whether it will mesh.
   */
  async cachedMeshSet(req: OpenAtlasRequest, settings: MeshSettings): Promise<RegionMeshSet | null> {
    const { key, persist } = await this.meshKey(req, settings);
    const cached = await this.meshes.cached(key, persist);
    if (!cached) return null;
    try {
      const packed = decodeMeshSet(cached);
      return { ...packed, normals: unpackNormals(packed.normals) };
    } catch {
      return null; // a damaged cache file only costs the meshing
    }
  }

  /** The mesh cache's key: the volume's bytes and, where the catalog corrects the header, that affine. */
  private async meshKey(req: OpenAtlasRequest, settings: MeshSettings): Promise<{ key: string; persist: boolean }> {
    const atlas = this.atlas(req.id);
    const variant = await this.variantOf(atlas, req.res, req.variant);
    const labelFiles = variant.files.filter((f) => f.role === 'labels');
    const sources = labelFiles.length > 0 ? labelFiles : variant.files.filter((f) => f.role === 'mask').slice(0, 1);
    // Hemisphere files: both checksums and their offsets make the key.
    const sha = sources.map((f) => `${f.sha256}${f.valueOffset ? `+${f.valueOffset}` : ''}`).join('-');
    const content = sha
      ? `${sha}${variant.affine ? `-a${variant.affine.join('_')}` : ''}`
      : `${atlas.id}@${variant.id}`;
    // Installed atlases have no checksum to key a disk cache on.
    return { key: meshCacheKey(content, settings), persist: sha !== '' };
  }

  async getLabelGrid(req: OpenAtlasRequest): Promise<ArrayBuffer> {
    const { volume } = await this.labelVolume(req);
    return encodeLabelGrid({ dims: volume.dims, affine: Array.from(volume.affine), labels: volume.labels });
  }

  private readonly templateImages = new Map<string, Promise<ArrayBuffer>>();

  /** The template's T1 image windowed to bytes for slice views (see AtlasApi.getTemplateImage); cached per variant. */
  async getTemplateImage(req: TemplateImageRequest): Promise<ArrayBuffer> {
    const atlas = this.atlas(req.id ?? 'mni152');
    const variant = await this.variantOf(atlas, req.res);
    const file = variant.files.find((f) => f.role === 'template');
    if (!file)
      throw new AtlasError(
        'invalid-argument',
        `atlas '${atlas.id}' (${atlas.kind}) has no template image to show in slices`,
      );
    const key = `${atlas.id}@${variant.id}`;
    let p = this.templateImages.get(key);
    if (!p) {
      p = (async () => {
        const paths = await this.files(atlas, variant);
        const img = await readVolume(paths.get(file) as string, { maxBytes: this.maxBytes, frame: 0 });
        const map = toStatMap(img, { fileName: file.name });
        return encodeTemplateImage(toTemplateImage(map.dims, map.affine, map.values));
      })();
      this.templateImages.set(key, p);
      p.catch(() => this.templateImages.delete(key));
    }
    return p;
  }

  async regionOverlap(req: OverlapRequest): Promise<RegionOverlapResult> {
    const { atlas, loaded } = await this.load(req.id, req.res, req.variant);
    if (loaded.type !== 'labels') throw new AtlasError('invalid-argument', `atlas '${atlas.id}' has no label volume`);
    const region = loaded.atlas.byValue.get(req.value);
    if (!region) throw new AtlasError('not-found', `atlas '${atlas.id}' has no region with value ${req.value}`);
    const ids = (req.against ?? (await this.presentLabelAtlases())).filter((id) => id !== atlas.id);
    const targets: OverlapTarget[] = [];
    for (const id of ids) {
      const other = await this.load(id);
      if (other.loaded.type === 'labels')
        targets.push({ atlasId: id, volume: other.loaded.atlas.volume, names: other.loaded.atlas.names });
    }
    return {
      id: atlas.id,
      value: region.value,
      name: region.name,
      voxels: region.voxels,
      atlases: regionOverlaps(loaded.atlas.volume, region.value, region.bbox, region.voxels, targets),
    };
  }

  async getRegionInfo(): Promise<RegionInfoEntry[]> {
    if (typeof this.info === 'function') this.info = await this.info();
    return this.info;
  }

  /**
   * The variant a request uses: the one named, else, of the variants at `res` (all when absent), the first (finest)
   * that is on this machine, else the first. So an atlas whose finer files are missing opens from what is here
   * (the starter set's 2 mm files) instead of downloading.
   */
  async variantOf(atlas: CatalogAtlas, res?: number, variantId?: string): Promise<CatalogVariant> {
    const first = chooseVariant(atlas, res, variantId);
    if (variantId !== undefined || this.installed.has(atlas.id)) return first;
    const candidates = atlas.variants.filter((v) => res === undefined || v.resolutionMm === first.resolutionMm);
    if (candidates.length < 2) return first;
    const key = `${atlas.id}|${res ?? ''}`;
    const known = this.presentVariant.get(key);
    if (known) return known;
    for (const v of candidates) {
      if ((await fileStatus(v.files, this.locations)) !== 'present') continue;
      this.presentVariant.set(key, v);
      return v;
    }
    return first;
  }

  /** variantOf's answers found on this machine, until a download or new locations may change them. */
  private readonly presentVariant = new Map<string, CatalogVariant>();

  /**
   * Every labels atlas with a variant on this machine, and the variant a query uses: the first present one at `res`
   * where the atlas has that resolution, else the first present one. The default set for `query`.
   */
  async presentLabelVariants(res?: number): Promise<Array<{ atlas: CatalogAtlas; variant: CatalogVariant }>> {
    const found = await Promise.all(
      this.catalog.atlases.map(async (atlas) => {
        if (atlas.kind !== 'labels') return null;
        const atRes = atlas.variants.filter((v) => res !== undefined && Math.abs(v.resolutionMm - res) < 1e-6);
        for (const variant of atRes.length > 0 ? atRes : atlas.variants) {
          if ((await this.variantStatus(atlas, variant)) === 'present') return { atlas, variant };
        }
        return null;
      }),
    );
    return found.filter((f): f is { atlas: CatalogAtlas; variant: CatalogVariant } => f !== null);
  }

  /** Every labels atlas with a variant on this machine. */
  async presentLabelAtlases(): Promise<string[]> {
    return (await this.presentLabelVariants()).map((p) => p.atlas.id);
  }

  async query(req: QueryRequest): Promise<PointQueryResult[]> {
    return queryPoints(this.pointHost, req);
  }

  /** The same answers as columns, one per atlas (many points without an object each). */
  async queryColumns(req: QueryRequest): Promise<HitColumn[]> {
    return queryColumns(this.pointHost, req);
  }

  private readonly pointHost: PointQueryHost = {
    atlas: (id) => this.atlas(id),
    variantOf: (atlas, res, variantId) => this.variantOf(atlas, res, variantId),
    presentLabelVariants: (res) => this.presentLabelVariants(res),
    files: (atlas, variant) => this.files(atlas, variant),
    installedPaths: (id) => this.installed.get(id)?.paths,
    load: async (atlas, variant) => (await this.load(atlas.id, undefined, variant.id)).loaded,
    inMemory: (atlas, variant) => this.ready.get(`${atlas.id}@${variant.id}`),
    cache: () => this.decoded,
  };

  /** Region records of any label volume on disk, with a table given or found beside it (label-file.ts). */
  regionsOfFile(volumePath: string, tablePath?: string): Promise<{ atlas: LoadedAtlas; tableFile: string | null }> {
    return regionsOfLabelFile(volumePath, tablePath, this.maxBytes);
  }
}

function best(statuses: AtlasStatus[]): AtlasStatus {
  if (statuses.includes('present')) return 'present';
  if (statuses.includes('downloadable')) return 'downloadable';
  return 'missing';
}

/** Whether a cached file decodes as a mesh set (its header, arrays and normals whole): a damaged one is meshed again. */
function decodesAsMeshSet(buf: ArrayBuffer): boolean {
  try {
    decodeMeshSet(buf);
    return true;
  } catch {
    return false;
  }
}
