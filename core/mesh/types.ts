/**
 * Region meshes of a label volume, built in one pass over the grid (core/mesh/surface-nets.ts). All regions live
 * in one set of arrays so the renderer draws them with one geometry and per-region ranges. The types the meshing
 * stages pass between them live here too, so a stage never imports another stage's module for a type.
 */

export interface MeshSettings {
  /** Taubin smoothing iterations (each is one shrink and one inflate step); 0 for the raw surface. */
  smoothIterations: number;
  /** Taubin's positive factor (shrink); the negative factor is derived from it and the pass band. */
  lambda: number;
  /** Taubin's negative factor (inflate), |mu| slightly larger than lambda. */
  mu: number;
  /** How dense the meshes are (standard when absent). */
  detail?: MeshDetail;
}

/**
 * 'standard': as dense as the file's grid. 'fine': each quad split in four once more, by a step of Catmull-Clark
 * subdivision (subdivide.ts): a smoother surface with four times the triangles.
 */
export type MeshDetail = 'standard' | 'fine';
export const MESH_DETAILS: readonly MeshDetail[] = ['standard', 'fine'];
/** The app's and new scenes' detail: smooth surfaces (the app draws an atlas at standard detail first). */
export const DEFAULT_MESH_DETAIL: MeshDetail = 'fine';

/** `v` as a mesh detail, or null when it names none (the caller says what is wrong, in its own words). */
export function meshDetailOf(v: unknown): MeshDetail | null {
  return MESH_DETAILS.find((d) => d === v) ?? null;
}

export const DEFAULT_MESH_SETTINGS: MeshSettings = { smoothIterations: 5, lambda: 0.5, mu: -0.53 };

/** Where a region's mesh is in a RegionMeshSet's arrays. */
export interface RegionSpan {
  /** Label value. */
  value: number;
  /** First vertex (not float) of this region in positions/normals, and how many. */
  vertexStart: number;
  vertexCount: number;
  /** First index of this region in indices, and how many (a multiple of 3). */
  indexStart: number;
  indexCount: number;
}

export interface RegionRange extends RegionSpan {
  /** Voxel count of the region, for quality checks and to mark tiny regions with a point. */
  voxels: number;
  /** Enclosed volume of the mesh in mm³ (divergence theorem). */
  meshVolumeMm3: number;
  /** Mean of the mesh vertices in mm: where a point marker goes for a region too small to see. */
  center: [number, number, number];
}

/** Region meshes as they are drawn, sent between the processes, cached and written to files. */
export interface RegionMeshSet {
  /** xyz per vertex in MNI mm; vertices are duplicated per region so each region has its own normals. */
  positions: Float32Array;
  /** Unit normals per vertex, pointing out of the region. */
  normals: Float32Array;
  /** Triangles, counter-clockwise seen from outside, indexing positions (absolute, not per region). */
  indices: Uint32Array;
  regions: RegionRange[];
}

/**
 * Region meshes as they are sent between the processes and cached (codec.ts): the normals packed into 16-bit
 * integers, a unit component times NORMAL_SCALE, which the GPU takes as they are (a normalised attribute).
 */
export interface PackedMeshSet extends Omit<RegionMeshSet, 'normals'> {
  normals: Int16Array;
}

/** A packed normal's component for 1. */
export const NORMAL_SCALE = 32767;

/**
 * Region meshes as the assembly (assemble.ts) makes them: with the net vertex each vertex copies, which the checks of
 * shared boundaries read (quality.ts). Nothing that draws or writes meshes needs it, so it is not sent or cached.
 */
export interface AssembledMeshSet extends RegionMeshSet {
  /** For each vertex, the shared surface-nets vertex it copies: equal ids on two regions = a shared boundary vertex. */
  sourceVertex: Uint32Array;
}

/**
 * Region meshes as a file writer reads them, one region at a time: a RegionMeshSet's (export-regions.ts's
 * regionMeshesOf), or regions assembled only as they are asked for, into arrays reused from one to the next
 * (assemble.ts's RegionStream), so a large mesh is written without ever being in memory whole.
 */
/** The lowest and highest x, y, z of a region's vertices, in mm. */
export type RegionBounds = { min: [number, number, number]; max: [number, number, number] };

export interface RegionMeshes {
  /** In label order; each span says where the region is, or would be, in the RegionMeshSet. */
  regions: readonly RegionSpan[];
  /** The lowest and highest x, y, z (mm) of the vertices of `region` (one of `regions`). */
  bounds(region: RegionSpan): RegionBounds;
  /** The mesh of `region` (one of `regions`): valid until the next call. */
  mesh(region: RegionSpan): RegionMesh;
}

/** One region's vertices (xyz, mm), unit normals and triangles, whose indices count from `base`. */
export interface RegionMesh {
  positions: Float32Array;
  normals: Float32Array;
  indices: Uint32Array;
  base: number;
}

/** The label grid as the renderer needs it for picking and slices: dims, affine and labels. */
export interface LabelGrid {
  dims: [number, number, number];
  /** Row-major 4x4 voxel -> MNI mm. */
  affine: number[];
  labels: Uint8Array | Uint16Array | Uint32Array;
}

/** How a quad stands for its four quarters (quad-pieces.ts): the vertices at the middles of its sides, and its own. */
export interface QuadQuarters {
  /** Per quad, four vertex ids: the middles of its sides from corner e to corner e + 1. */
  middles: Uint32Array;
  /** The vertex at quad t's middle is faceBase + t. */
  faceBase: number;
}

/** The shared cell-vertex surface net of every label boundary (surface-nets.ts), smoothed in place (smooth.ts). */
export interface SurfaceNet {
  /** Cell-vertex positions in voxel coordinates (i, j, k), 3 per vertex. */
  positions: Float32Array;
  /**
   * The low corner voxel (i, j, k) of each vertex's cell; a vertex stays within that cell (i..i+1, ...). Null for a
   * subdivided net (subdivide.ts), whose cells are those its positions are in when placed: nothing after the
   * subdivision smooths, and the small-region correction takes them from the positions before it moves any.
   */
  cells: Int16Array | null;
  /**
   * The vertex's neighbours along quad edges, 6 per vertex (−x, +x, −y, +y, −z, +z; −1 where there is none).
   * Two cells are joined when the face between them has labels that are not all equal. Smoothing rewrites them in
   * place (smooth.ts's linkDegreesRange).
   */
  links: Int32Array;
  /** 6 numbers per quad: four vertex ids (counter-clockwise seen from the low-label side), low label, high label. */
  quads: Uint32Array;
  quadCount: number;
  /**
   * A last subdivision's net (subdivide.ts) keeps the coarse net's quads, each standing for its four quarters
   * (quad-pieces.ts); null or absent where every quad is itself.
   */
  quarters?: QuadQuarters | null;
  /** Voxels per label value (index 0: background). */
  voxels: Uint32Array;
  /**
   * The volume each label should enclose, in the net's cells, where that is not its voxel count: a volume meshed on
   * its native grid (native-grid.ts) should enclose the file's voxels, which the native grid's blocks only
   * approximate. The small-region correction (small-regions.ts) aims at it.
   */
  targetVolume?: Float64Array;
  /** For each label, how many net vertices its mesh uses (a vertex is shared by every label of its cell). */
  vertexUses: Uint32Array;
}
