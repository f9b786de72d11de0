import { describe, expect, it } from 'vitest';
import { mat4 } from '../../../../core/affine';
import { mergeHemispheres, sidedTable } from '../../../../core/atlas/hemisphere-files';
import type { LabelVolume } from '../../../../core/atlas/label-volume';
import type { LabelTable } from '../../../../core/io/labels/types';
import { assignNetworks } from '../../../../core/atlas/networks';

/** A 4x1x1 grid (x from -2 to 1 mm) holding the given labels. */
function grid(labels: number[], shift = 0): LabelVolume {
  const affine = mat4([1, 0, 0, -2 + shift, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  return {
    dims: [4, 1, 1],
    affine,
    inverse: affine,
    labels: Uint8Array.from(labels),
    maxLabel: Math.max(...labels),
    voxelVolume: 1,
  };
}

describe('hemisphere files', () => {
  it('merges the sides with their offsets; the first file wins a voxel both label, with a warning', () => {
    const left = { volume: grid([1, 2, 0, 0]), hemisphere: 'left' as const, offset: 0, fileName: 'LH.nii.gz' };
    const right = { volume: grid([0, 2, 1, 2]), hemisphere: 'right' as const, offset: 1000, fileName: 'RH.nii.gz' };
    const { volume, warnings } = mergeHemispheres([left, right]);
    expect([...volume.labels]).toEqual([1, 2, 1001, 1002]);
    expect(volume.labels).toBeInstanceOf(Uint16Array);
    expect(volume.maxLabel).toBe(1002);
    expect(warnings).toEqual(["1 voxel is labelled in more than one hemisphere file; LH.nii.gz's label was kept"]);
  });

  it('refuses files on different grids, naming the file', () => {
    const left = { volume: grid([1, 0, 0, 0]), hemisphere: 'left' as const, offset: 0, fileName: 'LH.nii.gz' };
    const right = { volume: grid([0, 0, 0, 1], 1), hemisphere: 'right' as const, offset: 100, fileName: 'RH.nii.gz' };
    expect(() => mergeHemispheres([left, right])).toThrow(/^RH\.nii\.gz: its affine differs from LH\.nii\.gz's/);
  });

  it('names each entry once per side', () => {
    const table: LabelTable = {
      format: 'niivue-json',
      entries: [{ value: 1, name: 'Area 4a', color: [1, 2, 3] }],
      warnings: [],
    };
    const sided = sidedTable(table, [
      { hemisphere: 'left', offset: 0 },
      { hemisphere: 'right', offset: 1000 },
    ]);
    expect(sided?.entries).toEqual([
      { value: 1, name: 'Area 4a left', color: [1, 2, 3], hemisphere: 'left' },
      { value: 1001, name: 'Area 4a right', color: [1, 2, 3], hemisphere: 'right' },
    ]);
  });
});

describe('networks from an assignment column', () => {
  it("gives each label the named network of its number; Gordon's names take their display names", () => {
    const table: LabelTable = {
      format: 'delimited',
      entries: [
        { value: 1, name: 'L_Default_1' },
        { value: 2, name: 'L__2' },
        { value: 3, name: 'L_x_3' },
      ],
      warnings: [],
    };
    const assignment: LabelTable = {
      format: 'value-column',
      entries: [
        { value: 1, name: '1', extra: { value: '1' } },
        { value: 2, name: '2', extra: { value: '2' } },
        { value: 3, name: '9', extra: { value: '9' } },
      ],
      warnings: [],
    };
    const names: LabelTable = {
      format: 'node-list',
      entries: [
        { value: 1, name: 'default' },
        { value: 2, name: 'somatomotorHand' },
      ],
      warnings: [],
    };
    const out = assignNetworks(table, assignment, names);
    expect(out.table.entries.map((e) => e.network)).toEqual(['Default', 'Somatomotor hand', undefined]);
    expect(out.warnings).toEqual(['network number(s) 9 have no name in the network table']);
  });
});
