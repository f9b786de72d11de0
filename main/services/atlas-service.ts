/**
 * The atlas engine as a service: the catalog, where its files are, loading and caching atlases, region records
 * and point queries. The CLI, the IPC handlers and the loopback web server all call this one class.
 */
import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type {
  AtlasApi,
  AtlasHit,
  AtlasListing,
  AtlasStatus,
  AtlasSummary,
  FetchProgress,
  OpenAtlasRequest,
  PointQueryResult,
  OverlapRequest,
  QueryRequest,
  RegionOverlapResult,
  RegionRecord,
  TemplateImageRequest,
  VariantListing,
  Vec3,
} from '../../core/api';
import { type OverlapTarget, regionOverlaps } from '../../core/atlas/crosswalk';
import type { MapApi } from '../../core/map-api';
import type { RegionInfoEntry } from '../../core/atlas/region-info';
import { identity, mat4, orientationCodes, voxelSize } from '../../core/affine';
import { type LoadedAtlas, buildAtlas, namesByOverlap, regionAt } from '../../core/atlas/atlas';
import type { Catalog, CatalogAtlas, CatalogFile, CatalogVariant } from '../../core/catalog/types';
import { chooseVariant, findAtlas } from '../../core/catalog/lookup';
import { type CoordinateRoi, parseCoordinates, roiAt } from '../../core/io/coordinates';
import { AtlasError } from '../../core/errors';
import { parseLabelTable } from '../../core/io/labels/detect';
import type { LabelTable } from '../../core/io/labels/types';
import { toLabelVolume } from '../../core/atlas/label-volume';
import { type HemisphereFile, mergeHemispheres, sidedTable } from '../../core/atlas/hemisphere-files';
import { assignNetworks } from '../../core/atlas/networks';
import { type ProbabilitySet, buildProbabilitySet, probabilitiesAt } from '../../core/atlas/probability';
import { ensureFiles } from './atlas-download';
import { type FileLocations, fileStatus } from './atlas-locations';
import type { InstalledAtlas } from './installed-atlases';
import { MeshCache, meshCacheKey } from './mesh-cache';
import { readBytes, readVolume } from './volume-io';
import { encodeLabelGrid, encodeTemplateImage } from '../../core/mesh/codec';
import { toStatMap } from '../../core/maps/stat-map';
import { toTemplateImage } from '../../core/atlas/template-image';
import { meshVolume } from '../workers/mesh-runner';
import { DEFAULT_MESH_SETTINGS, type MeshSettings } from '../../core/mesh/types';
import type { LabelVolume } from '../../core/atlas/label-volume';

/** ROI spheres of coordinate atlases without a radius column: 5 mm, the 10 mm-diameter spheres of Power 2011. */
export const DEFAULT_ROI_RADIUS_MM = 5;

type Loaded =
  | { type: 'labels'; atlas: LoadedAtlas; probabilities: ProbabilitySet | null }
  | { type: 'coordinates'; rois: CoordinateRoi[] }
  | { type: 'image'; dims: Vec3; affine: Float64Array; warnings: string[] };

export interface AtlasServiceOptions {
  catalog: Catalog;
  locations: FileLocations;
  installed?: InstalledAtlas[];
  maxBytes?: number;
  /** Loaded atlases kept in memory (least recently used are dropped). */
  cacheSize?: number;
  meshSettings?: MeshSettings;
  /** Region cards (atlases/region-info.json), validated. */
  regionInfo?: RegionInfoEntry[];
}

/** The atlas half of AtlasApi; AppService (app-service.ts) adds the statistical maps. */
export class AtlasService implements Omit<AtlasApi, keyof MapApi> {
  private readonly catalog: Catalog;
  private readonly locations: FileLocations;
  private readonly maxBytes: number | undefined;
  private readonly cacheSize: number;
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly meshes: MeshCache;
  private readonly info: RegionInfoEntry[];
  readonly meshSettings: MeshSettings;

  constructor(opts: AtlasServiceOptions) {
    this.locations = opts.locations;
    this.maxBytes = opts.maxBytes;
    this.cacheSize = opts.cacheSize ?? 24;
    this.meshSettings = opts.meshSettings ?? DEFAULT_MESH_SETTINGS;
    this.info = opts.regionInfo ?? [];
    this.meshes = new MeshCache(opts.locations.cacheDir ? join(opts.locations.cacheDir, 'meshes') : null);
    this.catalog = {
      ...opts.catalog,
      atlases: [...opts.catalog.atlases, ...(opts.installed ?? []).map((i) => i.atlas)],
    };
    this.installed = new Map((opts.installed ?? []).map((i) => [i.atlas.id, i]));
  }

  private readonly installed: Map<string, InstalledAtlas>;

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
    if (a.parcels !== undefined) listing.parcels = a.parcels;
    if (a.networks !== undefined) listing.networks = a.networks;
    return listing;
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
  ): Promise<Map<CatalogFile, string>> {
    const installed = this.installed.get(a.id);
    if (installed) return new Map(v.files.map((f) => [f, installed.paths.get(f) ?? f.name]));
    return ensureFiles(v.files, this.locations, {
      onProgress: onProgress
        ? (p) => onProgress({ atlasId: a.id, file: p.file.name, receivedBytes: p.received, totalBytes: p.total })
        : undefined,
    });
  }

  async fetchAtlas(req: { id: string; res?: number }, onProgress?: (p: FetchProgress) => void): Promise<AtlasListing> {
    const a = this.atlas(req.id);
    const variants = req.res === undefined ? a.variants : [chooseVariant(a, req.res)];
    for (const v of variants) await this.files(a, v, onProgress);
    return this.listing(a);
  }

  /** Loads (or returns the cached) atlas variant. */
  async load(
    id: string,
    res?: number,
    variantId?: string,
  ): Promise<{ atlas: CatalogAtlas; variant: CatalogVariant; loaded: Loaded }> {
    const atlas = this.atlas(id);
    const variant = chooseVariant(atlas, res, variantId);
    const key = `${atlas.id}@${variant.id}`;
    let p = this.loaded.get(key);
    if (p) {
      this.loaded.delete(key); // move to the back: most recently used
      this.loaded.set(key, p);
    } else {
      p = this.loadVariant(atlas, variant);
      this.loaded.set(key, p);
      p.catch(() => this.loaded.delete(key));
      while (this.loaded.size > this.cacheSize) this.loaded.delete(this.loaded.keys().next().value as string);
    }
    return { atlas, variant, loaded: await p };
  }

  private async loadVariant(atlas: CatalogAtlas, variant: CatalogVariant): Promise<Loaded> {
    const paths = await this.files(atlas, variant);
    const byRole = (role: CatalogFile['role']) => variant.files.filter((f) => f.role === role);
    const pathOf = (f: CatalogFile) => paths.get(f) as string;

    if (atlas.kind === 'coordinates') {
      const file = byRole('coordinates')[0];
      if (!file) throw new AtlasError('corrupt', `catalog atlas '${atlas.id}' has no coordinates file`);
      const rois = parseCoordinates(await readBytes(pathOf(file)), file.name);
      const table = byRole('labeltable')[0];
      if (table) {
        const names = await this.readTable(pathOf(table), table.name);
        const byValue = new Map(names.entries.map((e) => [e.value, e]));
        for (const r of rois) {
          const e = byValue.get(r.value);
          if (e && !r.name) r.name = e.name;
          if (e?.network && !r.network) r.network = e.network;
        }
      }
      return { type: 'coordinates', rois };
    }

    if (atlas.kind === 'template' || atlas.kind === 'surface' || byRole('labels').length === 0) {
      const main = byRole('template')[0] ?? byRole('mask')[0];
      if (!main) return { type: 'image', dims: [0, 0, 0], affine: identity(), warnings: [] };
      const img = await readVolume(pathOf(main), { maxBytes: this.maxBytes, frame: 0 });
      return { type: 'image', dims: img.dims, affine: img.header.affine, warnings: img.warnings };
    }

    const sides: HemisphereFile[] = [];
    const volumeWarnings: string[] = [];
    for (const file of byRole('labels')) {
      const img = await readVolume(pathOf(file), { maxBytes: this.maxBytes });
      if (variant.affine)
        img.header = { ...img.header, affine: mat4([...variant.affine, 0, 0, 0, 1]), affineSource: 'catalog' };
      volumeWarnings.push(...img.warnings);
      const side = { volume: toLabelVolume(img, file.name), fileName: file.name };
      sides.push({ ...side, hemisphere: file.hemisphere ?? 'left', offset: file.valueOffset ?? 0 });
    }
    const hemisphereFiles = byRole('labels').some((f) => f.hemisphere);
    let volume = sides[0].volume;
    if (hemisphereFiles) {
      const merged = mergeHemispheres(sides);
      volume = merged.volume;
      volumeWarnings.push(...merged.warnings);
    }
    let table: LabelTable | null = null;
    const tableFile = byRole('labeltable')[0];
    if (tableFile) {
      const colorFile = byRole('colortable')[0];
      const lut = colorFile ? await readBytes(pathOf(colorFile)) : undefined;
      table = await this.readTable(pathOf(tableFile), tableFile.name, lut);
    }
    if (hemisphereFiles) table = sidedTable(table, sides);
    const assignmentFile = byRole('network-assignment')[0];
    const networkNamesFile = byRole('network-names')[0];
    if (table && assignmentFile && networkNamesFile) {
      const assigned = assignNetworks(
        table,
        await this.readTable(pathOf(assignmentFile), assignmentFile.name),
        await this.readTable(pathOf(networkNamesFile), networkNamesFile.name),
      );
      table = { ...assigned.table, warnings: [...assigned.table.warnings, ...assigned.warnings] };
    }
    if (variant.labelNames) {
      table = {
        format: 'catalog',
        entries: variant.labelNames.map((n) => ({ value: n.value, name: n.name })),
        warnings: [],
      };
    }
    if (variant.namesFromVariant) {
      const source = await this.load(atlas.id, undefined, variant.namesFromVariant);
      if (source.loaded.type !== 'labels') {
        throw new AtlasError('corrupt', `catalog atlas '${atlas.id}': names come from a variant without labels`);
      }
      const names = namesByOverlap(volume, source.loaded.atlas);
      const sourceRegions = new Map([...source.loaded.atlas.regions].map((r) => [r.name, r]));
      table = {
        format: table?.format ?? 'node-list',
        entries: [...names].map(([value, name]) => ({ value, name, color: sourceRegions.get(name)?.color })),
        warnings: [
          `names taken from the ${variant.namesFromVariant} variant by overlap (this file's own label order differs)`,
        ],
      };
    }
    const loaded = buildAtlas({ volume, table, yeoNetworks: yeoNetworksOf(atlas) });
    loaded.warnings.unshift(...volumeWarnings);

    let probabilities: ProbabilitySet | null = null;
    const probFiles = byRole('probability');
    if (probFiles.length > 0) {
      const parts = [];
      for (const f of probFiles) {
        const pimg = await readVolume(pathOf(f), { maxBytes: this.maxBytes });
        if (f.value !== undefined) {
          parts.push({ img: pimg, value: f.value, name: loaded.names.get(f.value) ?? null, fileName: f.name });
        } else {
          // One 4D file: frame i holds the region of value i + 1 (FSL's convention).
          for (let frame = 0; frame < pimg.frames; frame++) {
            parts.push({
              img: pimg,
              value: frame + 1,
              name: loaded.names.get(frame + 1) ?? null,
              frame,
              fileName: f.name,
            });
          }
        }
      }
      probabilities = buildProbabilitySet(parts);
    }
    return { type: 'labels', atlas: loaded, probabilities };
  }

  private async readTable(path: string, name: string, colorLut?: Uint8Array): Promise<LabelTable> {
    return parseLabelTable(await readBytes(path), { fileName: name, colorLut });
  }

  async openAtlas(req: OpenAtlasRequest): Promise<AtlasSummary> {
    const { atlas, variant, loaded } = await this.load(req.id, req.res, req.variant);
    const base = { id: atlas.id, name: atlas.name, kind: atlas.kind, variant: variant.id };
    if (loaded.type === 'coordinates') {
      return {
        ...base,
        dims: [0, 0, 0],
        voxelSizeMm: [0, 0, 0],
        affine: Array.from(identity()),
        orientation: '',
        regions: loaded.rois.map(roiRegion),
        report: { inVolumeNotInTable: [], inTableNotInVolume: [] },
        warnings: [],
      };
    }
    if (loaded.type === 'image') {
      return {
        ...base,
        dims: loaded.dims,
        voxelSizeMm: voxelSize(loaded.affine),
        affine: Array.from(loaded.affine),
        orientation: orientationCodes(loaded.affine),
        regions: [],
        report: { inVolumeNotInTable: [], inTableNotInVolume: [] },
        warnings: loaded.warnings,
      };
    }
    const vol = loaded.atlas.volume;
    return {
      ...base,
      dims: vol.dims,
      voxelSizeMm: voxelSize(vol.affine),
      affine: Array.from(vol.affine),
      orientation: orientationCodes(vol.affine),
      regions: loaded.atlas.regions,
      report: loaded.atlas.report,
      warnings: loaded.atlas.warnings,
    };
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
   * given (the command line's --smooth); cached in memory and on disk for each settings.
   */
  async getAtlasMeshes(req: OpenAtlasRequest, settings: MeshSettings = this.meshSettings): Promise<ArrayBuffer> {
    const atlas = this.atlas(req.id);
    const variant = chooseVariant(atlas, req.res, req.variant);
    // The mesh depends on the volume's bytes and, where the catalog corrects the header, on that affine.
    const labelFiles = variant.files.filter((f) => f.role === 'labels');
    const sources = labelFiles.length > 0 ? labelFiles : variant.files.filter((f) => f.role === 'mask').slice(0, 1);
    // Hemisphere files: both checksums and their offsets make the key.
    const sha = sources.map((f) => `${f.sha256}${f.valueOffset ? `+${f.valueOffset}` : ''}`).join('-');
    const content = sha
      ? `${sha}${variant.affine ? `-a${variant.affine.join('_')}` : ''}`
      : `${atlas.id}@${variant.id}`;
    return this.meshes.get(
      meshCacheKey(content, settings),
      async () => meshVolume((await this.labelVolume(req)).volume, settings),
      sha !== '', // installed atlases have no checksum to key a disk cache on
    );
  }

  async getLabelGrid(req: OpenAtlasRequest): Promise<ArrayBuffer> {
    const { volume } = await this.labelVolume(req);
    return encodeLabelGrid({ dims: volume.dims, affine: Array.from(volume.affine), labels: volume.labels });
  }

  private readonly templateImages = new Map<string, Promise<ArrayBuffer>>();

  /** The template's T1 image windowed to bytes for slice views (see AtlasApi.getTemplateImage); cached per variant. */
  async getTemplateImage(req: TemplateImageRequest): Promise<ArrayBuffer> {
    const atlas = this.atlas(req.id ?? 'mni152');
    const variant = chooseVariant(atlas, req.res);
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
    return this.info;
  }

  /** Every labels atlas whose default variant is on this machine: the default set for `query`. */
  async presentLabelAtlases(): Promise<string[]> {
    const out: string[] = [];
    for (const a of this.catalog.atlases) {
      if (a.kind !== 'labels') continue;
      if ((await this.variantStatus(a, a.variants[0])) === 'present') out.push(a.id);
    }
    return out;
  }

  async query(req: QueryRequest): Promise<PointQueryResult[]> {
    const ids = req.atlases ?? (await this.presentLabelAtlases());
    if (req.variant !== undefined && ids.length !== 1) {
      throw new AtlasError('invalid-argument', 'a variant can be chosen only when querying a single atlas');
    }
    const atlases = await Promise.all(
      ids.map((id) => this.load(id, req.atlases ? req.res : this.hasRes(id, req.res), req.variant)),
    );
    return req.points.map(([x, y, z]) => {
      const hits: Record<string, AtlasHit> = {};
      for (const { atlas, loaded } of atlases) hits[atlas.id] = hitAt(loaded, [x, y, z]);
      return { x, y, z, atlases: hits };
    });
  }

  /** For default query sets: the requested resolution where the atlas has it, else its default. */
  private hasRes(id: string, res: number | undefined): number | undefined {
    if (res === undefined) return undefined;
    return this.atlas(id).variants.some((v) => v.resolutionMm === res) ? res : undefined;
  }

  /** Region records of any label volume on disk, with a table given or found beside it. */
  async regionsOfFile(
    volumePath: string,
    tablePath?: string,
  ): Promise<{ atlas: LoadedAtlas; tableFile: string | null }> {
    const img = await readVolume(volumePath, { maxBytes: this.maxBytes });
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
      table = await this.readTable(found, basename(found), lut);
    }
    const atlas = buildAtlas({ volume, table });
    atlas.warnings.unshift(...img.warnings);
    return { atlas, tableFile: found ?? null };
  }
}

function yeoNetworksOf(atlas: CatalogAtlas): 7 | 17 | undefined {
  return atlas.id === 'yeo-7' ? 7 : atlas.id === 'yeo-17' ? 17 : undefined;
}

function best(statuses: AtlasStatus[]): AtlasStatus {
  if (statuses.includes('present')) return 'present';
  if (statuses.includes('downloadable')) return 'downloadable';
  return 'missing';
}

function roiRegion(r: CoordinateRoi): RegionRecord {
  const radius = r.radiusMm ?? DEFAULT_ROI_RADIUS_MM;
  return {
    value: r.value,
    name: r.name ?? `ROI ${r.value}`,
    hemisphere: r.center[0] < 0 ? 'left' : r.center[0] > 0 ? 'right' : 'bilateral',
    network: r.network,
    color: [160, 160, 160],
    voxels: 0,
    volumeMm3: (4 / 3) * Math.PI * radius ** 3,
    centroid: r.center,
    bbox: {
      min: [r.center[0] - radius, r.center[1] - radius, r.center[2] - radius],
      max: [r.center[0] + radius, r.center[1] + radius, r.center[2] + radius],
    },
  };
}

function hitAt(loaded: Loaded, p: Vec3): AtlasHit {
  if (loaded.type === 'coordinates') {
    const roi = roiAt(loaded.rois, p, DEFAULT_ROI_RADIUS_MM);
    return roi ? { value: roi.value, name: roi.name ?? `ROI ${roi.value}` } : { value: 0, name: null };
  }
  if (loaded.type === 'image') return { value: 0, name: null };
  const hit: AtlasHit = regionAt(loaded.atlas, p[0], p[1], p[2]);
  if (loaded.probabilities) hit.probabilities = probabilitiesAt(loaded.probabilities, p[0], p[1], p[2]);
  return hit;
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
