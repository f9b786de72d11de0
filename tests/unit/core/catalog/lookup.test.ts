import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../core/errors';
import type { Catalog } from '../../../../core/catalog/types';
import { chooseVariant, findAtlas, suggestAtlasIds } from '../../../../core/catalog/lookup';
import { validateCatalog } from '../../../../core/catalog/validate';
import { sample } from '../../../helpers/sample-catalog';

describe('findAtlas', () => {
  const cat: Catalog = validateCatalog(sample());

  it('finds by exact id, and forgives case and spaces', () => {
    expect(findAtlas(cat, 'aal3').id).toBe('aal3');
    expect(findAtlas(cat, ' AAL3 ').id).toBe('aal3');
  });

  it('throws not-found with the list hint and close suggestions', () => {
    let err: AtlasError | undefined;
    try {
      findAtlas(cat, 'aal4');
    } catch (e) {
      err = e as AtlasError;
    }
    expect(err).toBeInstanceOf(AtlasError);
    expect(err!.code).toBe('not-found');
    expect(err!.message).toBe(
      "no atlas 'aal4' in the catalog; run `brain-atlas list` to see the ids. Did you mean 'aal3' or 'aal'?",
    );
  });

  it('suggests the ids a shortened or run-together id stands for', () => {
    expect(suggestAtlasIds(cat, 'schaefer-400')).toEqual(['schaefer-400-7', 'schaefer-400-17']);
    expect(suggestAtlasIds(cat, 'power264')).toEqual(['power-264']);
    expect(() => findAtlas(cat, 'brodman')).toThrow(
      /^no atlas 'brodman' in the catalog; run `brain-atlas list` to see the ids$/,
    );
  });

  it('gives no suggestion for something unrelated', () => {
    expect(() => findAtlas(cat, 'xyzzy')).toThrow(
      /^no atlas 'xyzzy' in the catalog; run `brain-atlas list` to see the ids$/,
    );
  });
});

describe('chooseVariant', () => {
  const cat: Catalog = validateCatalog(sample());
  const aal3 = findAtlas(cat, 'aal3');

  it('picks the finest (first) variant by default', () => {
    expect(chooseVariant(aal3).id).toBe('1mm');
  });

  it('picks by resolution, the first of equals', () => {
    expect(chooseVariant(aal3, 2).id).toBe('2mm');
    expect(chooseVariant(aal3, 1).id).toBe('1mm');
  });

  it('says which resolutions exist when none matches', () => {
    expect(() => chooseVariant(aal3, 3)).toThrow("atlas 'aal3' has no 3 mm variant; available: 1 mm, 2 mm");
    expect(() => chooseVariant(aal3, 1.5)).toThrow(
      expect.objectContaining({
        code: 'not-found',
        message: "atlas 'aal3' has no 1.5 mm variant; available: 1 mm, 2 mm",
      }),
    );
  });

  it('explains that a coordinates atlas has no grid', () => {
    const power = findAtlas(cat, 'power-264');
    expect(chooseVariant(power).id).toBe('coords');
    expect(() => chooseVariant(power, 2)).toThrow("atlas 'power-264' has no voxel grid (it is a coordinates atlas)");
  });

  it('rejects a senseless resolution', () => {
    expect(() => chooseVariant(aal3, 0)).toThrow('resolution must be a positive number of millimetres');
    expect(() => chooseVariant(aal3, Number.NaN)).toThrow(AtlasError);
  });
});
