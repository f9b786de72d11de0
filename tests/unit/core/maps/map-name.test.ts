/** The names maps are listed by (core/maps/map-name.ts): two open maps never share one. */
import { describe, expect, it } from 'vitest';
import { distinctMapName, mapFileStem } from '../../../../core/maps/map-name';

describe('distinctMapName', () => {
  it('keeps the file name where no open map has it', () => {
    expect(distinctMapName('zstat1.nii.gz', [])).toBe('zstat1.nii.gz');
    expect(distinctMapName('zstat1.nii.gz', ['zstat2.nii.gz', 'zstat1.nii.gz (2)'])).toBe('zstat1.nii.gz');
  });

  it('numbers a second map of the same name from 2, taking the first number free', () => {
    expect(distinctMapName('zstat1.nii.gz', ['zstat1.nii.gz'])).toBe('zstat1.nii.gz (2)');
    expect(distinctMapName('zstat1.nii.gz', ['zstat1.nii.gz', 'zstat1.nii.gz (2)'])).toBe('zstat1.nii.gz (3)');
    // The second was closed: its number is free again.
    expect(distinctMapName('zstat1.nii.gz', ['zstat1.nii.gz', 'zstat1.nii.gz (3)'])).toBe('zstat1.nii.gz (2)');
  });

  it('gives the start of a saved file name: no NIfTI extension, the number after an underscore', () => {
    expect(mapFileStem('zstat1.nii.gz')).toBe('zstat1');
    expect(mapFileStem('beta.NII')).toBe('beta');
    expect(mapFileStem('zstat1.nii.gz (2)')).toBe('zstat1_2');
    expect(mapFileStem('map (final).nii (12)')).toBe('map (final)_12');
    expect(mapFileStem('no-extension')).toBe('no-extension');
  });
});
