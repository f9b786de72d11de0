/**
 * The cortical surface (fsaverage5, from the catalog's `fsaverage5` atlas): its meshes with sulcal depth, labels
 * atlases on its vertices (the atlas's own fsaverage5 labels file where one ships, else projected from the volume)
 * and statistical maps projected onto it. GIFTI files are read and checked by core/io/gifti.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AtlasError } from '../../core/errors';
import { readGifti } from '../../core/io/gifti/gifti';
import { giftiLabelValues, giftiSurface, giftiValues, type SurfaceMesh } from '../../core/io/gifti/surface-data';
import type { LoadedAtlas } from '../../core/atlas/atlas';
import type { StatMap } from '../../core/maps/stat-map';
import type { SurfaceHemisphere, SurfaceKind } from '../../core/api/surface-api';
import { projectLabelsToSurface, midThickness } from '../../core/surface/project-labels';
import { projectMapToSurface } from '../../core/surface/project-map';
import type { SurfaceData, VertexLabels } from '../../core/surface/surface-codec';
import type { AtlasService } from './atlas-service';

/** The catalog atlas whose files are the surfaces. */
export const SURFACE_ATLAS = 'fsaverage5';

const MESH_FILE: Record<SurfaceKind, string> = { pial: 'pial', white: 'white', inflated: 'infl' };

/** File name of one fsaverage5 mesh or shape map in the catalog ("fsaverage5_pial_left.gii.gz"). */
export function surfaceFileName(what: 'pial' | 'white' | 'infl' | 'sulc', hemi: SurfaceHemisphere): string {
  return `fsaverage5_${what}_${hemi}.gii.gz`;
}

/**
 * Labels atlases whose regions ship as fsaverage5 labels files (one per hemisphere), by catalog file name. Their
 * label names are matched to the atlas's region names, so the values are the atlas's own.
 */
const SURFACE_LABEL_FILES: Record<string, (h: 'lh' | 'rh') => string> = {
  'schaefer-400-7': (h) => `fsaverage5_${h}_Schaefer2018_400Parcels_7Networks_order.label.gii`,
};

export interface SurfaceHost {
  /** The catalog's licence and citation of an atlas. */
  about(id: string): { license: string; citation: string };
  filePaths(id: string, variantId?: string): Promise<Map<string, string>>;
  /** A labels atlas as loaded, and the id of the variant it came from. */
  labelsAtlas(req: { id: string; res?: number; variant?: string }): Promise<{ atlas: LoadedAtlas; variant: string }>;
}

/** The host an atlas service gives: its files, and its labels atlases as loaded. */
export function surfaceHostOf(service: AtlasService): SurfaceHost {
  return {
    about: (id) => {
      const { license, citation } = service.atlas(id);
      return { license, citation };
    },
    filePaths: (id, variant) => service.filePaths(id, variant),
    labelsAtlas: async (req) => {
      const { variant, loaded } = await service.load(req.id, req.res, req.variant);
      if (loaded.type !== 'labels') {
        throw new AtlasError('invalid-argument', `atlas '${req.id}' has no labels to show on the surface`);
      }
      return { atlas: loaded.atlas, variant: variant.id };
    },
  };
}

/** The answer made once per key and kept; a failure is forgotten, so that the next call tries again. */
function once<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** Names compared loosely: case, spaces, underscores and dashes aside. */
const loose = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export class SurfaceService {
  private readonly meshes = new Map<string, Promise<SurfaceMesh>>();
  private readonly shapes = new Map<string, Promise<Float32Array>>();
  private readonly labels = new Map<string, Promise<VertexLabels>>();

  constructor(private readonly host: SurfaceHost) {}

  private async path(name: string): Promise<string> {
    const paths = await this.host.filePaths(SURFACE_ATLAS);
    const path = paths.get(name);
    if (!path) throw new AtlasError('not-found', `the ${SURFACE_ATLAS} atlas has no file ${name}`);
    return path;
  }

  private async gifti(name: string) {
    const path = await this.path(name);
    return readGifti(new Uint8Array(await readFile(path)), basename(path));
  }

  /** One fsaverage5 mesh (positions and triangles), read once. */
  mesh(kind: 'pial' | 'white' | 'infl', hemi: SurfaceHemisphere): Promise<SurfaceMesh> {
    const name = surfaceFileName(kind, hemi);
    return once(this.meshes, name, () => this.gifti(name).then((g) => giftiSurface(g, name)));
  }

  private sulc(hemi: SurfaceHemisphere): Promise<Float32Array> {
    const name = surfaceFileName('sulc', hemi);
    return once(this.shapes, name, () => this.gifti(name).then((g) => giftiValues(g, name)));
  }

  /** The white and pial meshes of a hemisphere, checked to share their vertices. */
  private async whiteAndPial(hemi: SurfaceHemisphere): Promise<{ white: SurfaceMesh; pial: SurfaceMesh }> {
    const [white, pial] = await Promise.all([this.mesh('white', hemi), this.mesh('pial', hemi)]);
    if (white.vertexCount !== pial.vertexCount) {
      throw new AtlasError(
        'corrupt',
        `the ${hemi} white surface has ${white.vertexCount} vertices but the pial surface ${pial.vertexCount}`,
      );
    }
    return { white, pial };
  }

  async surface(kind: SurfaceKind, hemi: SurfaceHemisphere): Promise<SurfaceData> {
    const [shown, { white, pial }, sulc] = await Promise.all([
      this.mesh(MESH_FILE[kind] as 'pial' | 'white' | 'infl', hemi),
      this.whiteAndPial(hemi),
      this.sulc(hemi),
    ]);
    if (shown.vertexCount !== white.vertexCount || sulc.length !== white.vertexCount) {
      throw new AtlasError(
        'corrupt',
        `the ${hemi} ${kind} surface (${shown.vertexCount} vertices) and its sulcal depth (${sulc.length}) do not ` +
          `match the white surface (${white.vertexCount})`,
      );
    }
    return {
      vertexCount: shown.vertexCount,
      positions: shown.positions,
      mid: midThickness(white.positions, pial.positions),
      triangles: shown.triangles,
      sulc,
      ...this.host.about(SURFACE_ATLAS),
    };
  }

  /** A map's values on the vertices of one hemisphere (core/surface/project-map.ts). */
  async projectMap(map: StatMap, hemi: SurfaceHemisphere): Promise<Float32Array> {
    const { white, pial } = await this.whiteAndPial(hemi);
    return projectMapToSurface(map, white.positions, pial.positions);
  }

  /** A labels atlas on the vertices of one hemisphere, as the atlas's label values. */
  vertexLabels(req: { id: string; res?: number; variant?: string }, hemi: SurfaceHemisphere): Promise<VertexLabels> {
    const key = `${req.id}|${req.res ?? ''}|${req.variant ?? ''}|${hemi}`;
    return once(this.labels, key, () => this.computeLabels(req, hemi));
  }

  private async computeLabels(
    req: { id: string; res?: number; variant?: string },
    hemi: SurfaceHemisphere,
  ): Promise<VertexLabels> {
    const { atlas } = await this.host.labelsAtlas(req);
    const fileOf = SURFACE_LABEL_FILES[req.id];
    if (fileOf) {
      const name = fileOf(hemi === 'left' ? 'lh' : 'rh');
      const [{ keys, labels }, white] = await Promise.all([
        this.gifti(name).then((g) => giftiLabelValues(g, name)),
        this.mesh('white', hemi),
      ]);
      if (keys.length !== white.vertexCount) {
        throw new AtlasError(
          'corrupt',
          `${name} labels ${keys.length} vertices but the ${hemi} surface has ${white.vertexCount}`,
        );
      }
      // Every name the atlas's table gives, also of regions with no voxels at this resolution.
      const byName = new Map([...atlas.names].map(([value, n]) => [loose(n), value]));
      const valueOfKey = new Map<number, number>();
      const unmatched: string[] = [];
      for (const l of labels) {
        if (l.key === 0) continue;
        const value = byName.get(loose(l.name));
        if (value === undefined) unmatched.push(l.name);
        else valueOfKey.set(l.key, value);
      }
      if (unmatched.length > 0) {
        throw new AtlasError(
          'invalid-labels',
          `${unmatched.length} label(s) of ${name} (first: "${unmatched[0]}") name no region of ${req.id}`,
        );
      }
      const out = new Int32Array(keys.length);
      for (let v = 0; v < keys.length; v++) out[v] = valueOfKey.get(keys[v]) ?? 0;
      return { labels: out, source: 'surface-file' };
    }
    const { white, pial } = await this.whiteAndPial(hemi);
    return {
      labels: projectLabelsToSurface(atlas.volume, white.positions, pial.positions, white.triangles),
      source: 'projected',
    };
  }
}
