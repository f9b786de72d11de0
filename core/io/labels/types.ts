/** What every label-table parser returns. Parsers are pure: bytes in, table out, no I/O. */

export type Hemisphere = 'left' | 'right' | 'bilateral';

export type Rgb = [number, number, number];

export type LabelTableFormat =
  | 'fsl-xml' // FSL atlas XML (<atlas><header><type>…</type>…<data><label index=…>)
  | 'spm-xml' // SPM / AAL style XML (<label><index>…</index><name>…</name></label>)
  | 'freesurfer-lut' // FreeSurferColorLUT.txt style: "value name R G B A"
  | 'cbig-txt' // CBIG / Schaefer: "index<TAB>name<TAB>R<TAB>G<TAB>B<TAB>0"
  | 'mricron-txt' // MRIcron .nii.txt: "index name [group]" (colours in a separate binary .lut)
  | 'fsleyes-lut' // FSLeyes .lut: "value r g b name" with r, g, b in 0..1
  | 'neuroparc-csv' // neuroparc CSV without header: "value,name"
  | 'neuroparc-json' // neuroparc JSON sidecar: {"MetaData":…, "rois": {"1": {"label": …, "center": […]}}}
  | 'niivue-json' // NiiVue label colour map: {"R": […], "G": […], "B": […], "A": […], "labels": […]}
  | 'value-column' // one number per line; line i gives label i its value (AFNI .1D community index)
  | 'bids-dseg-tsv' // BIDS dseg.tsv: header with index and name columns (+ abbreviation, color, …)
  | 'delimited' // any TSV/CSV with a header naming an index column and a name column
  | 'node-list' // one name per line; line i is label i (1-based)
  | 'workbench-label-list' // Connectome Workbench label import: name line, then "index R G B A" line
  | 'catalog'; // names held in the atlas catalog itself (where no shipped table matches the volume)

/** Formats read from a file (every format but 'catalog'). */
export type FileTableFormat = Exclude<LabelTableFormat, 'catalog'>;

export interface LabelEntry {
  /** The voxel value of this region in the label volume. */
  value: number;
  name: string;
  /** A short name where the table has one ("A8m_L", "V1"). */
  abbreviation?: string;
  /** 0..255 per channel. */
  color?: Rgb;
  /** Hemisphere when the table states it in a column of its own (name-based inference happens later). */
  hemisphere?: Hemisphere;
  /** Network name when the table states it in a column of its own (Shen's network labels, Dosenbach, …). */
  network?: string;
  /** Longer description where the table has one ("A8m, medial area 8"). */
  description?: string;
  /** Other columns worth keeping (lobe, gyrus, subregion code…), by column name. */
  extra?: Record<string, string>;
  /** For probabilistic FSL atlases: the 0-based frame of the 4D image holding this region's probability. */
  frame?: number;
}

export interface LabelTable {
  format: LabelTableFormat;
  entries: LabelEntry[];
  /** True for FSL probabilistic atlases (one frame per region; value = frame + 1 in the summary image). */
  probabilistic?: boolean;
  /** Atlas-level facts the table carries (FSL/SPM XML header name, image file names…). */
  meta?: Record<string, string>;
  /** Things a person should know that did not stop parsing (duplicate values, skipped lines, guessed encoding). */
  warnings: string[];
}

export interface ParseOptions {
  /** The file's own name; used for format hints (".nii.txt", ".lut", "dseg.tsv") and in error messages. */
  fileName: string;
  /** MRIcron's binary 768-byte .lut (256 R, then 256 G, then 256 B) to colour an .nii.txt table. */
  colorLut?: Uint8Array;
}
