/**
 * Atlases stored as one label file per hemisphere on one grid (Julich-Brain 3.1: JulichBrainAtlas31_LH and _RH,
 * both numbered 1..207, one name table for both). They become one label volume: each side's nonzero values are
 * moved by its offset, so left "Area 3b" and right "Area 3b" are two regions, and the table gets one entry per
 * side, named with the side ("Area 3b (PostCG) left", as siibra names them) and the hemisphere field set.
 */
import type { Mat4 } from '../affine';
import { AtlasError } from '../errors';
import type { LabelArray, LabelVolume } from './label-volume';
import type { LabelEntry, LabelTable } from '../io/labels/types';

export interface HemisphereFile {
  volume: LabelVolume;
  hemisphere: 'left' | 'right';
  /** Added to every nonzero value of this file. */
  offset: number;
  fileName: string;
}

const sameAffine = (a: Mat4, b: Mat4) => a.every((v, i) => Math.abs(v - b[i]) <= 1e-5);

/**
 * One label volume from the hemisphere files. They must share dims and affine. A voxel labelled in both files
 * keeps the label of the file listed first, and a warning counts such voxels.
 */
export function mergeHemispheres(files: HemisphereFile[]): { volume: LabelVolume; warnings: string[] } {
  if (files.length === 0) throw new AtlasError('invalid-argument', 'no hemisphere files to merge');
  const [first] = files;
  for (const f of files.slice(1)) {
    if (f.volume.dims.some((d, i) => d !== first.volume.dims[i])) {
      throw new AtlasError(
        'invalid-labels',
        `its grid (${f.volume.dims.join('x')}) differs from ${first.fileName}'s (${first.volume.dims.join('x')}); the hemisphere files of one atlas must share a grid`,
        f.fileName,
      );
    }
    if (!sameAffine(f.volume.affine, first.volume.affine)) {
      throw new AtlasError(
        'invalid-labels',
        `its affine differs from ${first.fileName}'s; the hemisphere files of one atlas must share a grid`,
        f.fileName,
      );
    }
  }
  let max = 0;
  for (const f of files) if (f.volume.maxLabel > 0) max = Math.max(max, f.volume.maxLabel + f.offset);
  const n = first.volume.labels.length;
  const labels: LabelArray = max <= 0xff ? new Uint8Array(n) : max <= 0xffff ? new Uint16Array(n) : new Uint32Array(n);
  let both = 0;
  for (const f of files) {
    const src = f.volume.labels;
    const off = f.offset;
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (v === 0) continue;
      if (labels[i] !== 0) both++;
      else labels[i] = v + off;
    }
  }
  const warnings: string[] = [];
  if (both > 0) {
    warnings.push(
      `${both} voxel${both === 1 ? ' is' : 's are'} labelled in more than one hemisphere file; ${first.fileName}'s label was kept`,
    );
  }
  return { volume: { ...first.volume, labels, maxLabel: max }, warnings };
}

/** The table that names a merged volume: each entry once per side, with its offset, side-named and sided. */
export function sidedTable(
  table: LabelTable | null,
  files: Pick<HemisphereFile, 'hemisphere' | 'offset'>[],
): LabelTable | null {
  if (!table) return null;
  const entries: LabelEntry[] = [];
  for (const f of files) {
    for (const e of table.entries) {
      if (e.value === 0) continue;
      entries.push({ ...e, value: e.value + f.offset, name: `${e.name} ${f.hemisphere}`, hemisphere: f.hemisphere });
    }
  }
  return { ...table, entries };
}
