/**
 * The inputs the fuzzers mutate: small NIfTI files and label tables of every supported format, made in code
 * (tests/helpers/nifti-writer.ts), plus, when BRAIN_ATLAS_PATH holds them, a few small real atlases and tables
 * read once. Mutations always work on copies (mutate-nifti.ts, mutate-table.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { detectLabelTableFormat } from '../../core/io/labels/detect';
import type { FileTableFormat } from '../../core/io/labels/types';
import { ball, writeNifti } from '../helpers/nifti-writer';
import { sharedAtlasDir } from '../helpers/shared-atlases';

export interface NiftiSeed {
  name: string;
  /** The file name the decoder is told (its extension says whether the bytes are gzipped). */
  fileName: string;
  /** The uncompressed file: header mutations apply here. */
  raw: Uint8Array;
  gzip: boolean;
  /** A label table that goes with the volume (unmutated), for buildAtlas. */
  table?: { fileName: string; bytes: Uint8Array };
  real?: boolean;
}

export interface TableSeed {
  name: string;
  fileName: string;
  bytes: Uint8Array;
  /** The format the unmutated seed is detected as. */
  format: FileTableFormat;
  real?: boolean;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** 2 mm LAS like FSL's MNI files. */
const LAS = [-2, 0, 0, 12, 0, 2, 0, -14, 0, 0, 2, -10];
const DIMS: [number, number, number] = [12, 14, 10];

function twoBalls(dims: [number, number, number] = DIMS, a = 1, b = 2): number[] {
  const v = ball(dims, [3, 4, 4], 2, a);
  return ball(dims, [8, 9, 5], 2.5, b, v);
}

const SYNTH_TABLE = {
  fileName: 'synth.txt',
  bytes: enc('1\tLeft_Ball\t200\t10\t10\t0\n2\tRight_Ball\t10\t10\t200\t0\n'),
};

/** Small real-shaped files in code: both NIfTI versions, both byte orders, integer and float labels, 4D, qform. */
export function syntheticNiftiSeeds(): NiftiSeed[] {
  const seed = (name: string, fileName: string, raw: Uint8Array, gzip: boolean): NiftiSeed => ({
    name,
    fileName,
    raw,
    gzip,
    table: SYNTH_TABLE,
  });
  const labels = twoBalls();
  const stat = labels.map((v, i) => (v === 0 ? ((i % 7) - 3) * 0.5 : v * 2.5 + (i % 3)));
  const big = twoBalls(DIMS, 300, 70000);
  return [
    seed('v1-uint8-gz', 'uint8.nii.gz', writeNifti({ dims: DIMS, data: labels, affine: LAS, sformCode: 4 }), true),
    seed(
      'v1-int16-be',
      'int16-be.nii',
      writeNifti({ dims: DIMS, data: labels, dtype: 'int16', affine: LAS, bigEndian: true, qformCode: 4 }),
      false,
    ),
    seed(
      'v1-float32-scaled-gz',
      'float32.nii.gz',
      writeNifti({ dims: DIMS, data: labels.map((v) => v / 2), dtype: 'float32', affine: LAS, slope: 2 }),
      true,
    ),
    seed(
      'v1-qform-only',
      'qform.nii',
      writeNifti({
        dims: DIMS,
        data: labels,
        dtype: 'uint16',
        sformCode: 0,
        qformCode: 1,
        quatern: [0, 0, 1, 12, -14, -10],
        qfac: -1,
        pixdim: [2, 2, 2],
      }),
      false,
    ),
    seed(
      'v1-int64-uint32-labels',
      'int64.nii.gz',
      writeNifti({ dims: DIMS, data: big, dtype: 'int64', affine: LAS }),
      true,
    ),
    seed(
      'v1-stat-4d-gz',
      'stat4d.nii.gz',
      writeNifti({ dims: [...DIMS, 2], data: [...stat, ...stat.map((v) => -v)], dtype: 'float32', affine: LAS }),
      true,
    ),
    seed(
      'v2-uint16-gz',
      'v2.nii.gz',
      writeNifti({ dims: DIMS, data: labels, dtype: 'uint16', affine: LAS, version: 2, qformCode: 4 }),
      true,
    ),
    seed(
      'v2-float64-be',
      'v2-be.nii',
      writeNifti({ dims: DIMS, data: labels, dtype: 'float64', affine: LAS, version: 2, bigEndian: true }),
      false,
    ),
  ];
}

/** One valid table per supported format, each with entries 1 and 2 (the synthetic seeds' labels). */
export const TABLE_TEXTS: Record<FileTableFormat, [fileName: string, text: string]> = {
  'fsl-xml': [
    'atlas.xml',
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<atlas version="1.0">\n  <header>\n    <name>Test &amp; Atlas</name>\n    <type>Label</type>\n  </header>\n  <data>\n    <label index="1" x="48" y="94" z="35">Frontal Pole</label>\n    <label index="2" x="25" y="70" z="32">Insular Cortex</label>\n  </data>\n</atlas>\n',
  ],
  'spm-xml': [
    'aal.xml',
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<atlas version="2.0">\n  <header><name>AAL</name></header>\n  <data>\n    <label><index>1</index><name>Precentral_L</name></label>\n    <label><index>2</index><name>Precentral_R</name><color>255 128 0</color></label>\n  </data>\n</atlas>\n',
  ],
  'freesurfer-lut': [
    'FreeSurferColorLUT.txt',
    '#$Id: FreeSurferColorLUT.txt\n#No. Label Name:   R   G   B   A\n\n0   Unknown            0   0   0   0\n1   Left-Cerebral-Exterior  70  130 180 0\n2   Left-Cerebral-White-Matter 245 245 245 0\n',
  ],
  'cbig-txt': [
    'Schaefer_order.txt',
    '1\t7Networks_LH_Vis_1\t120\t17\t128\t0\n2\t7Networks_RH_Default_PCC_9\t208\t64\t77\t0\n',
  ],
  'mricron-txt': ['aal.nii.txt', '1 Precentral_L 2001\r\n2 Precentral_R 2002\r\n'],
  'fsleyes-lut': [
    'cortical.lut',
    '1  0.00000 0.93333 0.00000 Frontal Pole\n2  0.62745 0.32157 0.17647 Insular Cortex\n',
  ],
  'neuroparc-csv': ['Brodmann.csv', '0,empty\n1,Brodmann_area_1\n2,Brodmann_area_2\n'],
  'neuroparc-json': [
    'Desikan.json',
    JSON.stringify({
      MetaData: { AtlasName: 'Desikan' },
      rois: {
        '0': { label: 'empty', center: null },
        '1': { label: 'L_white_matter', center: [-19.4, -9.5, 1.25], size: 80 },
        '2': { label: 'R_white_matter', center: [19.4, -9.5, 1.25], size: 81 },
      },
    }),
  ],
  'niivue-json': [
    'niivue.json',
    JSON.stringify({ R: [0, 71, 10], G: [0, 46, 20], B: [0, 154, 30], A: [0, 64, 64], labels: ['', 'A', 'B'] }),
  ],
  'bids-dseg-tsv': [
    'sub-01_dseg.tsv',
    'index\tname\tabbreviation\tcolor\tmapping\n1\tGray Matter\tGM\t#ff0000\t8\n2\tWhite Matter\tWM\t#00FF00\t2\n',
  ],
  delimited: ['LUT.csv', 'label,ROI,hemi\n1,Precentral,L\n2,Precentral,R\n'],
  'node-list': ['nodenames.txt', 'LH_Vis_1\nRH_Vis_2\n'],
  'workbench-label-list': ['x_label.txt', 'aHIP-rh\n1 144 246 45 255\npHIP-rh\n2 34 165 59 255\n'],
  'value-column': ['communities.1D', '1\n2\n'],
};

export function syntheticTableSeeds(): TableSeed[] {
  return Object.entries(TABLE_TEXTS).map(([format, [fileName, text]]) => ({
    name: format,
    fileName,
    bytes: enc(text),
    format: format as FileTableFormat,
  }));
}

/** Small real atlases and tables from the shared folder, when it is there; read once. */
const REAL_NIFTI: [folder: string, file: string, table: string][] = [
  ['jhu-wm', 'JHU-WhiteMatter-labels-2mm.nii.gz', 'JHU-WhiteMatter-labels-2mm.nii.txt'],
  ['tian2020', 'Tian_Subcortex_S1_3T_2009cAsym.nii.gz', 'Tian_Subcortex_S1_3T_label.txt'],
];

const REAL_TABLES: [folder: string, file: string][] = [
  ['aal', 'aal.nii.txt'],
  ['aal3', 'AAL3v1_1mm.xml'],
  ['aal3', 'LUT.csv'],
  ['harvard-oxford', 'harvard-oxford-cortical.lut'],
  ['harvard-oxford', 'HarvardOxfordcort-maxprob.csv'],
  ['brainnetome', 'BN_Atlas_246_LUT.txt'],
  ['schaefer2018', 'Schaefer2018_200Parcels_7Networks_order.txt'],
  ['schaefer2018', 'Schaefer2018_100Parcels_17Networks_order_info.tsv'],
  ['schaefer2018', 'Schaefer2018_100Parcels_7Networks_order_Tian_Subcortex_S2_label.txt'],
  ['yeo2011', 'Yeo-7-liberal_space-MNI152NLin6_res-1x1x1.json'],
  ['julich-brain', 'Julich.json'],
  ['gordon2016', 'gordon333CommunityAffiliation.1D'],
  ['seitzman2018', 'seitzman_2018_ROIs_anatomicalLabels.txt'],
  ['tian2020', 'Tian_Subcortex_S1_3T_label.txt'],
  ['wang2015-retinotopy', 'space-MNI_seg-wang_dseg.xml'],
  ['glasser-mmp', 'Glasser_360Parcels_info.tsv'],
];

let realCache: { nifti: NiftiSeed[]; tables: TableSeed[] } | null = null;

export function realSeeds(): { nifti: NiftiSeed[]; tables: TableSeed[] } {
  if (realCache) return realCache;
  const dir = sharedAtlasDir();
  const nifti: NiftiSeed[] = [];
  const tables: TableSeed[] = [];
  if (dir) {
    for (const [folder, file, table] of REAL_NIFTI) {
      const path = join(dir, folder, file);
      if (!existsSync(path)) continue;
      const tablePath = join(dir, folder, table);
      nifti.push({
        name: `real:${file}`,
        fileName: file,
        raw: gunzipSync(readFileSync(path)),
        gzip: true,
        table: existsSync(tablePath) ? { fileName: table, bytes: readFileSync(tablePath) } : undefined,
        real: true,
      });
    }
    for (const [folder, file] of REAL_TABLES) {
      const path = join(dir, folder, file);
      if (!existsSync(path)) continue;
      const bytes = new Uint8Array(readFileSync(path));
      const format = detectLabelTableFormat(bytes, file);
      if (format) tables.push({ name: `real:${file}`, fileName: file, bytes, format, real: true });
    }
  }
  realCache = { nifti, tables };
  return realCache;
}
