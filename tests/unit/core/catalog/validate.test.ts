import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import { validateCatalog } from '../../../../core/catalog/validate';
import { file, sample } from '../../../helpers/sample-catalog';

function rejects(mutate: (c: any) => void, message: string | RegExp): AtlasError {
  const c = sample();
  mutate(c);
  let caught: unknown;
  try {
    validateCatalog(c);
  } catch (e) {
    caught = e;
  }
  expect(caught, 'validateCatalog should have thrown').toBeInstanceOf(AtlasError);
  const err = caught as AtlasError;
  expect(err.code).toBe('corrupt');
  if (typeof message === 'string') expect(err.message).toContain(message);
  else expect(err.message).toMatch(message);
  return err;
}

describe('validateCatalog', () => {
  it('accepts optional fields left out', () => {
    const c = sample();
    delete c.atlases[0].parcels;
    delete c.atlases[0].notes;
    delete c.atlases[0].variants[0].dims;
    expect(validateCatalog(c).atlases[0].parcels).toBeUndefined();
  });

  it('accepts a valid catalog and returns it typed, field for field', () => {
    const input = sample();
    const cat = validateCatalog(input);
    expect(cat).toEqual(input);
    expect(cat.atlases[0].variants[1].namesFromVariant).toBe('1mm');
    expect(cat.atlases[1].variants[0].files[1].value).toBe(1);
    expect(cat.atlases[0].nameZh).toBe('AAL3（自动解剖标记图谱第3版）');
    expect(cat.atlases[1].nameZh).toBeUndefined();
  });

  it('names the file, atlas, variant and field in its messages', () => {
    const err = rejects((c) => {
      c.atlases[0].variants[0].files[1].sha256 = 'abc';
    }, "catalog.json: atlas 'aal3' variant '1mm' file 'LUT.csv': sha256 must be 64 hex characters");
    expect(err.file).toBe('catalog.json');
    expect(err.message.startsWith('catalog.json: ')).toBe(true);
  });

  it('uses the file name it is given', () => {
    const c = sample();
    c.version = 2;
    expect(() => validateCatalog(c, 'my-catalog.json')).toThrow('my-catalog.json: version must be 1, not 2');
  });

  it('rejects things that are not a catalog at all', () => {
    expect(() => validateCatalog(null)).toThrow('catalog.json: must be a JSON object');
    expect(() => validateCatalog([])).toThrow('must be a JSON object');
    expect(() => validateCatalog({ version: 1, atlases: {} })).toThrow('atlases must be a list');
    expect(() => validateCatalog({ version: 1, atlases: [42] })).toThrow('atlas #1: must be an object, not 42');
  });

  it('rejects duplicate atlas ids', () => {
    rejects((c) => c.atlases.push({ ...c.atlases[2] }), "atlas 'power-264': id is used by more than one atlas");
  });

  it('rejects duplicate variant ids within an atlas', () => {
    rejects((c) => {
      c.atlases[0].variants[2].id = '1mm';
      c.atlases[0].variants[2].resolutionMm = 1;
    }, "atlas 'aal3': variant id '1mm' is used twice");
  });

  it('rejects unknown kinds and roles', () => {
    rejects((c) => (c.atlases[0].kind = 'parcellation'), "atlas 'aal3': kind must be one of labels, probabilistic");
    rejects(
      (c) => (c.atlases[0].variants[0].files[1].role = 'lut'),
      "atlas 'aal3' variant '1mm' file 'LUT.csv': role must be one of labels, labeltable",
    );
  });

  it('rejects missing, mistyped and unknown fields', () => {
    rejects((c) => delete c.atlases[0].license, "atlas 'aal3': license is missing");
    rejects((c) => (c.atlases[0].licence = 'MIT'), "atlas 'aal3': unknown field 'licence'");
    rejects(
      (c) => (c.atlases[0].year = '2020'),
      "atlas 'aal3': year must be a whole number from 1800 to 2100, not '2020'",
    );
    rejects((c) => (c.atlases[0].name = ''), "atlas 'aal3': name must be a non-empty string");
    rejects((c) => (c.atlases[0].nameZh = 3), "atlas 'aal3': nameZh must be a non-empty string, not 3");
    rejects((c) => (c.atlases[0].id = 'AAL 3'), "atlas 'AAL 3': id must be lower-case");
    rejects((c) => (c.atlases[0].parcels = 0), "atlas 'aal3': parcels must be a whole number from 1 to 1000000, not 0");
    rejects((c) => (c.atlases[3].networks = 8), "atlas 'schaefer-400-7': networks must be 7 or 17, not 8");
    rejects((c) => (c.atlases[0].notes = ['ok', 3]), "atlas 'aal3': notes must be a list of non-empty strings");
    rejects((c) => delete c.atlases[0].doi, "atlas 'aal3': doi is missing (write null");
    rejects((c) => (c.atlases[0].doi = 'doi:10.1016/x'), "atlas 'aal3': doi must look like");
  });

  it('rejects bad file fields', () => {
    const at = "atlas 'aal3' variant '1mm' file 'LUT.csv'";
    rejects((c) => (c.atlases[0].variants[0].files[1].bytes = -1), `${at}: bytes must be a whole number`);
    rejects((c) => (c.atlases[0].variants[0].files[1].bytes = 1.5), `${at}: bytes must be a whole number`);
    rejects(
      (c) => (c.atlases[0].variants[0].files[1].url = 'http://x.org/a'),
      `${at}: url must be an https:// address or null`,
    );
    rejects(
      (c) => delete c.atlases[0].variants[0].files[1].url,
      `${at}: url is missing (write null for a local-only file)`,
    );
    rejects((c) => (c.atlases[0].variants[0].files[1].folder = '../etc'), `${at}: folder must be a single folder name`);
    rejects(
      (c) => (c.atlases[0].variants[0].files[1].name = 'sub/LUT.csv'),
      "atlas 'aal3' variant '1mm' file 'sub/LUT.csv': name must be a plain file name",
    );
    rejects(
      (c) => delete c.atlases[0].variants[0].files[1].name,
      "atlas 'aal3' variant '1mm' file #2: name is missing",
    );
    rejects(
      (c) => (c.atlases[0].variants[0].files[1].value = 3),
      `${at}: value is only allowed on 'probability' files`,
    );
    rejects(
      (c) => c.atlases[0].variants[0].files.push({ ...c.atlases[0].variants[0].files[1] }),
      "atlas 'aal3' variant '1mm': file 'LUT.csv' (folder 'aal3') is listed twice",
    );
  });

  it('rejects bad variant fields', () => {
    rejects(
      (c) => (c.atlases[0].variants[0].dims = [181, 217]),
      "atlas 'aal3' variant '1mm': dims must be three positive whole numbers",
    );
    rejects(
      (c) => (c.atlases[0].variants[0].resolutionMm = -1),
      "atlas 'aal3' variant '1mm': resolutionMm must be a number",
    );
    rejects((c) => (c.atlases[0].variants[0].files = []), "atlas 'aal3' variant '1mm': files must be a non-empty list");
    rejects((c) => (c.atlases[0].variants = []), "atlas 'aal3': variants must be a non-empty list (finest first)");
    rejects(
      (c) => (c.atlases[2].variants[0].resolutionMm = 2),
      "atlas 'power-264' variant 'coords': resolutionMm must be 0 for a coordinates atlas",
    );
    rejects((c) => delete c.atlases[0].variants[1].id, "atlas 'aal3' variant #2: id is missing");
  });

  it('requires a labels file in every variant of a labels atlas', () => {
    rejects(
      (c) => (c.atlases[0].variants[0].files[0].role = 'template'),
      "atlas 'aal3' variant '1mm': a labels atlas needs a 'labels' file in every variant",
    );
    rejects(
      (c) => c.atlases[0].variants[0].files.push(file('second.nii.gz', 'labels')),
      "atlas 'aal3' variant '1mm': two 'labels' files must be one per hemisphere: give one hemisphere 'left' and the other 'right'",
    );
    rejects(
      (c) => c.atlases[0].variants[0].files.push(file('second.nii.gz', 'labels'), file('third.nii.gz', 'labels')),
      "atlas 'aal3' variant '1mm': has more than one 'labels' file",
    );
  });

  it('marks the files that ship with the app (starter: true), and nothing else', () => {
    const c = sample();
    c.atlases[0].variants[0].files[0].starter = true;
    const files = validateCatalog(c).atlases[0].variants[0].files;
    expect(files.map((f) => f.starter)).toEqual([true, ...files.slice(1).map(() => undefined)]);
    rejects(
      (x) => Object.assign(x.atlases[0].variants[0].files[0], { starter: 'yes' }),
      "starter must be true (a file that ships with the app) or left out, not 'yes'",
    );
    rejects((x) => Object.assign(x.atlases[0].variants[0].files[0], { starter: false }), 'starter must be true');
  });

  it('takes an atlas stored as one labels file per hemisphere, with distinct value offsets', () => {
    const sided = (c: any, offsets: [number, number]) => {
      const files = c.atlases[0].variants[0].files;
      Object.assign(files[0], { hemisphere: 'left', valueOffset: offsets[0] });
      files.push({ ...file('right.nii.gz', 'labels'), hemisphere: 'right', valueOffset: offsets[1] });
    };
    const c = sample();
    sided(c, [0, 1000]);
    const files = validateCatalog(c).atlases[0].variants[0].files.filter((f) => f.role === 'labels');
    expect(files.map((f) => [f.hemisphere, f.valueOffset])).toEqual([
      ['left', 0],
      ['right', 1000],
    ]);
    rejects((x) => sided(x, [0, 0]), 'the two hemisphere files need different valueOffsets');
    rejects(
      (x) => Object.assign(x.atlases[0].variants[0].files[0], { hemisphere: 'left' }),
      "a single 'labels' file covers both hemispheres; drop its hemisphere 'left'",
    );
    rejects(
      (x) => Object.assign(x.atlases[0].variants[0].files[0], { hemisphere: 'up' }),
      "hemisphere must be 'left' or 'right', not 'up'",
    );
    rejects(
      (x) => x.atlases[0].variants[0].files.push(file('nets.1D', 'network-assignment')),
      "'network-assignment' and 'network-names' files come together",
    );
    rejects(
      (c) => (c.atlases[2].variants[0].files[0].role = 'labeltable'),
      "atlas 'power-264' variant 'coords': a coordinates atlas needs a 'coordinates' file",
    );
  });

  it('checks namesFromVariant', () => {
    rejects(
      (c) => (c.atlases[0].variants[1].namesFromVariant = '3mm'),
      "atlas 'aal3' variant '1mm-relabelled': namesFromVariant '3mm' is not a variant of this atlas (1mm, 1mm-relabelled, 2mm)",
    );
    rejects(
      (c) => (c.atlases[0].variants[1].namesFromVariant = '1mm-relabelled'),
      "atlas 'aal3' variant '1mm-relabelled': namesFromVariant points to itself",
    );
    rejects((c) => {
      c.atlases[0].variants[0].files.pop();
    }, "namesFromVariant '1mm' has no label table or labelNames to take names from");
  });

  it('checks labelNames', () => {
    rejects(
      (c) => c.atlases[0].variants[2].files.push(file('t.csv', 'labeltable')),
      "atlas 'aal3' variant '2mm': has both a 'labeltable' file and labelNames; keep one",
    );
    rejects(
      (c) => c.atlases[0].variants[2].labelNames.push({ value: 2, name: 'again' }),
      "atlas 'aal3' variant '2mm': labelNames gives value 2 twice",
    );
    rejects(
      (c) => (c.atlases[0].variants[2].labelNames[0].name = ''),
      "atlas 'aal3' variant '2mm' labelNames[0]: name must be a non-empty string",
    );
  });

  it('checks probability values', () => {
    rejects(
      (c) => (c.atlases[1].variants[0].files[2].value = 1),
      "atlas 'aal' variant '1mm': files 'p1.nii.gz' and 'p2.nii.gz' both claim value 1",
    );
    rejects(
      (c) => (c.atlases[1].variants[0].files[2].value = 0),
      "file 'p2.nii.gz': value must be a whole number from 1",
    );
  });

  it('requires finest-first order', () => {
    rejects((c) => {
      c.atlases[0].variants.reverse();
      delete c.atlases[0].variants[1].namesFromVariant;
    }, "atlas 'aal3': variants must be finest first: '1mm-relabelled' (1 mm) comes after '2mm' (2 mm)");
  });

  it('reports how many other problems there are', () => {
    const err = rejects((c) => {
      c.atlases[0].variants[0].files[1].sha256 = 'abc';
      c.atlases[2].license = '';
      c.atlases[3].networks = 9;
    }, 'sha256 must be 64 hex characters (and 2 more: ');
    expect(err.message).toContain("catalog.json: atlas 'aal3'");
    expect(err.message).toContain("atlas 'power-264': license must be a non-empty string");
  });
});

describe('the shipped catalog', () => {
  it('names every atlas in Chinese too, with the same numbers as its English name', () => {
    const catalog = validateCatalog(
      JSON.parse(readFileSync(join(__dirname, '../../../../atlases/catalog.json'), 'utf8')),
    );
    const numbers = (text: string) => (text.match(/\d+(?:\.\d+)?/g) ?? []).sort();
    for (const a of catalog.atlases) {
      expect(a.nameZh, a.id).toMatch(/[\u4e00-\u9fff]|^Craddock/);
      expect(numbers(a.nameZh ?? ''), a.id).toEqual(numbers(a.name));
    }
  });
});
