/**
 * The atlas catalog (atlases/catalog.json): metadata only, never image data. Validated when loaded
 * (see validate.ts); these ids are part of the public interface.
 */

export type AtlasKind = 'labels' | 'probabilistic' | 'coordinates' | 'template' | 'surface';

export type FileRole =
  | 'labels' // integer label volume
  | 'labeltable' // names (and maybe colours) of the labels
  | 'colortable' // colours only (MRIcron binary .lut)
  | 'probability' // one probability map (3D) or many (4D, one frame per region)
  | 'template' // anatomical background image
  | 'mask' // brain mask
  | 'coordinates' // table of MNI points (ROI centres)
  | 'surface' // GIFTI surface geometry or per-vertex data
  | 'surface-labels' // GIFTI label file
  | 'network-assignment' // one network number per label, line i for label i (Gordon's community .1D)
  | 'network-names' // the network names those numbers stand for, line k for number k
  | 'metadata'; // sidecar JSON etc.

export interface CatalogFile {
  /** File name, exactly as stored (and as in ../shared/atlases/<folder>/). */
  name: string;
  /** Folder under a BRAIN_ATLAS_PATH root, the cache, or a mirror: `<folder>/<name>`. */
  folder: string;
  role: FileRole;
  bytes: number;
  sha256: string;
  /** Where it downloads from; null when it has no public URL (local-only). */
  url: string | null;
  /** For role 'probability' with one 3D file per region: the label value this map belongs to. */
  value?: number;
  /**
   * For an atlas stored as one 'labels' file per hemisphere (Julich-Brain): the hemisphere this file holds. The
   * two are merged on one grid, each region named with its side.
   */
  hemisphere?: 'left' | 'right';
  /** Added to this hemisphere file's nonzero values when merged, so the two sides keep apart (e.g. 1000). */
  valueOffset?: number;
  /**
   * Ships with the app (atlases/starter/<folder>/<name>, the starter set): small and permissively licensed, found
   * after the user cache and BRAIN_ATLAS_PATH. Set by scripts/build-catalog.mjs from scripts/catalog/starter.json.
   */
  starter?: true;
}

export interface CatalogVariant {
  /** Stable id within the atlas, e.g. "1mm", "2mm", "1.25mm". */
  id: string;
  /** Isotropic voxel size in mm (0 for coordinate atlases). */
  resolutionMm: number;
  /** Grid/space this variant lives on when it differs from the atlas's (e.g. "Colin27 (ch2) 181x217x181"). */
  space?: string;
  /** Voxel dimensions of the main volume, when there is one. */
  dims?: [number, number, number];
  files: CatalogFile[];
  /**
   * When this variant's own label table does not match its volume (e.g. a relabelled copy), take names from
   * another variant of the same atlas by majority overlap of the two grids.
   */
  namesFromVariant?: string;
  /**
   * Region names written into the catalog, for a variant with no usable stored label table: the one that ships with
   * the volume is wrong (neuroparc's Yeo-17 CSV misnames 14 of 17 networks) or there is none (FreeSurfer aparc+aseg
   * numbering; MRIcron's Brodmann map, whose values are area numbers). Used in place of a 'labeltable' file; a variant
   * has at most one of the two. Checked against the volume like any table.
   */
  labelNames?: CatalogLabelName[];
  /**
   * Voxel -> MNI affine (row-major 3x4, 12 numbers) to use instead of the file's header, where the header is
   * known to be wrong (e.g. MRIcron's JHU copies, whose header mirrors x).
   */
  affine?: number[];
  notes?: string[];
}

/** One entry of CatalogVariant.labelNames. */
export interface CatalogLabelName {
  /** Voxel value in the variant's label volume. */
  value: number;
  name: string;
}

export interface CatalogAtlas {
  /** Public id: "aal3", "schaefer-400-7", "tian-s2", "power-264" … */
  id: string;
  name: string;
  /** The name in Simplified Chinese, shown when the app speaks Chinese. */
  nameZh?: string;
  /** Shared folder group this came from in ../shared/atlases (e.g. "schaefer2018"). */
  family: string;
  year: number;
  citation: string;
  doi: string | null;
  license: string;
  /** Standard space, e.g. "MNI152NLin6Asym", "MNI152 (SPM/ICBM152)", "Colin27 (MNI)". */
  space: string;
  kind: AtlasKind;
  /** Number of regions/parcels/ROIs (labels and coordinates atlases). */
  parcels?: number;
  /** Yeo network count for network-ordered atlases (7 or 17). */
  networks?: 7 | 17;
  description: string;
  /** Finest first; the first is the default. */
  variants: CatalogVariant[];
  notes?: string[];
}

export interface Catalog {
  version: 1;
  atlases: CatalogAtlas[];
}
