/**
 * Engine and catalog sentences in the app's language: the sentences come from the engine's own functions (and the
 * catalog's own licence line), so a change of their wording there fails here instead of showing English in Chinese.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from '../../../../../core/io/nifti/decode';
import { headerSpaceWarning, toStatMap } from '../../../../../core/maps/stat-map';
import { licenceText, mapWarningText, spaceWarningText } from '../../../../../renderer/src/i18n/engine-text';
import { writeNifti } from '../../../../helpers/nifti-writer';

/** Latin words other than the kept terms: English left in a Chinese sentence. */
const englishWords = (text: string, kept: RegExp) => text.replace(kept, '').match(/[A-Za-z]{3,}/g) ?? [];

describe('mapWarningText', () => {
  it("says the engine's missing-voxel warning in Chinese, with its count", () => {
    const data = new Array(27).fill(1);
    data[0] = Number.NaN;
    data[5] = Number.POSITIVE_INFINITY;
    data[9] = Number.NEGATIVE_INFINITY;
    const map = toStatMap(decodeNifti(writeNifti({ dims: [3, 3, 3], data, dtype: 'float32', sformCode: 4 })));
    expect(map.warnings).toEqual(['3 voxels hold NaN or infinity and are treated as missing']);
    expect(mapWarningText(map.warnings[0], 'zh')).toBe('3 个体素为 NaN 或无穷大，按缺失值处理');
    expect(mapWarningText(map.warnings[0], 'en')).toBe(map.warnings[0]);
    expect(mapWarningText('29757 voxels hold NaN or infinity and are treated as missing', 'zh')).toBe(
      '29757 个体素为 NaN 或无穷大，按缺失值处理',
    );
    expect(mapWarningText('1 voxel hold NaN or infinity and are treated as missing', 'en')).toBe(
      '1 voxel holds NaN or infinity and is treated as missing',
    );
  });

  it("says the engine's .gz warning in Chinese, the file name kept", () => {
    const bytes = writeNifti({ dims: [2, 2, 2], data: new Array(8).fill(1), dtype: 'float32', sformCode: 4 });
    const map = toStatMap(decodeNifti(bytes, { fileName: 'my map.nii.gz' }));
    expect(map.warnings).toHaveLength(1);
    expect(mapWarningText(map.warnings[0], 'zh')).toBe('my map.nii.gz 的扩展名是 .gz 但并未压缩；已按普通 .nii 读取');
    expect(mapWarningText(map.warnings[0], 'en')).toBe(map.warnings[0]);
  });

  it('shows a sentence of no known form as it came', () => {
    expect(mapWarningText('something new happened', 'zh')).toBe('something new happened');
  });
});

describe('licenceText', () => {
  const catalog = JSON.parse(readFileSync('scripts/catalog/fsaverage.json', 'utf8')) as {
    atlases: { id: string; license: string }[];
  };
  const licence = catalog.atlases.find((a) => a.id === 'fsaverage5')?.license ?? '';

  it("gives fsaverage5's catalog licence in Chinese, names and SPDX identifiers kept", () => {
    expect(licenceText(licence, 'zh')).toBe(
      'FreeSurfer 数据（据 nilearn，许可未知）；副本来自 nilearn（BSD-3-Clause）与 DPABI（LGPL-2.1）',
    );
  });

  it('gives it unchanged in English, and any other licence as it is', () => {
    expect(licenceText(licence, 'en')).toBe(licence);
    expect(licenceText('CC-BY-4.0', 'zh')).toBe('CC-BY-4.0');
  });
});

describe('spaceWarningText', () => {
  const forms = [
    headerSpaceWarning({ sformCode: 1, qformCode: 1, affineSource: 'sform' }),
    headerSpaceWarning({ sformCode: 3, qformCode: 0, affineSource: 'sform' }),
    headerSpaceWarning({ sformCode: 0, qformCode: 7, affineSource: 'qform' }),
    headerSpaceWarning({ sformCode: 0, qformCode: 0, affineSource: 'pixdim' }),
    headerSpaceWarning({ sformCode: 4, qformCode: 0, affineSource: 'pixdim', sform: null }),
    headerSpaceWarning({ sformCode: 4, qformCode: 1, affineSource: 'pixdim', sform: null, qform: null }),
  ].filter((w): w is string => w !== null);

  it("says each of the engine's forms in Chinese, keeping the header's terms", () => {
    expect(forms).toHaveLength(6);
    for (const w of forms) {
      const zh = spaceWarningText(w, 'zh');
      expect(englishWords(zh, /sform_code|qform_code|sform|qform|Talairach|scanner|unknown code|MNI\d*/g), zh).toEqual(
        [],
      );
    }
    expect(spaceWarningText(forms[1], 'zh')).toBe(
      '文件头表明：Talairach 空间，不是 MNI；sform_code 3 (Talairach)；坐标和脑区名称可能有误',
    );
  });

  it('gives each form unchanged in English', () => {
    for (const w of forms) expect(spaceWarningText(w, 'en')).toBe(w);
  });
});
