/**
 * Every label table in the curated atlas folder (BRAIN_ATLAS_PATH, else ../shared/atlases next to the repository)
 * is parsed through parseLabelTable, i.e. detected by content.
 *
 * Count rule: the manifest's `rows` counts the file's non-empty lines (for XML: its <label> elements). The
 * parsed entries must equal
 *   rows / 2                          for Workbench label lists (a name line and a key line per region),
 *   rows − header − background        otherwise,
 * where header = 1 for tables with a header line (delimited, BIDS dseg.tsv) or a legend line ("0=…,1=…"), and
 * background = 1 when the file has a value-0 row (read from the raw text, e.g. "0,empty", "0 Unknown …",
 * "0<TAB>Unclassified"; never for node lists, whose lines carry no values). Spot checks below were verified by reading the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLabelTable } from '../../core/io/labels/detect';
import type { LabelEntry, LabelTable } from '../../core/io/labels/types';
import { splitLines } from '../../core/io/text';

function atlasDir(): string | null {
  const fromEnv = process.env.BRAIN_ATLAS_PATH;
  if (fromEnv) return existsSync(join(fromEnv, 'manifest.json')) ? fromEnv : null;
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const fallback = resolve(repoRoot, '../shared/atlases');
  return existsSync(join(fallback, 'manifest.json')) ? fallback : null;
}

const dir = atlasDir();
if (!dir) {
  console.log('label-tables: skipped, no atlas folder (set BRAIN_ATLAS_PATH or put the atlases in ../shared/atlases)');
}

interface ManifestFile {
  file: string;
  role: string;
  rows?: number;
}
interface Manifest {
  atlases: { id: string; files: ManifestFile[] }[];
}

function load(): { id: string; file: ManifestFile }[] {
  if (!dir) return [];
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return m.atlases.flatMap((a) => a.files.map((file) => ({ id: a.id, file })));
}

const all = load();
const tables = all.filter((f) => f.file.role === 'labeltable');
// neuroparc's JSON sidecars are metadata beside their volumes; a JSON label table (NiiVue's Julich.json) is not one.
const sidecars = all.filter((f) => f.file.file.endsWith('.json') && f.file.role === 'metadata');
const pathOf = (id: string, file: string) => join(dir!, id, file);

const cache = new Map<string, LabelTable>();
function parsed(file: string): LabelTable {
  const hit = cache.get(file);
  if (hit) return hit;
  const f = all.find((x) => x.file.file === file);
  if (!f) throw new Error(`${file} is not in the manifest`);
  const path = pathOf(f.id, file);
  const lutPath = path.replace(/\.txt$/, '.lut');
  const colorLut = file.endsWith('.nii.txt') && existsSync(lutPath) ? readFileSync(lutPath) : undefined;
  const t = parseLabelTable(readFileSync(path), { fileName: file, colorLut });
  cache.set(file, t);
  return t;
}
const entry = (file: string, value: number): LabelEntry | undefined =>
  parsed(file).entries.find((e) => e.value === value);

/** Warnings these real files are expected to produce (everything else must parse cleanly). */
const EXPECTED_WARNINGS: Record<string, RegExp[]> = {
  // CPP_ROI wrote "Thal_LP_L" as "Thal,LP,L" and left the hemisphere off the vermis rows.
  'LUT.csv': [/^lines 72, 73, 120, 121, 130, 131, 136, 137 have more fields/, /^lines 110, .* have fewer fields/],
  'shen_268_parcellation_networklabels.csv': [/no name column, so regions are named "Node <value>"/],
};

describe.skipIf(!dir)('real label tables (BRAIN_ATLAS_PATH)', () => {
  it('the manifest lists label tables', () => {
    expect(tables.length).toBeGreaterThanOrEqual(40);
  });

  it.each(tables.map((t) => [t.file.file, t] as const))('%s parses to the expected number of entries', (file, t) => {
    const table = parsed(file);
    const raw = readFileSync(pathOf(t.id, file), 'latin1');
    const rows = t.file.rows!;
    let expected: number;
    if (table.format === 'niivue-json') {
      // For a NiiVue label colour map the manifest counts the entries of its "labels" array (index 0 is background).
      const labels = (JSON.parse(raw) as { labels: string[] }).labels;
      expect(labels.length).toBe(rows);
      expected = labels.filter((l, i) => i > 0 && l.trim() !== '').length;
    } else if (file.endsWith('.xml')) {
      // For XML the manifest counts <label> elements.
      expect(raw.match(/<label[\s>]/g)?.length).toBe(rows);
      expected = rows - (/<label[^>]*>\s*(<index>\s*)?0\s*</.test(raw) ? 1 : 0);
    } else {
      const lines = splitLines(raw).filter((l) => l.trim() !== '');
      expect(lines.length).toBe(rows);
      if (table.format === 'workbench-label-list') expected = rows / 2;
      else {
        const header =
          table.format === 'delimited' || table.format === 'bids-dseg-tsv' || /^\s*\d+\s*=/.test(lines[0]) ? 1 : 0;
        const background = table.format !== 'node-list' && lines.some((l) => /^\s*0([\s,;]|$)/.test(l)) ? 1 : 0;
        expected = rows - header - background;
      }
    }
    expect(table.entries.length).toBe(expected);
    // Every entry is a usable region: distinct non-negative integer values, a non-empty trimmed name.
    const values = table.entries.map((e) => e.value);
    expect(new Set(values).size).toBe(values.length);
    for (const e of table.entries) {
      expect(Number.isInteger(e.value) && e.value > 0).toBe(true);
      expect(e.name).toBe(e.name.trim());
      expect(e.name.length).toBeGreaterThan(0);
    }
    const allowed = EXPECTED_WARNINGS[file] ?? [];
    expect(table.warnings.length).toBe(allowed.length);
    allowed.forEach((re, i) => expect(table.warnings[i]).toMatch(re));
  });

  it('detects each kind of file as its format', () => {
    const formats: Record<string, string> = {
      'AAL3v1_1mm.xml': 'spm-xml',
      'space-MNI152ICBM2009anlin_seg-glasser_dseg.xml': 'spm-xml',
      'space-MNI_seg-wang_dseg.xml': 'spm-xml',
      'LUT.csv': 'delimited',
      'BNA_subregions.csv': 'delimited',
      'Glasser_LUT.csv': 'delimited',
      'Schaefer2018_100Parcels_17Networks_order_info.tsv': 'delimited',
      'shen_268_parcellation_networklabels.csv': 'delimited',
      'aal.nii.txt': 'mricron-txt',
      'AICHAmc.nii.txt': 'mricron-txt',
      'JHU-WhiteMatter-labels-1mm.nii.txt': 'mricron-txt',
      'BN_Atlas_246_LUT.txt': 'freesurfer-lut',
      'Julich.json': 'niivue-json',
      'gordon333CommunityAffiliation.1D': 'value-column',
      'gordon333CommunityNames.txt': 'node-list',
      'Gordon_333Parcels_info.tsv': 'delimited',
      'Schaefer2018_400Parcels_7Networks_order.txt': 'cbig-txt',
      'harvard-oxford-cortical.lut': 'fsleyes-lut',
      'Yeo-7-liberal.csv': 'neuroparc-csv',
      'Glasser.csv': 'neuroparc-csv',
      'schaefer400x7NodeNames.txt': 'node-list',
      'Tian_Subcortex_S1_3T_label.txt': 'node-list',
      'seitzman_2018_ROIs_anatomicalLabels.txt': 'node-list',
      'Schaefer2018_400Parcels_7Networks_order_Tian_Subcortex_S2_label.txt': 'workbench-label-list',
    };
    for (const [file, format] of Object.entries(formats)) expect([file, parsed(file).format]).toEqual([file, format]);
  });

  it('AAL3: XML and CPP_ROI LUT.csv agree on all 166 regions; indices 35, 36, 81, 82 are unused', () => {
    const xml = parsed('AAL3v1_1mm.xml');
    expect(entry('AAL3v1_1mm.xml', 1)?.name).toBe('Precentral_L');
    expect(entry('AAL3v1_1mm.xml', 170)?.name).toBe('Raphe_M');
    for (const v of [35, 36, 81, 82]) expect(entry('AAL3v1_1mm.xml', v)).toBeUndefined();
    expect(xml.meta).toMatchObject({ name: 'AAL3v1_1mm', type: 'Label', imagefile: 'AAL3v1_1mm.nii' });
    const lut = parsed('LUT.csv');
    expect(lut.entries.map((e) => [e.value, e.name])).toEqual(xml.entries.map((e) => [e.value, e.name]));
    expect(entry('LUT.csv', 73)).toEqual({ value: 73, name: 'Paracentral_Lobule_L', hemisphere: 'left' });
    expect(entry('LUT.csv', 134)).toEqual({ value: 134, name: 'Thal_Re_R', hemisphere: 'right' });
    expect(entry('LUT.csv', 169)).toEqual({ value: 169, name: 'Raphe_D' });
  });

  it('Schaefer: CBIG .txt colours, node names, and the Schaefer+Tian list (Schaefer value v = combined v + 32)', () => {
    expect(entry('Schaefer2018_400Parcels_7Networks_order.txt', 1)).toEqual({
      value: 1,
      name: '7Networks_LH_Vis_1',
      color: [120, 17, 128],
    });
    expect(entry('Schaefer2018_400Parcels_7Networks_order.txt', 400)).toEqual({
      value: 400,
      name: '7Networks_RH_Default_PCC_9',
      color: [208, 64, 77],
    });
    const cbig = parsed('Schaefer2018_400Parcels_7Networks_order.txt').entries;
    const nodes = parsed('schaefer400x7NodeNames.txt').entries;
    expect(nodes.map((e) => `7Networks_${e.name}`)).toEqual(cbig.map((e) => e.name));
    const combined = (v: number) => entry('Schaefer2018_200Parcels_7Networks_order_Tian_Subcortex_S2_label.txt', v);
    for (const e of parsed('Schaefer2018_200Parcels_7Networks_order.txt').entries) {
      expect(combined(e.value + 32)).toEqual({ value: e.value + 32, name: e.name, color: e.color });
    }
    const s2 = parsed('Tian_Subcortex_S2_3T_label.txt').entries;
    expect(s2.map((e) => combined(e.value)?.name)).toEqual(s2.map((e) => e.name));
    expect(combined(1)).toEqual({ value: 1, name: 'aHIP-rh', color: [144, 246, 45] });
    expect(entry('Schaefer2018_1000Parcels_17Networks_order_info.tsv', 1)?.name).toBe(
      '17Networks_LH_VisCent_Striate_1',
    );
  });

  it('Tian S1 is a plain one-name-per-line list', () => {
    const t = parsed('Tian_Subcortex_S1_3T_label.txt');
    expect(t.entries[0]).toEqual({ value: 1, name: 'HIP-rh' });
    expect(t.entries[15]).toEqual({ value: 16, name: 'CAU-lh' });
  });

  it('Brainnetome: FreeSurfer-style LUT and the subregion CSV agree (odd values left, even right)', () => {
    expect(parsed('BN_Atlas_246_LUT.txt').meta?.background).toBe('Unknown');
    expect(entry('BN_Atlas_246_LUT.txt', 1)).toEqual({ value: 1, name: 'A8m_L', color: [0, 255, 0] });
    expect(entry('BN_Atlas_246_LUT.txt', 246)).toEqual({ value: 246, name: 'lPFtha_R', color: [114, 229, 237] });
    const sub = parsed('BNA_subregions.csv').entries;
    expect(sub[0]).toMatchObject({
      value: 1,
      name: 'A8m_L',
      abbreviation: 'A8m_L',
      description: 'A8m, medial area 8',
      hemisphere: 'left',
      extra: { gyrus: 'SFG, Superior Frontal Gyrus', lobe: 'Frontal Lobe', subregion_code: 'SFG_L_7_1' },
    });
    expect(sub.every((e) => e.hemisphere === (e.value % 2 === 1 ? 'left' : 'right'))).toBe(true);
    // Names agree except 73/74, which the CSV spells "TE1.0 and TE1.2_L" and the LUT "TE1.0/TE1.2_L".
    const differ = sub.filter((e) => entry('BN_Atlas_246_LUT.txt', e.value)?.name !== e.name).map((e) => e.value);
    expect(differ).toEqual([73, 74]);
  });

  it('Shen: CR-only CSV, 268 nodes with the Finn 2015 network counts', () => {
    const t = parsed('shen_268_parcellation_networklabels.csv');
    expect(entry('shen_268_parcellation_networklabels.csv', 1)).toEqual({ value: 1, name: 'Node 1', network: '2' });
    const counts: Record<string, number> = {};
    for (const e of t.entries) counts[e.network!] = (counts[e.network!] ?? 0) + 1;
    expect(counts).toEqual({ '1': 29, '2': 34, '3': 20, '4': 90, '5': 50, '6': 18, '7': 9, '8': 18 });
  });

  it('MRIcron tables take their colours from the .lut, and JHU drops 0 Unclassified', () => {
    expect(entry('aal.nii.txt', 1)).toEqual({
      value: 1,
      name: 'Precentral_L',
      extra: { code: '2001' },
      color: [204, 204, 204],
    });
    expect(entry('aal.nii.txt', 116)?.name).toBe('Vermis_10');
    expect(entry('AICHAmc.nii.txt', 1)?.name).toBe('G_Frontal_Sup-1');
    expect(parsed('JHU-WhiteMatter-labels-1mm.nii.txt').meta?.background).toBe('Unclassified');
    expect(entry('JHU-WhiteMatter-labels-1mm.nii.txt', 48)?.name).toBe('Tapetum_L');
  });

  it('Glasser: CPP_ROI XML lacks 35, 36, 81, 82, which the LUT.csv has; neuroparc CSV uses long names', () => {
    for (const v of [35, 36, 81, 82])
      expect(entry('space-MNI152ICBM2009anlin_seg-glasser_dseg.xml', v)).toBeUndefined();
    expect(entry('Glasser_LUT.csv', 35)?.name).toBe('31pv');
    expect(entry('Glasser_LUT.csv', 1)).toEqual({
      value: 1,
      name: 'V1',
      abbreviation: 'V1',
      description: 'Primary_visual_cortex',
    });
    expect(entry('Glasser.csv', 1)?.name).toBe('Primary_visual_cortex');
    expect(entry('Glasser_360Parcels_info.tsv', 181)?.name).toBe('Left_V1');
  });

  it('Harvard-Oxford: FSLeyes .lut colours; the neuroparc subcortical CSV lists hemispheres the other way round', () => {
    expect(entry('harvard-oxford-cortical.lut', 1)).toEqual({ value: 1, name: 'Frontal Pole', color: [0, 238, 0] });
    expect(entry('harvard-oxford-subcortical.lut', 1)?.name).toBe('Left Cerebral White Matter');
    expect(entry('HarvardOxfordsub-maxprob.csv', 1)?.name).toBe('Right_Cerebral_White_Matter');
  });

  it('Julich.json (NiiVue colour map) and Gordon 2016 tables', () => {
    expect(entry('Julich.json', 1)).toEqual({ value: 1, name: 'Area 3b (PostCG)', color: [71, 46, 154] });
    expect(parsed('Julich.json').entries.length).toBe(207);
    expect(entry('gordon333CommunityAffiliation.1D', 1)).toEqual({ value: 1, name: '1', extra: { value: '1' } });
    expect(entry('gordon333CommunityAffiliation.1D', 333)?.name).toMatch(/^\d+$/);
    expect(entry('gordon333CommunityNames.txt', 2)?.name).toBe('somatomotorHand');
    expect(entry('Gordon_333Parcels_info.tsv', 2)?.name).toBe('L_SMhand_2');
  });

  it('neuroparc CSV, Seitzman legend list, Wang XML and LUT', () => {
    expect(entry('Yeo-7-liberal.csv', 5)?.name).toBe('5_Lymbic_Area');
    expect(parsed('Yeo-7-liberal.csv').meta?.background).toBe('empty');
    expect(entry('seitzman_2018_ROIs_anatomicalLabels.txt', 1)).toEqual({
      value: 1,
      name: 'cortexL',
      extra: { code: '1' },
    });
    expect(parsed('space-MNI_seg-wang_dseg.xml').entries.map((e) => e.name)).toEqual(
      parsed('Wang2015_LUT.csv').entries.map((e) => e.name),
    );
  });

  it.each(sidecars.map((s) => [s.file.file, s] as const))(
    'neuroparc sidecar %s parses, one entry per non-background roi',
    (file, s) => {
      const json = JSON.parse(readFileSync(pathOf(s.id, file), 'utf8')) as {
        rois: Record<string, { label: string | null }>;
      };
      const t = parseLabelTable(readFileSync(pathOf(s.id, file)), { fileName: file });
      expect(t.format).toBe('neuroparc-json');
      expect(t.entries.length).toBe(Object.keys(json.rois).filter((k) => k !== '0').length);
      const unnamed = Object.entries(json.rois).filter(([k, r]) => k !== '0' && !r.label).length;
      expect(t.warnings.length).toBe(unnamed > 0 ? 1 : 0);
    },
  );

  it('Yeo-7 sidecar: names and centres', () => {
    const s = sidecars.find((x) => x.file.file.startsWith('Yeo-7-liberal'));
    expect(s).toBeDefined();
    const t = parseLabelTable(readFileSync(pathOf(s!.id, s!.file.file)), { fileName: s!.file.file });
    expect(t.meta?.name).toBe('Yeo-7 liberal');
    expect(t.entries[0].name).toBe('1_Visual_Area');
    expect(t.entries[0].extra?.center).toBe('2.5343408446903197,-75.47710048126659,3.8861208563846503');
  });
});
