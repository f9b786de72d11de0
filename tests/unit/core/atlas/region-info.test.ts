/**
 * Region information cards: the validator (one test per kind of error), matching by exact name and by network,
 * search terms, and the shipped atlases/region-info.json checked against itself and the catalog (no image data).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../../../core/catalog/validate';
import { AtlasError } from '../../../../core/errors';
import {
  type RegionInfoEntry,
  checkRegionInfo,
  infoForRegion,
  regionNamesFor,
  searchTerms,
  validateRegionInfo,
} from '../../../../core/atlas/region-info';

function entry(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'broca',
    kind: 'landmark',
    en: { name: "Broca's area", aliases: ['BA44', 'BA45'], description: 'Speech production.' },
    zh: { name: '布罗卡区', aliases: ['额下回后部'], description: '言语产生。' },
    match: [
      { atlas: 'brodmann', names: ['Brodmann_area_44', 'Brodmann_area_45'] },
      { atlas: 'aal3', names: ['Frontal_Inf_Oper_L', 'Frontal_Inf_Tri_L'] },
    ],
    ...over,
  };
}

/** The problems checkRegionInfo finds in a one-entry file. */
function errorsOf(e: unknown): string[] {
  return checkRegionInfo([e]).errors;
}

describe('validateRegionInfo', () => {
  it('accepts a well-formed entry and returns it typed', () => {
    const [e] = validateRegionInfo([entry()]);
    expect(e.id).toBe('broca');
    expect(e.en.aliases).toEqual(['BA44', 'BA45']);
    expect(e.match[0]).toEqual({ atlas: 'brodmann', names: ['Brodmann_area_44', 'Brodmann_area_45'] });
  });

  it('defaults missing aliases to an empty list and turns a single network name into a list', () => {
    const raw = entry({
      en: { name: 'Default network', description: 'Active at rest.' },
      match: [{ atlas: '*', network: 'Default' }],
    });
    const [e] = validateRegionInfo([raw]);
    expect(e.en.aliases).toEqual([]);
    expect(e.match).toEqual([{ atlas: '*', network: ['Default'] }]);
  });

  it('throws an AtlasError naming the file, the entry and the problem, with a count of the rest', () => {
    const bad = [entry({ id: 'a' }), entry({ id: 'a' }), entry({ id: 'b', zh: undefined })];
    let err: unknown;
    try {
      validateRegionInfo(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AtlasError);
    expect((err as AtlasError).code).toBe('corrupt');
    expect((err as AtlasError).message).toMatch(/^region-info\.json: entry 'a': id is used by more than one entry/);
    expect((err as AtlasError).message).toContain("and 1 more: entry 'b': zh is missing");
  });

  it('rejects a file that is not a list', () => {
    expect(checkRegionInfo({ entries: [] }).errors).toEqual(['must be a JSON list of region entries, not an object']);
    expect(() => validateRegionInfo(null, 'x.json')).toThrow(/^x\.json: must be a JSON list/);
  });

  it('rejects duplicate ids', () => {
    const { errors, entries } = checkRegionInfo([entry(), entry()]);
    expect(errors).toEqual(["entry 'broca': id is used by more than one entry (#2 repeats it)"]);
    expect(entries).toHaveLength(1);
  });

  it('rejects missing or malformed ids and unknown kinds', () => {
    expect(errorsOf(entry({ id: undefined }))).toEqual(['entry #1: id must be a non-empty string, not nothing']);
    expect(errorsOf(entry({ id: 'Broca Area' }))).toEqual([
      "entry 'Broca Area': id must be lowercase letters, digits and single hyphens",
    ]);
    expect(errorsOf(entry({ kind: 'gyrus' }))).toEqual([
      "entry 'broca': kind must be one of area, landmark, network, not 'gyrus'",
    ]);
  });

  it('rejects a missing language', () => {
    expect(errorsOf(entry({ en: undefined }))).toEqual(["entry 'broca': en is missing"]);
    expect(errorsOf(entry({ zh: undefined }))).toEqual(["entry 'broca': zh is missing"]);
    expect(errorsOf(entry({ zh: 'Broca' }))).toEqual([
      "entry 'broca': zh must be an object { name, aliases, description }, not 'Broca'",
    ]);
  });

  it('rejects empty names and descriptions', () => {
    const zh = { name: ' ', aliases: [], description: '' };
    expect(errorsOf(entry({ zh }))).toEqual([
      "entry 'broca': zh.name must be a non-empty string, not ' '",
      "entry 'broca': zh.description must be a non-empty string, not ''",
    ]);
    const en = { name: 'Broca', aliases: [], description: 'x', topography: '' };
    const zh2 = { name: '布罗卡区', aliases: [], description: 'x', topography: 'y' };
    expect(errorsOf(entry({ en, zh: zh2 }))).toEqual([
      "entry 'broca': en.topography must be a non-empty string, not ''",
    ]);
  });

  it('rejects empty or repeated aliases', () => {
    const en = { name: 'Broca', aliases: ['BA44', ''], description: 'x' };
    expect(errorsOf(entry({ en }))).toEqual(["entry 'broca': en.aliases must be a list of non-empty strings"]);
    const en2 = { name: 'Broca', aliases: ['BA44', 'BA44'], description: 'x' };
    expect(errorsOf(entry({ en: en2 }))).toEqual(["entry 'broca': en.aliases lists 'BA44' twice"]);
  });

  it('rejects descriptions and topography notes over 300 characters, counting CJK characters as one each', () => {
    const en = { name: 'Broca', aliases: [], description: 'x'.repeat(301) };
    expect(errorsOf(entry({ en }))).toEqual(["entry 'broca': en.description is 301 characters long (at most 300)"]);
    const zhOk = { name: '布罗卡区', aliases: [], description: '言'.repeat(300) };
    expect(errorsOf(entry({ zh: zhOk }))).toEqual([]);
    const zhLong = { name: '布罗卡区', aliases: [], description: '言'.repeat(301) };
    expect(errorsOf(entry({ zh: zhLong }))).toEqual([
      "entry 'broca': zh.description is 301 characters long (at most 300)",
    ]);
    const enT = { name: 'B', aliases: [], description: 'x', topography: 't'.repeat(400) };
    const zhT = { name: 'B', aliases: [], description: 'x', topography: 't' };
    expect(errorsOf(entry({ en: enT, zh: zhT }))).toEqual([
      "entry 'broca': en.topography is 400 characters long (at most 300)",
    ]);
  });

  it('rejects a topography note given in one language only', () => {
    const en = { name: 'V1', aliases: [], description: 'x', topography: 'Retinotopic.' };
    expect(errorsOf(entry({ en }))).toEqual([
      "entry 'broca': topography is given in en only (give it in both languages)",
    ]);
  });

  it('rejects unknown fields (typos) in entries, texts and matches', () => {
    expect(errorsOf(entry({ descripton: 'x' }))).toEqual(["entry 'broca': unknown field 'descripton'"]);
    const en = { name: 'B', aliases: [], description: 'x', summary: 'y' };
    expect(errorsOf(entry({ en }))).toEqual(["entry 'broca': en: unknown field 'summary'"]);
    expect(errorsOf(entry({ match: [{ atlas: 'aal3', names: ['Insula_L'], hemisphere: 'L' }] }))).toEqual([
      "entry 'broca': match[0]: unknown field 'hemisphere'",
    ]);
  });

  it('rejects an empty or malformed match list', () => {
    const msg = "entry 'broca': match must be a non-empty list of { atlas, names } or { atlas, network }";
    expect(errorsOf(entry({ match: [] }))).toEqual([msg]);
    expect(errorsOf(entry({ match: undefined }))).toEqual([msg]);
    expect(errorsOf(entry({ match: ['aal3'] }))).toEqual([
      "entry 'broca': match[0] must be an object { atlas, names } or { atlas, network }, not 'aal3'",
    ]);
  });

  it('rejects matches with both, or neither, of names and network', () => {
    const both = { atlas: 'yeo-7', names: ['7_Default_Network_Area'], network: ['Default'] };
    expect(errorsOf(entry({ match: [both] }))).toEqual([
      "entry 'broca': match[0] must have either names or network (exactly one of them)",
    ]);
    expect(errorsOf(entry({ match: [{ atlas: 'aal3' }] }))).toEqual([
      "entry 'broca': match[0] must have either names or network (exactly one of them)",
    ]);
  });

  it('rejects bad atlas ids, empty or repeated names, and names under atlas "*"', () => {
    expect(errorsOf(entry({ match: [{ atlas: 'AAL 3', names: ['x'] }] }))).toEqual([
      "entry 'broca': match[0].atlas 'AAL 3' is not an atlas id",
    ]);
    expect(errorsOf(entry({ match: [{ atlas: '', names: ['x'] }] }))).toEqual([
      "entry 'broca': match[0].atlas must be an atlas id or \"*\", not ''",
    ]);
    expect(errorsOf(entry({ match: [{ atlas: 'aal3', names: [] }] }))).toEqual([
      "entry 'broca': match[0].names must be a non-empty list of non-empty strings",
    ]);
    expect(errorsOf(entry({ match: [{ atlas: 'aal3', names: ['Insula_L', 'Insula_L'] }] }))).toEqual([
      "entry 'broca': match[0].names lists 'Insula_L' twice",
    ]);
    expect(errorsOf(entry({ match: [{ atlas: '*', names: ['Insula_L'] }] }))).toEqual([
      'entry \'broca\': match[0]: names need a particular atlas id, not "*"',
    ]);
    expect(errorsOf(entry({ match: [{ atlas: '*', network: [''] }] }))).toEqual([
      "entry 'broca': match[0].network must be a non-empty list of non-empty strings",
    ]);
  });

  it('reports every problem of a broken file, not only the first', () => {
    const { errors, entries } = checkRegionInfo([entry({ kind: 'x', en: undefined }), 7, entry({ id: 'ok' })]);
    expect(errors).toEqual([
      "entry 'broca': kind must be one of area, landmark, network, not 'x'",
      "entry 'broca': en is missing",
      'entry #2 must be an object, not 7',
    ]);
    expect(entries.map((e) => e.id)).toEqual(['ok']);
  });
});

describe('infoForRegion', () => {
  const info: RegionInfoEntry[] = validateRegionInfo([
    entry({ id: 'ba44', kind: 'area', match: [{ atlas: 'brodmann', names: ['Brodmann_area_44'] }] }),
    entry(),
    entry({
      id: 'network-default',
      kind: 'network',
      match: [
        { atlas: 'yeo-7', names: ['7_Default_Network_Area'] },
        { atlas: '*', network: ['Default', 'Default A'] },
      ],
    }),
    entry({ id: 'only-schaefer', match: [{ atlas: 'schaefer-400-7', network: 'Frontoparietal Control' }] }),
  ]);
  const ids = (list: RegionInfoEntry[]) => list.map((e) => e.id);

  it('matches exact region names of the same atlas, in file order', () => {
    expect(ids(infoForRegion(info, 'brodmann', 'Brodmann_area_44'))).toEqual(['ba44', 'broca']);
    expect(ids(infoForRegion(info, 'brodmann', 'Brodmann_area_45'))).toEqual(['broca']);
    expect(ids(infoForRegion(info, 'aal3', 'Frontal_Inf_Oper_L'))).toEqual(['broca']);
  });

  it('does not match other atlases, other names, or near misses', () => {
    expect(infoForRegion(info, 'aal', 'Frontal_Inf_Oper_L')).toEqual([]);
    expect(infoForRegion(info, 'aal3', 'Frontal_Inf_Oper_R')).toEqual([]);
    expect(infoForRegion(info, 'aal3', 'frontal_inf_oper_l')).toEqual([]);
    expect(infoForRegion(info, 'brodmann', 'Brodmann_area_4')).toEqual([]);
  });

  it('matches by network in any atlas when the match says "*"', () => {
    expect(ids(infoForRegion(info, 'schaefer-400-7', '7Networks_LH_Default_PFC_1', 'Default'))).toEqual([
      'network-default',
    ]);
    expect(ids(infoForRegion(info, 'schaefer-100-17', '17Networks_LH_DefaultA_pCunPCC_1', 'Default A'))).toEqual([
      'network-default',
    ]);
    expect(infoForRegion(info, 'schaefer-400-7', '7Networks_LH_Vis_1', 'Visual')).toEqual([]);
    expect(infoForRegion(info, 'schaefer-400-7', '7Networks_LH_Default_PFC_1')).toEqual([]);
    expect(infoForRegion(info, 'schaefer-400-7', '7Networks_LH_Default_PFC_1', null)).toEqual([]);
  });

  it('limits a network match with a particular atlas to that atlas', () => {
    expect(ids(infoForRegion(info, 'schaefer-400-7', 'x', 'Frontoparietal Control'))).toEqual(['only-schaefer']);
    expect(infoForRegion(info, 'schaefer-200-7', 'x', 'Frontoparietal Control')).toEqual([]);
  });

  it('lists an entry once when both its name and its network match', () => {
    expect(ids(infoForRegion(info, 'yeo-7', '7_Default_Network_Area', 'Default'))).toEqual(['network-default']);
  });
});

describe('searchTerms and regionNamesFor', () => {
  const [broca] = validateRegionInfo([
    entry({
      en: { name: "Broca's area", aliases: ['BA44', 'BA45'], description: 'x' },
      zh: { name: '布罗卡区', aliases: ['额下回后部', 'BA44'], description: 'y' },
      match: [
        { atlas: 'aal3', names: ['Frontal_Inf_Oper_L', 'Frontal_Inf_Tri_L'] },
        { atlas: 'aal3', names: ['Frontal_Inf_Tri_L', 'Frontal_Inf_Oper_R'] },
        { atlas: '*', network: ['Default'] },
      ],
    }),
  ]);

  it('gives every name and alias in both languages, once each', () => {
    expect(searchTerms(broca)).toEqual(["Broca's area", 'BA44', 'BA45', '布罗卡区', '额下回后部']);
  });

  it('gives the names an entry lists for one atlas', () => {
    expect(regionNamesFor(broca, 'aal3')).toEqual(['Frontal_Inf_Oper_L', 'Frontal_Inf_Tri_L', 'Frontal_Inf_Oper_R']);
    expect(regionNamesFor(broca, 'brodmann')).toEqual([]);
  });
});

describe('atlases/region-info.json', () => {
  const root = join(__dirname, '../../../..');
  const info = validateRegionInfo(JSON.parse(readFileSync(join(root, 'atlases/region-info.json'), 'utf8')));
  const catalog = validateCatalog(JSON.parse(readFileSync(join(root, 'atlases/catalog.json'), 'utf8')));

  it('is valid and names only atlases of the catalog', () => {
    const ids = new Set(catalog.atlases.map((a) => a.id));
    const unknown = info.flatMap((e) =>
      e.match.filter((m) => m.atlas !== '*' && !ids.has(m.atlas)).map((m) => `${e.id}: ${m.atlas}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has one area card per Brodmann area number of the brodmann atlas, merged regions included', () => {
    const ba = (n: number) => infoForRegion(info, 'brodmann', `Brodmann_area_${n}`).map((e) => e.id);
    expect(ba(44)).toEqual(['ba44', 'broca']);
    expect(ba(17)).toEqual(['ba17', 'v1']);
    const merged = infoForRegion(info, 'brodmann', 'Brodmann_area_11_12').map((e) => e.id);
    expect(merged).toEqual(expect.arrayContaining(['ba11', 'ba12', 'orbitofrontal-cortex']));
    expect(infoForRegion(info, 'brodmann', 'Brodmann_area_23_31').map((e) => e.id)).toEqual(
      expect.arrayContaining(['ba23', 'ba31', 'posterior-cingulate-cortex']),
    );
  });

  it('gives every Yeo 7 and 17 network, by its network name, one network card', () => {
    const yeo7 = [
      'Visual',
      'Somatomotor',
      'Dorsal Attention',
      'Ventral Attention',
      'Limbic',
      'Frontoparietal Control',
      'Default',
    ];
    const yeo17 = [
      'Visual A (central)',
      'Visual B (peripheral)',
      'Somatomotor A',
      'Somatomotor B',
      'Dorsal Attention A',
      'Dorsal Attention B',
      'Salience / Ventral Attention A',
      'Salience / Ventral Attention B',
      'Limbic B (orbitofrontal)',
      'Limbic A (temporal pole)',
      'Control C',
      'Control A',
      'Control B',
      'Temporal Parietal',
      'Default C',
      'Default A',
      'Default B',
    ];
    for (const n of [...yeo7, ...yeo17]) {
      const cards = infoForRegion(info, 'schaefer-400-17', 'any parcel', n).filter((e) => e.kind === 'network');
      expect(cards, n).toHaveLength(1);
    }
    expect(infoForRegion(info, 'yeo-7', '7_Default_Network_Area', 'Default').map((e) => e.id)).toEqual([
      'network-default',
    ]);
    expect(infoForRegion(info, 'x', 'y', 'SalVentAttn').map((e) => e.zh.name)).toEqual(['腹侧注意网络（突显网络）']);
  });

  it('matches the somatotopic Brainnetome subregions of area 4', () => {
    const ids = (n: string) => infoForRegion(info, 'brainnetome-246', n).map((e) => e.id);
    expect(ids('A4hf_L')).toEqual(expect.arrayContaining(['ba4', 'precentral-gyrus', 'm1-head-face']));
    expect(ids('A4ul_R')).toContain('m1-upper-limb');
    expect(ids('A4t_L')).toContain('m1-trunk');
    const hf = info.find((e) => e.id === 'm1-head-face');
    expect(hf?.en.topography).toMatch(/head and face/);
  });

  it('writes Chinese names in Chinese and gives the search index both languages', () => {
    for (const e of info) expect(e.zh.name, e.id).toMatch(/[\u4e00-\u9fff]/);
    const broca = info.find((e) => e.id === 'broca') as RegionInfoEntry;
    expect(searchTerms(broca)).toEqual(expect.arrayContaining(["Broca's area", 'BA44', '布罗卡区', '额下回后部']));
  });
});
