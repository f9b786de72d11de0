/**
 * The part of the API (core/api/index.ts) about the cortical surface (fsaverage5): its meshes, and atlases and
 * statistical maps projected onto its vertices. Implemented by main/services/surface-service.ts; the binary
 * answers are read with core/surface/surface-codec.ts.
 */
import type { AtlasRequest } from './systems-api';

export const SURFACE_HEMISPHERES = ['left', 'right'] as const;
export type SurfaceHemisphere = (typeof SURFACE_HEMISPHERES)[number];
/** The fsaverage5 meshes a view can show; sulcal depth and the mid-thickness surface come with each. */
export const SURFACE_KINDS = ['pial', 'white', 'inflated'] as const;
export type SurfaceKind = (typeof SURFACE_KINDS)[number];

export interface SurfaceRequest {
  hemi: SurfaceHemisphere;
  kind: SurfaceKind;
}

export interface SurfaceMapRequest {
  mapId: string;
  hemi: SurfaceHemisphere;
}

export interface SurfaceLabelsRequest extends AtlasRequest {
  hemi: SurfaceHemisphere;
}

/** How a labels atlas reached the vertices: its own surface labels file, or projected from its volume. */
export type SurfaceLabelSource = 'surface-file' | 'projected';

export interface SurfaceApi {
  /**
   * BINARY (decodeSurface): one hemisphere of fsaverage5 as `kind`, with the mid-thickness positions (MNI mm,
   * approximately: fsaverage is not MNI152), the triangles and the sulcal depth of every vertex.
   */
  getSurface(req: SurfaceRequest): Promise<ArrayBuffer>;
  /** BINARY (decodeVertexValues): an open map's current frame projected onto the vertices (core/surface/project-map.ts). */
  getSurfaceMap(req: SurfaceMapRequest): Promise<ArrayBuffer>;
  /**
   * BINARY (decodeVertexLabels): a labels atlas on the vertices, as label values of that atlas (0: none); from the
   * atlas's own fsaverage5 labels file where one ships, else projected from its volume (project-labels.ts).
   */
  getSurfaceLabels(req: SurfaceLabelsRequest): Promise<ArrayBuffer>;
}

export const SURFACE_API_METHODS = [
  'getSurface',
  'getSurfaceMap',
  'getSurfaceLabels',
] as const satisfies readonly (keyof SurfaceApi)[];
