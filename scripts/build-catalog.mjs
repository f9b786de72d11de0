#!/usr/bin/env node
/**
 * Builds atlases/catalog.json from a hand-written spec (below) and the shared data manifest.
 *
 *   node scripts/build-catalog.mjs [path/to/manifest.json]      (default: ../shared/atlases/manifest.json)
 *
 * The spec says what each public atlas is (id, names, years, DOIs, licences, notes) and which stored files form each
 * variant. Everything that can be read off the data is filled in mechanically from the manifest: the folder (the
 * manifest atlas id), role, bytes, sha256, the download URL (from the file's source) and the grid dims. A file the
 * spec names but the manifest lacks stops the build.
 *
 * It also rewrites the table between `<!-- atlases:begin -->` and `<!-- atlases:end -->` in README.md when both
 * markers are there; otherwise it prints the table so it can be pasted.
 *
 * Pairings of volumes and label tables below were checked against the data (value sets, hemisphere of each named
 * region's centre of mass, overlaps with other atlases); the reasons are in the notes that go into the catalog.
 * Plain Node, no dependencies.
 */
import { readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------------------------
// Shared text
// ---------------------------------------------------------------------------------------------------------------

const CITE = {
  schaefer:
    'Schaefer A, Kong R, Gordon EM, Laumann TO, Zuo XN, Holmes AJ, Eickhoff SB, Yeo BTT (2018). Local-Global parcellation of the human cerebral cortex from intrinsic functional connectivity MRI. Cerebral Cortex 28(9):3095-3114. doi:10.1093/cercor/bhx179',
  yeo: 'Yeo BTT, Krienen FM, Sepulcre J, Sabuncu MR, Lashkari D, Hollinshead M, Roffman JL, Smoller JW, Zollei L, Polimeni JR, Fischl B, Liu H, Buckner RL (2011). The organization of the human cerebral cortex estimated by intrinsic functional connectivity. Journal of Neurophysiology 106(3):1125-1165. doi:10.1152/jn.00338.2011',
  tian: 'Tian Y, Margulies DS, Breakspear M, Zalesky A (2020). Topographic organization of the human subcortex unveiled with functional connectivity gradients. Nature Neuroscience 23(11):1421-1432. doi:10.1038/s41593-020-00711-6',
  harvardOxford:
    'Makris N et al. (2006) Schizophr Res 83(2-3):155-171; Frazier JA et al. (2005) Am J Psychiatry 162(7):1256-1265; Desikan RS et al. (2006) NeuroImage 31(3):968-980; Goldstein JM et al. (2007) Biol Psychiatry 61(8):935-945.',
  desikan:
    'Desikan RS, Segonne F, Fischl B, Quinn BT, Dickerson BC, Blacker D, Buckner RL, Dale AM, Maguire RP, Hyman BT, Albert MS, Killiany RJ (2006). An automated labeling system for subdividing the human cerebral cortex on MRI scans into gyral based regions of interest. NeuroImage 31(3):968-980. doi:10.1016/j.neuroimage.2006.01.021',
  klein:
    'Klein A, Tourville J (2012). 101 labeled brain images and a consistent human cortical labeling protocol. Frontiers in Neuroscience 6:171. doi:10.3389/fnins.2012.00171',
  glasser:
    'Glasser MF, Coalson TS, Robinson EC, Hacker CD, Harwell J, Yacoub E, Ugurbil K, Andersson J, Beckmann CF, Jenkinson M, Smith SM, Van Essen DC (2016). A multi-modal parcellation of human cerebral cortex. Nature 536(7615):171-178. doi:10.1038/nature18933',
  craddock:
    'Craddock RC, James GA, Holtzheimer PE, Hu XP, Mayberg HS (2012). A whole brain fMRI atlas generated via spatially constrained spectral clustering. Human Brain Mapping 33(8):1914-1928. doi:10.1002/hbm.21333',
};

const LIC = {
  schaefer:
    'MIT (CBIG). Copies from PennLINC/xcp_d (BSD-3-Clause), neurodata/neuroparc (Apache-2.0), ThomasYeoLab/CBIG (MIT)',
  schaeferTian: 'Schaefer: MIT (CBIG); Tian: no licence file in yetianmed/subcortex (cite the papers)',
  yeo: 'MIT (CBIG). Copies from neurodata/neuroparc (Apache-2.0) and cpp-lln-lab/CPP_ROI (GPL-3.0)',
  tian: 'No licence file in yetianmed/subcortex; the authors ask users to cite the paper',
  harvardOxford:
    'FSL licence (non-commercial). Copies from neurodata/neuroparc (Apache-2.0); LUTs from FSLeyes (Apache-2.0)',
  desikan: 'FreeSurfer licence (original data). Copies from neurodata/neuroparc (Apache-2.0)',
  glasser:
    'HCP-MMP1.0 is under the HCP data use terms (BALSA). Copies from PennLINC/xcp_d (BSD-3-Clause), neurodata/neuroparc (Apache-2.0), cpp-lln-lab/CPP_ROI (GPL-3.0)',
  craddock: 'CC BY-NC-SA (per nilearn). Copies from neurodata/neuroparc (Apache-2.0) and Chaogan-Yan/DPABI (LGPL-2.1)',
  nilearnCoords: 'Upstream licence unknown (per nilearn); the nilearn copy is BSD-3-Clause',
};

const MNI6 = 'MNI152NLin6Asym';
const NOTE_1MM_NEUROPARC =
  "The 1 mm volume is neuroparc's (header rewritten by neuroparc); sampled at even voxel indices it equals the 2 mm volume exactly.";

// ---------------------------------------------------------------------------------------------------------------
// Names the catalog carries itself (CatalogVariant.labelNames), where no stored table is right
// ---------------------------------------------------------------------------------------------------------------

/**
 * Yeo 2011 17 networks in Yeo's label order. Derived by majority overlap of the Yeo-17 volume with the xcp_d
 * Schaefer 400x17 and 1000x17 parcels, whose names carry the network: every network maps to one Yeo label
 * (VisCent 1, VisPeri 2, SomMotA 3, SomMotB 4, DorsAttnA 5, DorsAttnB 6, SalVentAttnA 7, SalVentAttnB 8,
 * LimbicA 9, LimbicB 10, ContC 11, ContA 12, ContB 13, TempPar 14, DefaultC 15, DefaultA 16, DefaultB 17).
 */
const YEO17_NAMES = [
  'Visual A (VisCent)',
  'Visual B (VisPeri)',
  'Somatomotor A (SomMotA)',
  'Somatomotor B (SomMotB)',
  'Dorsal Attention A (DorsAttnA)',
  'Dorsal Attention B (DorsAttnB)',
  'Salience / Ventral Attention A (SalVentAttnA)',
  'Salience / Ventral Attention B (SalVentAttnB)',
  'Limbic A, temporal pole (LimbicA)',
  'Limbic B, orbitofrontal (LimbicB)',
  'Control C (ContC)',
  'Control A (ContA)',
  'Control B (ContB)',
  'Temporal Parietal (TempPar)',
  'Default C (DefaultC)',
  'Default A (DefaultA)',
  'Default B (DefaultB)',
].map((name, i) => ({ value: i + 1, name }));

/**
 * MRIcron's brodmann.nii.gz: values are Brodmann area numbers. neuroparc's Brodmann volumes hold exactly the same
 * voxels (identical region sizes; a pure (-2, -2, -3) mm shift) re-indexed 1..41 in ascending order of these values,
 * so each value takes the neuroparc name of the same rank; both variants then show the same names.
 */
const BRODMANN_COLIN_NAMES = [
  [1, 'Brodmann_area_1'],
  [2, 'Brodmann_area_2'],
  [3, 'Brodmann_area_3'],
  [4, 'Brodmann_area_4'],
  [5, 'Brodmann_area_5'],
  [6, 'Brodmann_area_6'],
  [7, 'Brodmann_area_7'],
  [8, 'Brodmann_area_8'],
  [9, 'Brodmann_area_9'],
  [10, 'Brodmann_area_10'],
  [11, 'Brodmann_area_11_12'],
  [17, 'Brodmann_area_17'],
  [18, 'Brodmann_area_18'],
  [19, 'Brodmann_area_19'],
  [20, 'Brodmann_area_20'],
  [21, 'Brodmann_area_21'],
  [22, 'Brodmann_area_22'],
  [23, 'Brodmann_area_23_31'],
  [24, 'Brodmann_area_24'],
  [25, 'Brodmann_area_25'],
  [26, 'Brodmann_area_26'],
  [27, 'Brodmann_area_27'],
  [28, 'Brodmann_area_28'],
  [29, 'Brodmann_area_29'],
  [30, 'Brodmann_area_30'],
  [32, 'Brodmann_area_32_33'],
  [34, 'Brodmann_area_34'],
  [35, 'Brodmann_area_35'],
  [36, 'Brodmann_area_36'],
  [37, 'Brodmann_area_37'],
  [38, 'Brodmann_area_38'],
  [39, 'Brodmann_area_39'],
  [40, 'Brodmann_area_40'],
  [41, 'Brodmann_area_41'],
  [42, 'Brodmann_area_42'],
  [43, 'Brodmann_area_43'],
  [44, 'Brodmann_area_44'],
  [45, 'Brodmann_area_45'],
  [46, 'Brodmann_area_46'],
  [47, 'Brodmann_area_47'],
  [48, 'Brodmann_area_16'],
].map(([value, name]) => ({ value, name }));

/** FreeSurfer colour-table names for the 96 values of neuroparc's DesikanKlein volumes (aparc.DKTatlas+aseg). */
const DKT_CORTEX = [
  [2, 'caudalanteriorcingulate'],
  [3, 'caudalmiddlefrontal'],
  [5, 'cuneus'],
  [6, 'entorhinal'],
  [7, 'fusiform'],
  [8, 'inferiorparietal'],
  [9, 'inferiortemporal'],
  [10, 'isthmuscingulate'],
  [11, 'lateraloccipital'],
  [12, 'lateralorbitofrontal'],
  [13, 'lingual'],
  [14, 'medialorbitofrontal'],
  [15, 'middletemporal'],
  [16, 'parahippocampal'],
  [17, 'paracentral'],
  [18, 'parsopercularis'],
  [19, 'parsorbitalis'],
  [20, 'parstriangularis'],
  [21, 'pericalcarine'],
  [22, 'postcentral'],
  [23, 'posteriorcingulate'],
  [24, 'precentral'],
  [25, 'precuneus'],
  [26, 'rostralanteriorcingulate'],
  [27, 'rostralmiddlefrontal'],
  [28, 'superiorfrontal'],
  [29, 'superiorparietal'],
  [30, 'superiortemporal'],
  [31, 'supramarginal'],
  [34, 'transversetemporal'],
  [35, 'insula'],
];
const DESIKAN_KLEIN_NAMES = [
  [4, 'Left-Lateral-Ventricle'],
  [5, 'Left-Inf-Lat-Vent'],
  [6, 'Left-Cerebellum-Exterior'],
  [7, 'Left-Cerebellum-White-Matter'],
  [10, 'Left-Thalamus'],
  [11, 'Left-Caudate'],
  [12, 'Left-Putamen'],
  [13, 'Left-Pallidum'],
  [14, '3rd-Ventricle'],
  [15, '4th-Ventricle'],
  [16, 'Brain-Stem'],
  [17, 'Left-Hippocampus'],
  [18, 'Left-Amygdala'],
  [24, 'CSF'],
  [26, 'Left-Accumbens-area'],
  [28, 'Left-VentralDC'],
  [30, 'Left-vessel'],
  [43, 'Right-Lateral-Ventricle'],
  [44, 'Right-Inf-Lat-Vent'],
  [45, 'Right-Cerebellum-Exterior'],
  [46, 'Right-Cerebellum-White-Matter'],
  [49, 'Right-Thalamus'],
  [50, 'Right-Caudate'],
  [51, 'Right-Putamen'],
  [52, 'Right-Pallidum'],
  [53, 'Right-Hippocampus'],
  [54, 'Right-Amygdala'],
  [58, 'Right-Accumbens-area'],
  [60, 'Right-VentralDC'],
  [91, 'Left-basal-forebrain'],
  [92, 'Right-basal-forebrain'],
  [630, 'Cerebellar-Vermal-Lobules-I-V'],
  [631, 'Cerebellar-Vermal-Lobules-VI-VII'],
  [632, 'Cerebellar-Vermal-Lobules-VIII-X'],
  ...DKT_CORTEX.map(([v, n]) => [1000 + v, `ctx-lh-${n}`]),
  ...DKT_CORTEX.map(([v, n]) => [2000 + v, `ctx-rh-${n}`]),
]
  .sort((a, b) => a[0] - b[0])
  .map(([value, name]) => ({ value, name }));

/**
 * Wang 2015 probability maps -> values of neuroparc's merged max-probability volume (Princetonvisual.csv:
 * 1..24 = L_V1v..L_FEF without L_IPS5, 25..49 = R_V1v..R_FEF). perc_VTPM_vol_roiN_{lh,rh} is area N of Wang's
 * 25 (LUT.csv: 1 V1v .. 23 IPS5, 24 SPL1, 25 FEF): the per-voxel argmax of the 25 maps equals the CPP_ROI
 * max-probability map (space-MNI_hemi-*_dseg) at 99.7% of its voxels, lh maps lie at x < 0, and each dseg label
 * N coincides voxel-for-voxel with the neuroparc label below. Left IPS5 (roi23_lh) never wins the maximum, so the
 * merged volume has no label for it and its map carries no value.
 */
function wangValue(roi, hemi) {
  if (hemi === 'rh') return roi + 24;
  if (roi <= 22) return roi;
  if (roi === 23) return undefined;
  return roi - 1; // SPL1 24 -> 23, FEF 25 -> 24
}
const WANG_PROBABILITY = ['lh', 'rh'].flatMap((hemi) =>
  Array.from({ length: 25 }, (_, i) => {
    const roi = i + 1;
    const value = wangValue(roi, hemi);
    return value === undefined
      ? { name: `perc_VTPM_vol_roi${roi}_${hemi}.nii.gz` }
      : { name: `perc_VTPM_vol_roi${roi}_${hemi}.nii.gz`, value };
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// The spec. Files: "name" (in the atlas's family folder) or "folder/name"; objects add `value` (probability maps).
// `main` names the file whose grid gives the variant's dims (default: the labels file, else the first volume).
// ---------------------------------------------------------------------------------------------------------------

/** @type {any[]} */
const SPEC = [];

// --- Brodmann -------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'brodmann',
  name: 'Brodmann areas',
  family: 'brodmann',
  year: 1909,
  citation:
    'Brodmann K (1909). Vergleichende Lokalisationslehre der Grosshirnrinde in ihren Prinzipien dargestellt auf Grund des Zellenbaues. Leipzig: J.A. Barth.',
  doi: null,
  cite: 'Brodmann 1909',
  license: 'BSD-3-Clause (Debian mricron-data package); neuroparc copies Apache-2.0',
  space: MNI6,
  kind: 'labels',
  parcels: 41,
  description: "Brodmann's cytoarchitectonic areas as a volumetric map (MRIcron's digitisation, 41 areas).",
  notes: [
    "neuroparc's MNI152NLin6Asym volumes hold exactly the voxels of MRIcron's Colin27 map, re-indexed 1-41 and shifted by (-2, -2, -3) mm; an approximate, not a registered, MNI152 version.",
    'Areas 11/12, 23/31 and 32/33 are single regions; the large deep region MRIcron stores as 48 is named Brodmann_area_16 by neuroparc.',
  ],
  variants: [
    { id: '1mm', resolutionMm: 1, files: ['Brodmann_space-MNI152NLin6_res-1x1x1.nii.gz', 'Brodmann.csv'] },
    {
      id: '1mm-colin27',
      resolutionMm: 1,
      space: 'Colin27 (ch2) 181x217x181, MRIcron grid',
      files: ['brodmann.nii.gz', 'brodmann.nii.lut'],
      labelNames: BRODMANN_COLIN_NAMES,
      notes: [
        "MRIcron's original: voxel values are Brodmann area numbers; names are neuroparc's for the same regions (the MRIcron package has no name table, only colours). Local-only (Debian package).",
      ],
    },
    { id: '2mm', resolutionMm: 2, files: ['Brodmann_space-MNI152NLin6_res-2x2x2.nii.gz', 'Brodmann.csv'] },
  ],
});

// --- AAL3, AAL ------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'aal3',
  name: 'AAL3 (Automated Anatomical Labelling atlas 3)',
  family: 'aal3',
  year: 2020,
  citation:
    'Rolls ET, Huang CC, Lin CP, Feng J, Joliot M (2020). Automated anatomical labelling atlas 3. NeuroImage 206:116189. doi:10.1016/j.neuroimage.2019.116189',
  doi: '10.1016/j.neuroimage.2019.116189',
  license: 'Upstream licence unknown (GIN distributes it free for research); copy from cpp-lln-lab/CPP_ROI (GPL-3.0)',
  space: 'MNI152 (SPM12 grid)',
  kind: 'labels',
  parcels: 166,
  description:
    'Anatomical parcellation of cortex, subcortex and cerebellum into 166 regions, with thalamic nuclei and brainstem nuclei added to AAL2.',
  notes: [
    'Values 35, 36, 81 and 82 are unused (166 regions, highest value 170).',
    "Names from AAL3v1_1mm.xml for both grids (same values); CPP_ROI's LUT.csv is not used: some rows have an unquoted comma in the name or no hemisphere column.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['AAL3v1_1mm.nii.gz', 'AAL3v1_1mm.xml'],
      notes: ['Stored RAS (positive x step) while the 2 mm file is LAS; both are right through their sform.'],
    },
    { id: '2mm', resolutionMm: 2, files: ['AAL3v1.nii.gz', 'AAL3v1_1mm.xml'] },
  ],
});

SPEC.push({
  id: 'aal',
  name: 'AAL (Automated Anatomical Labeling, 116 regions)',
  family: 'aal',
  year: 2002,
  citation:
    'Tzourio-Mazoyer N, Landeau B, Papathanassiou D, Crivello F, Etard O, Delcroix N, Mazoyer B, Joliot M (2002). Automated anatomical labeling of activations in SPM using a macroscopic anatomical parcellation of the MNI MRI single-subject brain. NeuroImage 15(1):273-289. doi:10.1006/nimg.2001.0978',
  doi: '10.1006/nimg.2001.0978',
  license: 'Upstream licence unknown (per nilearn); copy from the Debian mricron-data package (BSD-3-Clause)',
  space: 'MNI (Colin27 / ch2 single subject)',
  kind: 'labels',
  parcels: 116,
  description: 'The original macroscopic anatomical parcellation of the MNI single-subject brain into 116 regions.',
  notes: ["MRIcron's copy: names in aal.nii.txt, colours in the binary aal.nii.lut. Local-only (Debian package)."],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      space: 'Colin27 (ch2) 181x217x181, MRIcron grid',
      files: ['aal.nii.gz', 'aal.nii.txt', 'aal.nii.lut'],
    },
  ],
});

// --- Yeo 2011 -------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'yeo-7',
  name: 'Yeo 2011, 7 networks (liberal mask)',
  family: 'yeo2011',
  year: 2011,
  citation: CITE.yeo,
  doi: '10.1152/jn.00338.2011',
  license: LIC.yeo,
  space: MNI6,
  kind: 'labels',
  parcels: 7,
  networks: 7,
  description:
    'Seven large-scale resting-state networks of the cerebral cortex from 1000 subjects, projected to MNI152.',
  notes: [
    "Names from neuroparc's Yeo-7-liberal.csv, in Yeo's order: 1 Visual, 2 Somatomotor, 3 Dorsal (attention), 4 Ventral (attention), 5 Limbic (spelt 'Lymbic'), 6 Frontoparietal, 7 Default; checked against the Schaefer 7-network parcels.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: [
        'Yeo-7-liberal_space-MNI152NLin6_res-1x1x1.nii.gz',
        'Yeo-7-liberal.csv',
        'Yeo-7-liberal_space-MNI152NLin6_res-1x1x1.json',
      ],
    },
    {
      id: '1mm-conformed',
      resolutionMm: 1,
      space: 'FreeSurfer-conformed MNI152 256x256x256 (LIA)',
      files: ['space-MNI152_label-2011Yeo7Networks_desc-liberal_mask.nii.gz', 'Yeo-7-liberal.csv'],
      notes: [
        "CPP_ROI's copy on FreeSurfer's conformed 256^3 grid (other axis order and origin); same labels as the 1 mm variant at every voxel centre.",
      ],
    },
    { id: '2mm', resolutionMm: 2, files: ['Yeo-7-liberal_space-MNI152NLin6_res-2x2x2.nii.gz', 'Yeo-7-liberal.csv'] },
  ],
});

SPEC.push({
  id: 'yeo-17',
  name: 'Yeo 2011, 17 networks (liberal mask)',
  family: 'yeo2011',
  year: 2011,
  citation: CITE.yeo,
  doi: '10.1152/jn.00338.2011',
  license: LIC.yeo,
  space: MNI6,
  kind: 'labels',
  parcels: 17,
  networks: 17,
  description:
    'Seventeen resting-state networks of the cerebral cortex from 1000 subjects, a finer split of the 7-network solution.',
  notes: [
    "neuroparc's Yeo-17-liberal.csv misnames labels 5-14, 16 and 17 (e.g. 5 'Temporal_Parietal' is Dorsal Attention A), so it is not used; the names are in the catalog, checked against the Schaefer 17-network parcels.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['Yeo-17-liberal_space-MNI152NLin6_res-1x1x1.nii.gz'],
      labelNames: YEO17_NAMES,
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['Yeo-17-liberal_space-MNI152NLin6_res-2x2x2.nii.gz'],
      labelNames: YEO17_NAMES,
    },
  ],
});

// --- Schaefer 2018 --------------------------------------------------------------------------------------------
for (let n = 100; n <= 1000; n += 100) {
  const vol2 = `Schaefer2018_${n}Parcels_17Networks_order_FSLMNI152_2mm.nii.gz`;
  const table = `Schaefer2018_${n}Parcels_17Networks_order_info.tsv`;
  const variants = [];
  if (n === 1000) {
    variants.push({
      id: '1mm',
      resolutionMm: 1,
      files: ['Schaefer1000_space-MNI152NLin6_res-1x1x1.nii.gz'],
      namesFromVariant: '2mm',
      notes: [
        "neuroparc's Schaefer1000: the same parcels as the 2 mm volume but numbered in the old (pre-2019) CBIG 17-network order (320 of 1000 values differ), so the xcp_d info.tsv names do not apply; names come from the 2 mm variant by majority overlap (a clean 1:1 match).",
      ],
    });
  }
  variants.push({ id: '2mm', resolutionMm: 2, files: [vol2, table] });
  SPEC.push({
    id: `schaefer-${n}-17`,
    name: `Schaefer 2018, ${n} parcels, 17 networks`,
    family: 'schaefer2018',
    year: 2018,
    citation: CITE.schaefer,
    doi: '10.1093/cercor/bhx179',
    license: LIC.schaefer,
    space: MNI6,
    kind: 'labels',
    parcels: n,
    networks: 17,
    description: `${n} cortical parcels from gradient-weighted Markov random field clustering of resting-state fMRI, ordered by the Yeo 17 networks.`,
    notes:
      n === 1000
        ? ['Names from the xcp_d info.tsv (17Networks_LH_VisCent_Striate_1 ...).']
        : ['2 mm only (no 1 mm 17-network volume in the data). Names from the xcp_d info.tsv.'],
    variants,
  });
}

const schaefer7 = (n, variants, notes) => ({
  id: `schaefer-${n}-7`,
  name: `Schaefer 2018, ${n} parcels, 7 networks`,
  family: 'schaefer2018',
  year: 2018,
  citation: CITE.schaefer,
  doi: '10.1093/cercor/bhx179',
  license: LIC.schaefer,
  space: MNI6,
  kind: 'labels',
  parcels: n,
  networks: 7,
  description: `${n} cortical parcels from gradient-weighted Markov random field clustering of resting-state fMRI, ordered by the Yeo 7 networks.`,
  notes,
  variants,
});

SPEC.push(
  schaefer7(
    200,
    [
      {
        id: '1mm',
        resolutionMm: 1,
        files: ['Schaefer200_space-MNI152NLin6_res-1x1x1.nii.gz', 'Schaefer2018_200Parcels_7Networks_order.txt'],
      },
      {
        id: '2mm',
        resolutionMm: 2,
        files: [
          'Schaefer2018_200Parcels_7Networks_order_FSLMNI152_2mm.nii.gz',
          'Schaefer2018_200Parcels_7Networks_order.txt',
        ],
      },
    ],
    [
      "Names and colours from CBIG's 200x7 table (2019 names, e.g. FrOperIns, pCunPCC); xcp_abcd's schaefer200x7NodeNames.txt has the older names and no colours.",
      NOTE_1MM_NEUROPARC,
    ],
  ),
);
SPEC.push(
  schaefer7(
    300,
    [
      {
        id: '1mm',
        resolutionMm: 1,
        files: ['Schaefer300_space-MNI152NLin6_res-1x1x1.nii.gz', 'Schaefer2018_300Parcels_7Networks_order.txt'],
      },
      {
        id: '2mm',
        resolutionMm: 2,
        files: ['Schaefer300_space-MNI152NLin6_res-2x2x2.nii.gz', 'Schaefer2018_300Parcels_7Networks_order.txt'],
      },
    ],
    ["Names and colours from CBIG's 300x7 table (2019 names). Both volumes are neuroparc's.", NOTE_1MM_NEUROPARC],
  ),
);
SPEC.push(
  schaefer7(
    400,
    [
      {
        id: '1mm',
        resolutionMm: 1,
        files: ['Schaefer400_space-MNI152NLin6_res-1x1x1.nii.gz', 'Schaefer2018_400Parcels_7Networks_order.txt'],
      },
      {
        id: '2mm',
        resolutionMm: 2,
        files: [
          'Schaefer2018_400Parcels_7Networks_order_FSLMNI152_2mm.nii.gz',
          'Schaefer2018_400Parcels_7Networks_order.txt',
          'Schaefer2018_400Parcels_7Networks_order_FSLMNI152_2mm.Centroid_RAS.csv',
        ],
      },
    ],
    [
      "Names and colours from CBIG's 400x7 table as of 2018 (old names, e.g. SalVentAttn_FrOper, Default_PCC); 66 names changed in 2019 (FrOperIns, pCunPCC, PFCdPFCm), values and colours did not. The Centroid_RAS.csv uses the new names.",
      NOTE_1MM_NEUROPARC,
    ],
  ),
);

for (const n of [100, 200, 400]) {
  const base = `Schaefer2018_${n}Parcels_7Networks_order_Tian_Subcortex_S2`;
  SPEC.push({
    id: `schaefer-${n}-7-tian-s2`,
    name: `Schaefer 2018 ${n}x7 cortex + Tian 2020 S2 subcortex`,
    family: 'schaefer2018',
    year: 2020,
    citation: `${CITE.schaefer}; ${CITE.tian}`,
    doi: '10.1038/s41593-020-00711-6',
    cite: 'Schaefer et al. 2018; Tian et al. 2020',
    license: LIC.schaeferTian,
    space: MNI6,
    kind: 'labels',
    parcels: n + 32,
    networks: 7,
    description: `Whole-brain parcellation combining the Schaefer ${n}-parcel 7-network cortex with the 32 Tian S2 subcortical regions.`,
    notes: [
      'Values 1-32 are Tian S2 subcortex, 33 and up are Schaefer parcels + 32; where the two met the subcortex label was kept.',
      'Names and colours from the Tian combined label file (Connectome Workbench label-list format, 2019 Schaefer names).',
    ],
    variants: [
      { id: '1mm', resolutionMm: 1, files: [`${base}_MNI152NLin6Asym_1mm.nii.gz`, `${base}_label.txt`] },
      { id: '2mm', resolutionMm: 2, files: [`${base}_MNI152NLin6Asym_2mm.nii.gz`, `${base}_label.txt`] },
    ],
  });
}

// --- Harvard-Oxford -------------------------------------------------------------------------------------------
SPEC.push({
  id: 'harvard-oxford-cortical',
  name: 'Harvard-Oxford cortical (max-probability, 25% threshold)',
  family: 'harvard-oxford',
  year: 2006,
  citation: CITE.harvardOxford,
  doi: '10.1016/j.schres.2005.11.020',
  cite: 'Makris et al. 2006; Desikan et al. 2006',
  license: LIC.harvardOxford,
  space: MNI6,
  kind: 'labels',
  parcels: 48,
  description:
    '48 cortical structures from manual segmentations of 37 subjects, as a maximum-probability map thresholded at 25%.',
  notes: [
    'Labels are bilateral (left and right share a value).',
    "Names and colours from FSLeyes' harvard-oxford-cortical.lut; neuroparc's CSV is not used (it names value 7 'Subcallosal_Cortex', which is the precentral gyrus).",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['HarvardOxfordcort-maxprob-thr25_space-MNI152NLin6_res-1x1x1.nii.gz', 'harvard-oxford-cortical.lut'],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['HarvardOxfordcort-maxprob-thr25_space-MNI152NLin6_res-2x2x2.nii.gz', 'harvard-oxford-cortical.lut'],
    },
  ],
});
SPEC.push({
  id: 'harvard-oxford-subcortical',
  name: 'Harvard-Oxford subcortical (max-probability, 25% threshold)',
  family: 'harvard-oxford',
  year: 2005,
  citation: CITE.harvardOxford,
  doi: '10.1176/appi.ajp.162.7.1256',
  cite: 'Frazier et al. 2005; Makris et al. 2006',
  license: LIC.harvardOxford,
  space: MNI6,
  kind: 'labels',
  parcels: 21,
  description:
    '21 subcortical structures, cerebral white matter and cortex, from manual segmentations of 37 subjects (max-probability, 25%).',
  notes: [
    "Names and colours from FSLeyes' harvard-oxford-subcortical.lut; neuroparc's CSV swaps Left and Right (value 1, 'Right_Cerebral_White_Matter' there, lies at x = -25).",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['HarvardOxfordsub-maxprob-thr25_space-MNI152NLin6_res-1x1x1.nii.gz', 'harvard-oxford-subcortical.lut'],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['HarvardOxfordsub-maxprob-thr25_space-MNI152NLin6_res-2x2x2.nii.gz', 'harvard-oxford-subcortical.lut'],
    },
  ],
});

// --- Desikan-Killiany and DKT ---------------------------------------------------------------------------------
SPEC.push({
  id: 'desikan-killiany',
  name: 'Desikan-Killiany (FreeSurfer aparc), volumetric',
  family: 'desikan-killiany',
  year: 2006,
  citation: CITE.desikan,
  doi: '10.1016/j.neuroimage.2006.01.021',
  license: LIC.desikan,
  space: MNI6,
  kind: 'labels',
  parcels: 70,
  description:
    'Gyral-based cortical parcellation (34 regions per hemisphere) of FreeSurfer, as a volume in MNI152 space.',
  notes: [
    "Names from neuroparc's Desikan.csv (1-35 left, 36-70 right), checked against Harvard-Oxford: 1 and 36 ('white_matter', FreeSurfer's 'unknown') also hold the insula, which has no label of its own; 5 and 40 are the corpus callosum.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['Desikan_space-MNI152NLin6_res-1x1x1.nii.gz', 'Desikan.csv', 'Desikan_space-MNI152NLin6_res-1x1x1.json'],
    },
    { id: '2mm', resolutionMm: 2, files: ['Desikan_space-MNI152NLin6_res-2x2x2.nii.gz', 'Desikan.csv'] },
  ],
});
SPEC.push({
  id: 'desikan-killiany-klein',
  name: 'Desikan-Killiany-Tourville (DKT31) with FreeSurfer subcortical labels',
  family: 'desikan-killiany',
  year: 2012,
  citation: CITE.klein,
  doi: '10.3389/fnins.2012.00171',
  license: LIC.desikan,
  space: MNI6,
  kind: 'labels',
  parcels: 96,
  description:
    'The DKT cortical protocol (31 regions per hemisphere) plus FreeSurfer subcortical, cerebellar and ventricle labels, in FreeSurfer numbering.',
  notes: [
    "Values are FreeSurfer aparc+aseg codes (4..632, 1002..1035, 2002..2035); names are FreeSurfer's colour-table names, carried in the catalog because neuroparc's JSON has none. Centres of mass checked against the names.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['DesikanKlein_space-MNI152NLin6_res-1x1x1.nii.gz', 'DesikanKlein_space-MNI152NLin6_res-1x1x1.json'],
      labelNames: DESIKAN_KLEIN_NAMES,
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['DesikanKlein_space-MNI152NLin6_res-2x2x2.nii.gz'],
      labelNames: DESIKAN_KLEIN_NAMES,
    },
  ],
});
SPEC.push({
  id: 'dkt',
  name: 'DKT (neuroparc), unnamed regions',
  family: 'desikan-killiany',
  year: 2012,
  citation: CITE.klein,
  doi: '10.3389/fnins.2012.00171',
  license: LIC.desikan,
  space: MNI6,
  kind: 'labels',
  parcels: 83,
  description: "neuroparc's 83-region DKT volume: cortical DKT regions plus subcortical structures, numbered 1-83.",
  notes: [
    'No region names exist in the data (the neuroparc JSON gives only centres and sizes), so regions are shown by number. Its regions overlap desikan-killiany-klein only in part; prefer that atlas for named DKT regions.',
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['DKT_space-MNI152NLin6_res-1x1x1.nii.gz', 'DKT_space-MNI152NLin6_res-1x1x1.json'],
    },
    { id: '2mm', resolutionMm: 2, files: ['DKT_space-MNI152NLin6_res-2x2x2.nii.gz'] },
  ],
});

// --- Glasser --------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'glasser-360',
  name: 'HCP-MMP1.0 (Glasser 2016), 360 areas',
  family: 'glasser-mmp',
  year: 2016,
  citation: CITE.glasser,
  doi: '10.1038/nature18933',
  license: LIC.glasser,
  space: MNI6,
  kind: 'labels',
  parcels: 360,
  description: 'The HCP multi-modal parcellation (180 areas per hemisphere) projected to a volume in MNI152 space.',
  notes: [
    'Values 1-180 are the right hemisphere (Right_V1 ...), 181-360 the left (Left_V1 ...).',
    "xcp_d's file was named _2mm but is 1 mm (renamed here); it is stored RAS (positive x step).",
  ],
  variants: [
    { id: '1mm', resolutionMm: 1, files: ['Glasser_360Parcels_FSLMNI152_1mm.nii.gz', 'Glasser_360Parcels_info.tsv'] },
  ],
});
SPEC.push({
  id: 'glasser-180',
  name: 'HCP-MMP1.0 (Glasser 2016), 180 bilateral areas',
  family: 'glasser-mmp',
  year: 2016,
  citation: CITE.glasser,
  doi: '10.1038/nature18933',
  license: LIC.glasser,
  space: MNI6,
  kind: 'labels',
  parcels: 180,
  description: 'The HCP multi-modal parcellation with left and right homologues sharing one value (neuroparc volumes).',
  notes: [
    "Left and right areas share a value (use glasser-360 for separate hemispheres). Names from neuroparc's Glasser.csv, same order as glasser-360's right hemisphere.",
  ],
  variants: [
    { id: '1mm', resolutionMm: 1, files: ['Glasser_space-MNI152NLin6_res-1x1x1.nii.gz', 'Glasser.csv'] },
    { id: '2mm', resolutionMm: 2, files: ['Glasser_space-MNI152NLin6_res-2x2x2.nii.gz', 'Glasser.csv'] },
  ],
});
SPEC.push({
  id: 'glasser-180-icbm2009a',
  name: 'HCP-MMP1.0 (Glasser 2016), 180 bilateral areas, ICBM 2009a 0.5 mm',
  family: 'glasser-mmp',
  year: 2016,
  citation: CITE.glasser,
  doi: '10.1038/nature18933',
  license: LIC.glasser,
  space: 'MNI152 ICBM 2009a nonlinear',
  kind: 'labels',
  parcels: 180,
  description:
    'The HCP multi-modal parcellation projected to the ICBM 2009a template at 0.5 mm, left and right sharing one value.',
  notes: [
    "Large: 393x465x377 voxels (69 million; about 275 MB as float32). Names from neuroparc's Glasser.csv (same order, checked by overlap); CPP_ROI's XML lacks values 35, 36, 81, 82 and its LUT.csv mis-splits rows 33-34.",
  ],
  variants: [
    {
      id: '0.5mm',
      resolutionMm: 0.5,
      space: 'MNI152 ICBM 2009a nonlinear, 0.5 mm 393x465x377',
      files: ['space-MNI152ICBM2009anlin_seg-glasser_dseg.nii.gz', 'Glasser.csv'],
    },
  ],
});

// --- Brainnetome ----------------------------------------------------------------------------------------------
SPEC.push({
  id: 'brainnetome-246',
  name: 'Brainnetome Atlas (BNA, 246 regions)',
  family: 'brainnetome',
  year: 2016,
  citation:
    'Fan L, Li H, Zhuo J, Zhang Y, Wang J, Chen L, Yang Z, Chu C, Xie S, Laird AR, Fox PT, Eickhoff SB, Yu C, Jiang T (2016). The Human Brainnetome Atlas: a new brain atlas based on connectional architecture. Cerebral Cortex 26(8):3508-3526. doi:10.1093/cercor/bhw157',
  doi: '10.1093/cercor/bhw157',
  license:
    'Upstream terms not stated; copies from Chaogan-Yan/DPABI (LGPL-2.1) and floristijhuis/HCP-rfMRI-repository (no licence)',
  space: 'MNI152',
  kind: 'labels',
  parcels: 246,
  description:
    '210 cortical and 36 subcortical subregions defined by anatomical connectivity, with subregion names such as A4hf and A4ul.',
  notes: [
    "Odd values are left, even values right. First table: BN_Atlas_246_LUT.txt (names, colours); second: BNA_subregions.csv (lobe, gyrus, description, MNI centre; converted from DPABI's xlsx, local-only).",
  ],
  variants: [
    {
      id: '1.25mm',
      resolutionMm: 1.25,
      space: 'MNI152 (SPM grid) 1.25 mm 145x173x145',
      files: ['BrainnetomeAtlas_BNA_MPM_thr25_1.25mm.nii.gz', 'BN_Atlas_246_LUT.txt', 'BNA_subregions.csv'],
      notes: ["DPABI's copy of the maximum-probability map thresholded at 25%."],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['BN_Atlas_246_2mm.nii.gz', 'BN_Atlas_246_LUT.txt', 'BNA_subregions.csv'],
      notes: ['The 2 mm release file (three independent copies agree).'],
    },
  ],
});

// --- Tian 2020 ------------------------------------------------------------------------------------------------
const TIAN_REGIONS = { 1: 16, 2: 32, 3: 50, 4: 54 };
for (const s of [1, 2, 3, 4]) {
  const p = `Tian_Subcortex_S${s}_3T`;
  const variants = [{ id: '1mm', resolutionMm: 1, files: [`${p}_1mm.nii.gz`, `${p}_label.txt`, `${p}_COG.txt`] }];
  if (s === 1) {
    variants.push({
      id: '2mm',
      resolutionMm: 2,
      files: [`${p}.nii`, `${p}_label.txt`, `${p}_COG.txt`],
      notes: ['Uncompressed NIfTI (3.6 MB); the only FSL-grid 2 mm Tian volume in the data.'],
    });
  }
  variants.push({
    id: '2mm-2009cAsym',
    resolutionMm: 2,
    space: 'MNI152NLin2009cAsym 2 mm 97x115x97',
    files: [`${p}_2009cAsym.nii.gz`, `${p}_label.txt`],
    notes: [
      s === 1
        ? 'On the MNI152NLin2009cAsym grid (97x115x97, stored RAS), not FSL MNI152.'
        : 'On the MNI152NLin2009cAsym grid (97x115x97, stored RAS), not FSL MNI152; `--res 2` picks it because no FSL-grid 2 mm file exists for this scale.',
    ],
  });
  SPEC.push({
    id: `tian-s${s}`,
    name: `Tian 2020 Melbourne Subcortex Atlas, scale ${s} (${TIAN_REGIONS[s]} regions)`,
    family: 'tian2020',
    year: 2020,
    citation: CITE.tian,
    doi: '10.1038/s41593-020-00711-6',
    license: LIC.tian,
    space: MNI6,
    kind: 'labels',
    parcels: TIAN_REGIONS[s],
    description: `Subcortical parcellation at scale ${s} from functional connectivity gradients of 3T resting-state fMRI.`,
    notes: ['label.txt: line i names value i (e.g. HIP-rh); COG.txt: centre of gravity of each region in MNI mm.'],
    variants,
  });
}

// --- Craddock -------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'craddock-200',
  name: 'Craddock 2012 CC200',
  family: 'craddock2012',
  year: 2012,
  citation: CITE.craddock,
  doi: '10.1002/hbm.21333',
  license: LIC.craddock,
  space: MNI6,
  kind: 'labels',
  parcels: 200,
  description:
    'Whole-brain functional parcellation into 200 regions by spatially constrained spectral clustering of resting-state fMRI.',
  notes: ['No region names exist; regions are numbered. The neuroparc JSON gives centres and sizes only.'],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['CPAC200_space-MNI152NLin6_res-1x1x1.nii.gz', 'CPAC200_space-MNI152NLin6_res-1x1x1.json'],
    },
    { id: '2mm', resolutionMm: 2, files: ['CPAC200_space-MNI152NLin6_res-2x2x2.nii.gz'] },
    {
      id: '4mm',
      resolutionMm: 4,
      space: 'MNI 4 mm 47x56x46',
      files: ['CC200ROI_tcorr05_2level_all.nii'],
      notes: [
        "DPABI's CC200 (tcorr05_2level), uncompressed int16; same numbering as the CPAC200 volumes (checked at every voxel).",
      ],
    },
  ],
});
SPEC.push({
  id: 'craddock-400',
  name: 'Craddock 2012 CC400',
  family: 'craddock2012',
  year: 2012,
  citation: CITE.craddock,
  doi: '10.1002/hbm.21333',
  license: LIC.craddock,
  space: 'MNI 4 mm',
  kind: 'labels',
  parcels: 392,
  description:
    'Whole-brain functional parcellation into about 400 regions by spatially constrained spectral clustering.',
  notes: ['392 of the values 1-400 are present (regions lost at 4 mm). No region names exist.'],
  variants: [
    {
      id: '4mm',
      resolutionMm: 4,
      space: 'MNI 4 mm 47x56x46',
      files: ['CC400ROI_tcorr05_2level_all.nii'],
      notes: ["DPABI's CC400 (tcorr05_2level), uncompressed int16."],
    },
  ],
});

// --- AICHA, JHU, Shen -----------------------------------------------------------------------------------------
SPEC.push({
  id: 'aicha',
  name: 'AICHA (Atlas of Intrinsic Connectivity of Homotopic Areas)',
  family: 'aicha',
  year: 2015,
  citation:
    'Joliot M, Jobard G, Naveau M, Delcroix N, Petit L, Zago L, Crivello F, Mellet E, Mazoyer B, Tzourio-Mazoyer N (2015). AICHA: An atlas of intrinsic connectivity of homotopic areas. Journal of Neuroscience Methods 254:46-59.',
  doi: '10.1016/j.jneumeth.2015.07.013',
  license: 'BSD-3-Clause (Debian mricron-data package); upstream GIN terms not stated',
  space: 'MNI152 (SPM grid)',
  kind: 'labels',
  parcels: 192,
  description: 'Functional atlas of 192 homotopic region pairs from resting-state fMRI of 281 subjects.',
  notes: [
    "MRIcron's copy (AICHAmc): each homotopic pair shares one value (192 bilateral labels; the full atlas has 384 regions). Local-only (Debian package).",
  ],
  variants: [{ id: '2mm', resolutionMm: 2, files: ['AICHAmc.nii.gz', 'AICHAmc.nii.txt', 'AICHAmc.nii.lut'] }],
});

const JHU_FLIP =
  "In these MRIcron copies the header says x grows with the voxel index (RAS) but the voxels are in FSL's LAS order, so read as stored every lateralised tract lands on the wrong side (..._R labels at x < 0). The catalog gives FSL's own MNI152 affine for them (true x = -x - 1 at 1 mm, -x at 2 mm), which puts _R tracts at x > 0 and fits the MNI152 white matter.";
SPEC.push({
  id: 'jhu-wm',
  name: 'JHU ICBM-DTI-81 white-matter labels',
  family: 'jhu-wm',
  year: 2008,
  citation:
    'Mori S, Oishi K, Jiang H, Jiang L, Li X, Akhter K, et al. (2008). Stereotaxic white matter atlas based on diffusion tensor imaging in an ICBM template. NeuroImage 40(2):570-582.',
  doi: '10.1016/j.neuroimage.2007.12.035',
  license: 'BSD-3-Clause (Debian mricron-data package); the FSL atlas licence applies to the original',
  space: MNI6,
  kind: 'labels',
  parcels: 48,
  description: '48 white-matter tract labels hand-segmented on the ICBM-DTI-81 template.',
  notes: [JHU_FLIP, "MRIcron's copy; local-only (Debian package)."],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: [
        'JHU-WhiteMatter-labels-1mm.nii.gz',
        'JHU-WhiteMatter-labels-1mm.nii.txt',
        'JHU-WhiteMatter-labels-1mm.nii.lut',
      ],
      affine: [-1, 0, 0, 90, 0, 1, 0, -126, 0, 0, 1, -72],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: [
        'JHU-WhiteMatter-labels-2mm.nii.gz',
        'JHU-WhiteMatter-labels-2mm.nii.txt',
        'JHU-WhiteMatter-labels-2mm.nii.lut',
      ],
      affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72],
    },
  ],
});

SPEC.push({
  id: 'shen-268',
  name: 'Shen 2013, 268 nodes',
  family: 'shen2013',
  year: 2013,
  citation:
    'Shen X, Tokoglu F, Papademetris X, Constable RT (2013). Groupwise whole-brain parcellation from resting-state fMRI data for network node identification. NeuroImage 82:403-415. doi:10.1016/j.neuroimage.2013.05.081. Network assignment: Finn ES, Shen X, Scheinost D, Rosenberg MD, Huang J, Chun MM, Papademetris X, Constable RT (2015). Functional connectome fingerprinting: identifying individuals using patterns of brain connectivity. Nature Neuroscience 18(11):1664-1671. doi:10.1038/nn.4135',
  doi: '10.1016/j.neuroimage.2013.05.081',
  license: 'Upstream (BioImage Suite) terms not stated; copy from neuroelf/neuroelf-matlab (BSD-3-Clause-style)',
  space: 'MNI (SPM/MRIcron grid)',
  kind: 'labels',
  parcels: 268,
  description:
    'Whole-brain functional parcellation into 268 nodes by groupwise spectral clustering, with the Finn 2015 network of each node.',
  notes: [
    'No region names exist; the table gives each node its Finn 2015 network code: 1 Medial frontal, 2 Frontoparietal, 3 Default mode, 4 Subcortical-cerebellum, 5 Motor, 6 Visual I, 7 Visual II, 8 Visual association (CR-only line endings).',
    'Nodes 1-134 are the right hemisphere, 135-268 the left. Reportedly built on Colin27 (BioImage Suite) and may misalign ventrally with MNI152.',
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      space: 'MNI 181x217x181 (SPM/MRIcron grid)',
      files: ['shen_1mm_268_parcellation.nii.gz', 'shen_268_parcellation_networklabels.csv'],
    },
  ],
});

// --- Gordon 2016 ----------------------------------------------------------------------------------------------
SPEC.push({
  id: 'gordon-333',
  name: 'Gordon 2016, 333 cortical parcels, 13 communities',
  family: 'gordon2016',
  year: 2016,
  citation:
    'Gordon EM, Laumann TO, Adeyemo B, Huckins JF, Kelley WM, Petersen SE (2016). Generation and evaluation of a cortical area parcellation from resting-state correlations. Cerebral Cortex 26(1):288-303. doi:10.1093/cercor/bhu239',
  doi: '10.1093/cercor/bhu239',
  license: 'Upstream (Petersen/Schlaggar lab) terms not stated; copies from PennLINC/xcp_d (BSD-3-Clause)',
  space: MNI6,
  kind: 'labels',
  parcels: 333,
  description:
    '333 cortical areas from boundary mapping of resting-state correlations, each assigned to one of 13 communities (networks).',
  notes: [
    "Names from xcp_d's Gordon_333Parcels_info.tsv (L_Default_1 ...; 28 names lack their community, e.g. L__8). Each parcel's community comes from gordon333CommunityAffiliation.1D (line i: parcel i) named by gordon333CommunityNames.txt (line k: community k); 'None' marks parcels with no community.",
    'The volume is 1 mm (182x218x182) although xcp_d names it _2mm.',
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: [
        'Gordon_333Parcels_FSLMNI152_1mm.nii.gz',
        'Gordon_333Parcels_info.tsv',
        { name: 'gordon333CommunityAffiliation.1D', role: 'network-assignment' },
        { name: 'gordon333CommunityNames.txt', role: 'network-names' },
      ],
    },
  ],
});

// --- Julich-Brain 3.1 -----------------------------------------------------------------------------------------
SPEC.push({
  id: 'julich-brain',
  name: 'Julich-Brain 3.1 cytoarchitectonic areas (maximum probability)',
  family: 'julich-brain',
  year: 2020,
  citation:
    "Amunts K, Mohlberg H, Bludau S, Zilles K (2020). Julich-Brain: A 3D probabilistic atlas of the human brain's cytoarchitecture. Science 369(6506):988-992. doi:10.1126/science.abb4588. Data: Amunts K et al. (2023). Julich-Brain Atlas, cytoarchitectonic maps (v3.1), EBRAINS.",
  doi: '10.1126/science.abb4588',
  license:
    'CC BY-NC-SA 4.0 (non-commercial; EBRAINS). Copies from niivue/niivue-demo-images, which keeps the same licence. Download-only: not shipped with the app.',
  space: 'MNI152NLin2009cAsym',
  kind: 'labels',
  parcels: 414,
  description:
    'Maximum-probability map of 207 cytoarchitectonic areas per hemisphere (primary motor 4a/4p, somatosensory 3a/3b/1/2, auditory Te 1.0-1.2, visual hOc1-hOc5, Broca 44/45, amygdala and hippocampal subfields).',
  notes: [
    'Stored as one file per hemisphere, both numbered 1-207 on one cropped 1 mm grid (157x197x165); merged into one volume where left areas keep their value and right areas take value + 1000. Names from Julich.json (a NiiVue label colour map) with the side added ("Area 3b (PostCG) left").',
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      space: 'ICBM 2009c nonlinear asymmetric, cropped 157x197x165',
      files: [
        { name: 'JulichBrainAtlas31_LH.nii.gz', hemisphere: 'left', valueOffset: 0 },
        { name: 'JulichBrainAtlas31_RH.nii.gz', hemisphere: 'right', valueOffset: 1000 },
        'Julich.json',
      ],
    },
  ],
});

// --- Wang 2015 ------------------------------------------------------------------------------------------------
SPEC.push({
  id: 'wang2015',
  name: 'Wang 2015 probabilistic maps of visual topography',
  family: 'wang2015-retinotopy',
  year: 2015,
  citation:
    'Wang L, Mruczek REB, Arcaro MJ, Kastner S (2015). Probabilistic maps of visual topography in human cortex. Cerebral Cortex 25(10):3911-3931. doi:10.1093/cercor/bhu277',
  doi: '10.1093/cercor/bhu277',
  license:
    'Upstream (Princeton) terms not stated; copies from cpp-lln-lab/CPP_ROI (GPL-3.0) and neurodata/neuroparc (Apache-2.0)',
  space: MNI6,
  kind: 'probabilistic',
  parcels: 49,
  description:
    'Probability and maximum-probability maps of 25 visual field maps per hemisphere (V1v to FEF) from retinotopic mapping of 53 subjects.',
  notes: [
    "Labels: neuroparc's merged max-probability volume and Princetonvisual.csv (1-24 left, 25-49 right; left IPS5 never wins, so it has no label).",
    "Probability maps perc_VTPM_vol_roiN_{lh,rh} (percent): N is Wang's area number (1 V1v ... 23 IPS5, 24 SPL1, 25 FEF); value = N for lh N <= 22, N - 1 for lh SPL1 and FEF, N + 24 for rh; lh roi23 (IPS5) has no value.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['Princetonvisual-top_space-MNI152NLin6_res-1x1x1.nii.gz', 'Princetonvisual.csv', ...WANG_PROBABILITY],
      notes: [
        "The 50 probability maps are local-only: upstream they sit inside CPP_ROI's visual_topography_probability_atlas.zip.",
      ],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: ['Princetonvisual-top_space-MNI152NLin6_res-2x2x2.nii.gz', 'Princetonvisual.csv'],
      notes: ['48 of the 49 labels survive at 2 mm (value 12, L_MST, is lost). No probability maps at 2 mm.'],
    },
  ],
});

// --- Coordinates ----------------------------------------------------------------------------------------------
SPEC.push({
  id: 'power-264',
  name: 'Power 2011, 264 ROIs',
  family: 'power2011',
  year: 2011,
  citation:
    'Power JD, Cohen AL, Nelson SM, Wig GS, Barnes KA, Church JA, Vogel AC, Laumann TO, Miezin FM, Schlaggar BL, Petersen SE (2011). Functional network organization of the human brain. Neuron 72(4):665-678.',
  doi: '10.1016/j.neuron.2011.09.006',
  license: LIC.nilearnCoords,
  space: 'MNI coordinates (mm)',
  kind: 'coordinates',
  parcels: 264,
  description: '264 functional ROI centres covering cortex, subcortex and cerebellum.',
  notes: ["nilearn's CSV has centres only (ROI, X, Y, Z), no network column."],
  variants: [{ id: 'coords', resolutionMm: 0, files: ['power_2011.csv'] }],
});
SPEC.push({
  id: 'dosenbach-160',
  name: 'Dosenbach 2010, 160 ROIs',
  family: 'dosenbach2010',
  year: 2010,
  citation:
    'Dosenbach NUF, Nardos B, Cohen AL, Fair DA, Power JD, Church JA, et al. (2010). Prediction of individual brain maturity using fMRI. Science 329(5997):1358-1361.',
  doi: '10.1126/science.1194144',
  license: LIC.nilearnCoords,
  space: 'MNI coordinates (mm)',
  kind: 'coordinates',
  parcels: 160,
  description: '160 ROI centres from meta-analyses of task fMRI, each with a name and one of six networks.',
  variants: [{ id: 'coords', resolutionMm: 0, files: ['dosenbach_2010.csv'] }],
});
SPEC.push({
  id: 'seitzman-300',
  name: 'Seitzman 2020, 300 ROIs',
  family: 'seitzman2018',
  year: 2020,
  citation:
    'Seitzman BA, Gratton C, Marek S, Raut RV, Dosenbach NUF, Schlaggar BL, Petersen SE, Greene DJ (2020). A set of functionally-defined brain regions with improved representation of the subcortex and cerebellum. NeuroImage 206:116290.',
  doi: '10.1016/j.neuroimage.2019.116290',
  license: LIC.nilearnCoords,
  space: 'MNI coordinates (mm)',
  kind: 'coordinates',
  parcels: 300,
  description:
    '300 ROI centres with sphere radius and network, extending Power 2011 with subcortical and cerebellar regions.',
  notes: [
    'anatomicalLabels.txt gives each ROI an anatomical class code (its first line lists the codes: 0 cortexMid ... 7 cerebellum).',
  ],
  variants: [
    {
      id: 'coords',
      resolutionMm: 0,
      files: ['seitzman_2018_ROIs_300inVol_MNI_allInfo.txt', 'seitzman_2018_ROIs_anatomicalLabels.txt'],
    },
  ],
});

// --- Templates and surfaces -----------------------------------------------------------------------------------
SPEC.push({
  id: 'mni152',
  name: 'MNI152 template (FSL 6th generation and ICBM 2009a)',
  family: 'mni152',
  year: 2006,
  citation:
    'FSL MNI152 6th gen: Grabner G, Janke AL, Budge MM, Smith D, Pruessner J, Collins DL (2006). Symmetric atlasing and model based segmentation: an application to the hippocampus in older adults. MICCAI 2006, LNCS 4191:58-66. ICBM 2009a: Fonov V, Evans AC, Botteron K, Almli CR, McKinstry RC, Collins DL (2011). Unbiased average age-appropriate atlases for pediatric studies. NeuroImage 54(1):313-327.',
  doi: '10.1007/11866763_8',
  cite: 'Grabner et al. 2006; Fonov et al. 2011',
  license:
    'Permissive MNI/ICBM copyright; FSL copies under the FSL licence. Copies from neuroparc (Apache-2.0), niivue-demo-images (BSD-2-Clause), nilearn (BSD-3-Clause)',
  space: MNI6,
  kind: 'template',
  description: 'The standard MNI152 T1 background images and brain masks.',
  notes: ['The first template of a variant is its default background (skull-stripped at 1 and 2 mm).'],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      files: ['MNI152NLin6_res-1x1x1_T1w_descr-brain.nii.gz', 'MNI152NLin6_res-1x1x1_T1w_descr-brainmask.nii.gz'],
      notes: ['Skull-stripped only: the FSL 1 mm head image is not in the data.'],
    },
    {
      id: '1mm-icbm2009a',
      resolutionMm: 1,
      space: 'ICBM 2009a nonlinear symmetric 197x233x189',
      files: [
        'mni_icbm152_t1_tal_nlin_sym_09a_converted.nii.gz',
        'mni_icbm152_gm_tal_nlin_sym_09a_converted.nii.gz',
        'mni_icbm152_wm_tal_nlin_sym_09a_converted.nii.gz',
      ],
      notes: ["nilearn's uint8-rescaled T1, grey- and white-matter images (not raw intensities)."],
    },
    {
      id: '2mm',
      resolutionMm: 2,
      files: [
        'MNI152NLin6_res-2x2x2_T1w_descr-brain.nii.gz',
        'MNI152_T1_2mm.nii.gz',
        'MNI152NLin6_res-2x2x2_T1w_descr-brainmask.nii.gz',
      ],
      notes: ['MNI152_T1_2mm.nii.gz is the FSL head image (with skull).'],
    },
  ],
});
SPEC.push({
  id: 'colin27',
  name: 'Colin27 (ch2) single-subject template',
  family: 'colin27',
  year: 1998,
  citation:
    'Holmes CJ, Hoge R, Collins L, Woods R, Toga AW, Evans AC (1998). Enhancement of MR images using registration for signal averaging. Journal of Computer Assisted Tomography 22(2):324-333.',
  doi: '10.1097/00004728-199803000-00032',
  license: 'BSD-3-Clause (Debian mricron-data package)',
  space: 'Colin27 (MNI)',
  kind: 'template',
  description: 'The average of 27 scans of one brain, the background of MRIcron and of the AAL and Brodmann maps.',
  notes: [
    "MRIcron's copies; local-only (Debian package). ch2bet is skull-stripped (the default background), ch2 the head.",
  ],
  variants: [
    {
      id: '1mm',
      resolutionMm: 1,
      space: 'Colin27 (ch2) 181x217x181, MRIcron grid',
      files: ['ch2bet.nii.gz', 'ch2.nii.gz'],
    },
  ],
});
SPEC.push({
  id: 'fsaverage5',
  name: 'FreeSurfer fsaverage5 surfaces',
  family: 'fsaverage',
  year: 1999,
  citation:
    'Fischl B, Sereno MI, Tootell RBH, Dale AM (1999). High-resolution intersubject averaging and a coordinate system for the cortical surface. Human Brain Mapping 8(4):272-284.',
  doi: '10.1002/(SICI)1097-0193(1999)8:4<272::AID-HBM10>3.0.CO;2-4',
  license: 'FreeSurfer data (licence unknown per nilearn); copies from nilearn (BSD-3-Clause) and DPABI (LGPL-2.1)',
  space: 'fsaverage5',
  kind: 'surface',
  description:
    'Average cortical surface meshes (10 242 vertices per hemisphere) with sulcal depth, curvature, thickness and parcellation overlays.',
  notes: [
    'Overlays in the first variant (label.gii, one per hemisphere): Yeo 7 and 17 networks, Schaefer 400x7, Desikan-Killiany aparc, HCP-MMP1.',
  ],
  variants: [
    {
      id: 'fsaverage5',
      resolutionMm: 0,
      files: [
        'fsaverage5_pial_left.gii.gz',
        'fsaverage5_pial_right.gii.gz',
        'fsaverage5_white_left.gii.gz',
        'fsaverage5_white_right.gii.gz',
        'fsaverage5_infl_left.gii.gz',
        'fsaverage5_infl_right.gii.gz',
        'fsaverage5_sphere_left.gii.gz',
        'fsaverage5_sphere_right.gii.gz',
        'fsaverage5_sulc_left.gii.gz',
        'fsaverage5_sulc_right.gii.gz',
        'fsaverage5_curv_left.gii.gz',
        'fsaverage5_curv_right.gii.gz',
        'fsaverage5_thick_left.gii.gz',
        'fsaverage5_thick_right.gii.gz',
        'yeo2011/fsaverage5_lh_Yeo2011_7Networks_N1000.label.gii',
        'yeo2011/fsaverage5_rh_Yeo2011_7Networks_N1000.label.gii',
        'yeo2011/fsaverage5_lh_Yeo2011_17Networks_N1000.label.gii',
        'yeo2011/fsaverage5_rh_Yeo2011_17Networks_N1000.label.gii',
        'fsaverage5_lh_Schaefer2018_400Parcels_7Networks_order.label.gii',
        'fsaverage5_rh_Schaefer2018_400Parcels_7Networks_order.label.gii',
        'desikan-killiany/fsaverage5_lh_aparc_annot.label.gii',
        'desikan-killiany/fsaverage5_rh_aparc_annot.label.gii',
        'glasser-mmp/fsaverage5_lh_HCP-MMP1.label.gii',
        'glasser-mmp/fsaverage5_rh_HCP-MMP1.label.gii',
      ],
      notes: ["nilearn's gzip-compressed GIFTI meshes and shape maps."],
    },
    {
      id: 'fsaverage5-dpabi',
      resolutionMm: 0,
      files: [
        'fsaverage5_lh_pial.surf.gii',
        'fsaverage5_rh_pial.surf.gii',
        'fsaverage5_lh_white.surf.gii',
        'fsaverage5_rh_white.surf.gii',
        'fsaverage5_lh_inflated.surf.gii',
        'fsaverage5_rh_inflated.surf.gii',
        'fsaverage5_lh_sulc.sulc.gii',
        'fsaverage5_rh_sulc.sulc.gii',
        'fsaverage5_lh_curv.curv.gii',
        'fsaverage5_rh_curv.curv.gii',
      ],
      notes: ["DPABI's plain GIFTI copies of the same meshes (no sphere or thickness)."],
    },
  ],
});

// ---------------------------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------------------------

const ROLE_FROM_MANIFEST = {
  labels: 'labels',
  labeltable: 'labeltable',
  colortable: 'colortable',
  probabilistic: 'probability',
  probability: 'probability',
  template: 'template',
  mask: 'mask',
  coordinates: 'coordinates',
  surface: 'surface',
  'surface-labels': 'surface-labels',
  metadata: 'metadata',
};

function fail(message) {
  console.error(`build-catalog: ${message}`);
  process.exit(1);
}

/** GitHub OWNER/REPO @ COMMIT : PATH -> raw URL; null for anything that is not those exact bytes at that path. */
function urlFromSource(source, fileName) {
  const m = /^GitHub ([^/\s]+)\/([^\s@]+) @ ([0-9a-f]{40}) : (.+)$/.exec(source);
  if (!m) {
    if (source.startsWith('GitHub')) fail(`${fileName}: cannot read the source "${source}"`);
    return null; // Debian package and other local-only sources
  }
  const [, owner, repo, commit, rest] = m;
  if (rest.includes(' :: ')) return null; // a member of an archive: the raw URL would fetch the archive
  const pm = /^(\S+)(?: \((.*)\))?$/.exec(rest);
  if (!pm) fail(`${fileName}: cannot read the path in the source "${source}"`);
  const [, path, remark = ''] = pm;
  if (/convert/i.test(remark)) return null; // bytes were changed by the curators
  return `https://raw.githubusercontent.com/${owner}/${repo}/${commit}/${path}`;
}

function build(manifest) {
  /** name -> { folder, entry } and folder/name -> same */
  const byName = new Map();
  for (const atlas of manifest.atlases) {
    for (const f of atlas.files) {
      byName.set(`${atlas.id}/${f.file}`, { folder: atlas.id, entry: f });
      if (!byName.has(f.file)) byName.set(f.file, { folder: atlas.id, entry: f });
    }
  }
  const manifestIds = new Set(manifest.atlases.map((a) => a.id));

  const used = new Set();
  const atlases = SPEC.map((spec) => {
    if (!manifestIds.has(spec.family)) fail(`atlas '${spec.id}': family '${spec.family}' is not a manifest atlas id`);
    const variants = spec.variants.map((vs) => {
      const files = vs.files.map((ref) => {
        const r = typeof ref === 'string' ? { name: ref } : ref;
        const key = r.name.includes('/') ? r.name : `${spec.family}/${r.name}`;
        const hit = byName.get(key);
        if (!hit)
          fail(`atlas '${spec.id}' variant '${vs.id}': file '${r.name}' is not in the manifest (looked for ${key})`);
        const e = hit.entry;
        const role = r.role ?? ROLE_FROM_MANIFEST[e.role];
        if (!role) fail(`${e.file}: unknown manifest role '${e.role}'`);
        used.add(`${hit.folder}/${e.file}`);
        const file = {
          name: e.file,
          folder: hit.folder,
          role,
          bytes: e.bytes,
          sha256: e.sha256,
          url: urlFromSource(e.source, e.file),
        };
        if (r.hemisphere !== undefined) file.hemisphere = r.hemisphere;
        if (r.valueOffset !== undefined) file.valueOffset = r.valueOffset;
        if (r.value !== undefined) {
          if (role !== 'probability') fail(`atlas '${spec.id}': ${e.file} has a value but role '${role}'`);
          file.value = r.value;
        }
        return { file, entry: e };
      });
      const mainRef =
        files.find((f) => f.file.role === 'labels') ??
        files.find((f) => f.file.role === 'template') ??
        files.find((f) => f.entry.nifti);
      const variant = { id: vs.id, resolutionMm: vs.resolutionMm };
      if (vs.space) variant.space = vs.space;
      if (mainRef?.entry.nifti) {
        const d = mainRef.entry.nifti.dims;
        if (!Array.isArray(d) || d.length < 3) fail(`${mainRef.entry.file}: manifest has no dims`);
        variant.dims = [d[0], d[1], d[2]];
        const vox = mainRef.entry.nifti.voxel_mm;
        if (Array.isArray(vox) && vs.resolutionMm > 0 && vox.some((v) => Math.abs(v - vs.resolutionMm) > 1e-6)) {
          fail(
            `atlas '${spec.id}' variant '${vs.id}': ${mainRef.entry.file} has ${vox.join('x')} mm voxels, not ${vs.resolutionMm} mm`,
          );
        }
      }
      variant.files = files.map((f) => f.file);
      if (vs.namesFromVariant) variant.namesFromVariant = vs.namesFromVariant;
      if (vs.labelNames) variant.labelNames = vs.labelNames;
      if (vs.affine) variant.affine = vs.affine;
      if (vs.notes?.length) variant.notes = vs.notes;

      // Cross-checks against the manifest's label counts.
      const labels = files.find((f) => f.file.role === 'labels');
      if (labels && typeof labels.entry.labelCount === 'number' && vs.labelNames) {
        if (vs.labelNames.length !== labels.entry.labelCount)
          fail(
            `atlas '${spec.id}' variant '${vs.id}': ${vs.labelNames.length} labelNames for ${labels.entry.labelCount} labels`,
          );
      }
      return variant;
    });

    const atlas = {
      id: spec.id,
      name: spec.name,
      family: spec.family,
      year: spec.year,
      citation: spec.citation,
      doi: spec.doi,
      license: spec.license,
      space: spec.space,
      kind: spec.kind,
    };
    if (spec.parcels !== undefined) atlas.parcels = spec.parcels;
    if (spec.networks !== undefined) atlas.networks = spec.networks;
    atlas.description = spec.description;
    atlas.variants = variants;
    if (spec.notes?.length) atlas.notes = spec.notes;

    // parcels should be what the default variant's label volume holds.
    const first = spec.variants[0];
    // Hemisphere files each hold their side's labels: the atlas has their sum.
    const firstLabels = variants[0].files.filter((f) => f.role === 'labels');
    if (firstLabels.length > 0 && spec.parcels !== undefined) {
      const counts = firstLabels.map((f) => byName.get(`${f.folder}/${f.name}`).entry.labelCount);
      const count = counts.reduce((a, b) => a + b, 0);
      if (counts.every((c) => typeof c === 'number') && count !== spec.parcels)
        fail(
          `atlas '${spec.id}': parcels ${spec.parcels} but ${firstLabels.map((f) => f.name).join(' + ')} (variant '${first.id}') has ${count} labels`,
        );
    }
    return atlas;
  });

  const ids = new Set();
  for (const a of atlases) {
    if (ids.has(a.id)) fail(`duplicate atlas id '${a.id}'`);
    ids.add(a.id);
  }
  const families = new Set(atlases.flatMap((a) => a.variants.flatMap((v) => v.files.map((f) => f.folder))));
  for (const id of manifestIds) if (!families.has(id)) fail(`no catalog entry uses the shared atlas folder '${id}'`);

  const unused = manifest.atlases.flatMap((a) => a.files.map((f) => `${a.id}/${f.file}`)).filter((k) => !used.has(k));
  return { catalog: { version: 1, atlases }, unused };
}

// ---------------------------------------------------------------------------------------------------------------
// README table
// ---------------------------------------------------------------------------------------------------------------

function cell(s) {
  return String(s).replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** "Rolls ET, Huang CC, ... (2020)" -> "Rolls et al. 2020"; two authors -> "Klein and Tourville 2012". */
function shortCitation(spec) {
  if (spec.cite) return spec.cite;
  const authors = spec.citation
    .split('(')[0]
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const surname = (a) => a.split(' ')[0];
  if (authors.length === 2 && !/et al/.test(authors[1]))
    return `${surname(authors[0])} and ${surname(authors[1])} ${spec.year}`;
  return `${surname(authors[0])}${authors.length > 1 || / et al/.test(spec.citation) ? ' et al.' : ''} ${spec.year}`;
}

function resolutions(atlas) {
  const parts = [];
  for (const v of atlas.variants) {
    if (v.resolutionMm === 0) continue;
    const label = `${v.resolutionMm} mm${v.space ? ` (${v.space.split(/[ ,]/)[0]})` : ''}`;
    if (!parts.includes(label)) parts.push(label);
  }
  if (parts.length === 0) return atlas.kind === 'surface' ? 'surface' : 'coordinates';
  return parts.join(', ');
}

function readmeTable(atlases) {
  const lines = ['| id | name | year | kind | resolutions | licence | citation |', '|---|---|---|---|---|---|---|'];
  for (const a of atlases) {
    const spec = SPEC.find((s) => s.id === a.id);
    const cite = shortCitation(spec);
    const doi = a.doi
      ? ` [doi:${cell(a.doi)}](https://doi.org/${encodeURI(a.doi).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))})`
      : '';
    lines.push(
      `| \`${a.id}\` | ${cell(a.name)} | ${a.year} | ${a.kind} | ${cell(resolutions(a))} | ${cell(a.license)} | ${cell(cite)}${doi} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

function writeAtomically(path, text) {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function main() {
  const arg = process.argv[2];
  const manifestPath = arg
    ? resolve(process.cwd(), arg)
    : resolve(repoRoot, '..', 'shared', 'atlases', 'manifest.json');
  if (!existsSync(manifestPath)) fail(`no manifest at ${manifestPath}`);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    fail(`${manifestPath}: not valid JSON (${e.message})`);
  }
  if (!manifest || !Array.isArray(manifest.atlases)) fail(`${manifestPath}: no "atlases" array`);

  const { catalog, unused } = build(manifest);
  const out = resolve(repoRoot, 'atlases', 'catalog.json');
  writeAtomically(out, `${JSON.stringify(catalog, null, 2)}\n`);
  const fileCount = catalog.atlases.reduce((n, a) => n + a.variants.reduce((m, v) => m + v.files.length, 0), 0);
  console.error(`build-catalog: wrote ${out} (${catalog.atlases.length} atlases, ${fileCount} file entries)`);
  if (unused.length) console.error(`build-catalog: shared files not in the catalog: ${unused.join(', ')}`);

  const table = readmeTable(catalog.atlases);
  const readme = resolve(repoRoot, 'README.md');
  const BEGIN = '<!-- atlases:begin -->';
  const END = '<!-- atlases:end -->';
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const b = text.indexOf(BEGIN);
  const e = text.indexOf(END);
  if (b >= 0 && e > b) {
    const next = `${text.slice(0, b + BEGIN.length)}\n${table}\n${text.slice(e)}`;
    if (next !== text) writeAtomically(readme, next);
    console.error(`build-catalog: updated the atlas table in ${readme}`);
  } else {
    console.error(`build-catalog: README.md has no ${BEGIN} / ${END} markers; the table follows:\n`);
    console.log(table);
  }
}

main();
