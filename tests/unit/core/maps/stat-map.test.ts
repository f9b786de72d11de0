/**
 * Statistical maps read from NIfTI files: scaling and frames, the header's space warning, and sampling the map at
 * points.
 */
import { describe, expect, it } from 'vitest';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { findClusters } from '../../../../core/maps/clusters';
import { headerSpaceWarning, sampleStatMap, statisticOf, toStatMap } from '../../../../core/maps/stat-map';
import { writeNifti } from '../../../helpers/nifti-writer';

describe('statistical maps from NIfTI files', () => {
  it('applies scl_slope/inter to any datatype and reads one frame of a 4D file', () => {
    const dims = [5, 5, 5, 3];
    const data = new Array(375).fill(0);
    data[125 + 62] = 100; // frame 1, voxel (2, 2, 2)
    data[250 + 0] = 50; // frame 2
    const bytes = writeNifti({ dims, data, dtype: 'int16', slope: 0.5, inter: -1, sformCode: 4 });
    const map = toStatMap(decodeNifti(bytes, { frame: 1 }), { fileFrame: 1 });
    expect(map.frame).toBe(1);
    expect(map.totalFrames).toBe(3);
    expect(map.values.length).toBe(125);
    expect(map.values[62]).toBe(49);
    expect(map.values[0]).toBe(-1);
    const r = findClusters(map, { threshold: 0 });
    expect(r.clusters.map((c) => [c.voxels, c.peak.value, c.peak.ijk])).toEqual([[1, 49, [2, 2, 2]]]);
    const whole = toStatMap(decodeNifti(bytes), { frameInData: 2 });
    expect(whole.values[0]).toBe(24);
    expect(() => toStatMap(decodeNifti(bytes), { frameInData: 3 })).toThrow(/frame 3 does not exist/);
  });

  it('warns when the header says the map is not in a standard space, naming the code', () => {
    const ok = { sformCode: 4, qformCode: 0, affineSource: 'sform' as const };
    expect(headerSpaceWarning(ok)).toBeNull();
    expect(headerSpaceWarning({ ...ok, sformCode: 2 })).toBeNull();
    expect(headerSpaceWarning({ ...ok, sformCode: 5 })).toBeNull();
    expect(headerSpaceWarning({ sformCode: 1, qformCode: 1, affineSource: 'sform' })).toMatch(
      /scanner space.*sform_code 1 \(scanner\)/,
    );
    expect(headerSpaceWarning({ sformCode: 0, qformCode: 3, affineSource: 'qform' })).toMatch(
      /Talairach.*qform_code 3/,
    );
    expect(headerSpaceWarning({ sformCode: 0, qformCode: 0, affineSource: 'pixdim' })).toMatch(/no transform/);
    const bytes = writeNifti({ dims: [3, 3, 3], data: new Array(27).fill(1), sformCode: 1 });
    expect(toStatMap(decodeNifti(bytes)).spaceWarning).toMatch(/sform_code 1/);
  });

  it('says a degenerate sform is degenerate, not that the header gives none', () => {
    const zeros = new Array(12).fill(0);
    const opts = { dims: [3, 3, 3], data: new Array(27).fill(1), pixdim: [2, 2, 2] as [number, number, number] };
    const zero = toStatMap(decodeNifti(writeNifti({ ...opts, affine: zeros, sformCode: 1 })));
    expect(zero.spaceWarning).toBe(
      'the sform (code 1) is degenerate (not invertible): using the voxel sizes instead, so coordinates and region names are not MNI',
    );
    expect(zero.affine[0]).toBe(2); // the voxel sizes
    const nan = toStatMap(decodeNifti(writeNifti({ ...opts, affine: new Array(12).fill(NaN), sformCode: 4 })));
    expect(nan.spaceWarning).toMatch(/^the sform \(code 4\) is degenerate \(not finite\): using the voxel sizes/);
    const singular = [2, 0, 0, 90, 2, 0, 0, -126, 0, 0, 2, -72];
    expect(toStatMap(decodeNifti(writeNifti({ ...opts, affine: singular, sformCode: 1 }))).spaceWarning).toMatch(
      /sform \(code 1\) is degenerate \(not invertible\)/,
    );
    // Without the matrices (a header summary), the reason is left open; a degenerate qform is named too.
    expect(headerSpaceWarning({ sformCode: 2, qformCode: 1, affineSource: 'pixdim' })).toMatch(
      /^the sform \(code 2\) is degenerate \(not finite or not invertible\) and the qform \(code 1\) is degenerate/,
    );
    // The genuine no-codes case keeps its message.
    const none = toStatMap(decodeNifti(writeNifti({ ...opts, affine: zeros, sformCode: 0, qformCode: 0 })));
    expect(none.spaceWarning).toMatch(/^the header gives no transform \(sform_code and qform_code are 0\)/);
  });

  it('samples the map at points: nearest voxel, trilinear, missing outside', () => {
    const bytes = writeNifti({
      dims: [4, 4, 4],
      data: Array.from({ length: 64 }, (_, i) => i),
      dtype: 'float32',
      affine: [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0],
      sformCode: 4,
    });
    const map = toStatMap(decodeNifti(bytes));
    expect(sampleStatMap(map, 2, 2, 2)).toBe(1 + 4 + 16);
    expect(sampleStatMap(map, 2.9, 0, 0)).toBe(1);
    expect(sampleStatMap(map, 3, 0, 0, 'linear')).toBeCloseTo(1.5, 6);
    expect(sampleStatMap(map, 1, 1, 1, 'linear')).toBeCloseTo(0.5 * (1 + 4 + 16), 6);
    expect(sampleStatMap(map, 6, 6, 6, 'linear')).toBe(63);
    expect(sampleStatMap(map, 100, 0, 0)).toBeNull();
    expect(sampleStatMap(map, 6.5, 0, 0, 'linear')).toBeNull();
  });
});

describe('what a map holds, by its intent code or its name', () => {
  it('takes the intent code first: 5 z-score, 3 t-test, 4 (F) neither whatever the name', () => {
    expect(statisticOf(5, 'effect.nii')).toBe('z');
    expect(statisticOf(3, 'zstat1.nii.gz')).toBe('t');
    expect(statisticOf(4, 'zfstat1.nii.gz')).toBeNull();
  });

  it('reads the names FSL, SPM, BIDS and nilearn users give z and t maps', () => {
    const named = (name: string) => statisticOf(0, name);
    expect(named('zstat3.nii.gz')).toBe('z');
    expect(named('/data/feat/stats/tstat12.nii.gz')).toBe('t');
    expect(named('spmT_0002.nii')).toBe('t');
    expect(named('spmZ_0001.img')).toBe('z');
    expect(named('sub-01_task-motor_contrast-hand_stat-z_statmap.nii.gz')).toBe('z');
    expect(named('group_stat-t_statmap.nii')).toBe('t');
    expect(named('zmap_motor.nii.gz')).toBe('z');
    expect(named('faces-vs-houses_z_map.nii.gz')).toBe('z');
    expect(named('group_tmap.nii')).toBe('t');
    expect(named('language_z_score.nii.gz')).toBe('z');
    expect(named('C:\\maps\\t-map.nii')).toBe('t');
  });

  it('names nothing else a z or t map', () => {
    for (const name of [
      'beta_0001.nii',
      'cope1.nii.gz',
      'zfstat1.nii.gz',
      'sub-01_T1w.nii.gz',
      'tmaps_readme.nii',
      'stat-f_statmap.nii',
      'z.nii',
      'fmap.nii.gz',
      'spmF_0003.nii',
    ])
      expect(statisticOf(0, name), name).toBeNull();
  });
});
