/**
 * `brain-atlas inspect FILE`: the facts of a NIfTI header and a summary of its data, of a GIFTI file's arrays, or of a
 * label table, in words.
 */
import { basename } from 'node:path';
import { applyAffine, orientationCodes, voxelSize } from '../../core/affine';
import { AtlasError, formatCount } from '../../core/errors';
import { type GiftiArray, looksLikeGifti, readGifti } from '../../core/io/gifti/gifti';
import { parseLabelTable } from '../../core/io/labels/detect';
import { looksLikeLabels, wholeNumbers } from '../../core/atlas/label-like';
import { decodeNifti, isGzip } from '../../core/io/nifti/decode';
import { TRANSFORM_CODE_NAMES, looksLikeNifti } from '../../core/io/nifti/header';
import { maxBytesFromEnv, nodeInflate, readBytes } from './volume-io';

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6).replace(/\.?0+$/, ''));

export async function describeFile(path: string): Promise<string> {
  const bytes = await readBytes(path);
  const name = basename(path);
  // Before the gzip test: a .gii.gz is gzip too.
  if (looksLikeGifti(bytes, name)) return describeGifti(bytes, name);
  if (isGzip(bytes) || looksLikeNifti(bytes)) return describeNifti(bytes, name);
  try {
    const table = parseLabelTable(bytes, { fileName: name });
    const lines = [
      `${name}: label table (${table.format}), ${table.entries.length} entries${table.probabilistic ? ', probabilistic atlas (value = frame + 1)' : ''}`,
      ...table.entries
        .slice(0, 5)
        .map((e) => `  ${e.value}\t${e.name}${e.color ? `\trgb(${e.color.join(', ')})` : ''}`),
    ];
    if (table.entries.length > 5) lines.push(`  … ${table.entries.length - 5} more`);
    for (const w of table.warnings) lines.push(`warning: ${w}`);
    return lines.join('\n');
  } catch (e) {
    if (e instanceof AtlasError && e.code === 'unsupported') {
      throw new AtlasError('unsupported', 'neither a NIfTI image (.nii, .nii.gz) nor a label table I can read', name);
    }
    throw e;
  }
}

/** A GIFTI file: per data array its intent, datatype, dimensions and encoding; the surface's size; the label table. */
function describeGifti(bytes: Uint8Array, name: string): string {
  const file = readGifti(bytes, name, maxBytesFromEnv());
  const n = file.arrays.length;
  const lines = [`${name}: GIFTI${isGzip(bytes) ? ', gzip-compressed' : ''}, ${n} data array${n === 1 ? '' : 's'}`];
  const structure =
    file.meta.AnatomicalStructurePrimary ??
    file.arrays.find((a) => a.meta.AnatomicalStructurePrimary)?.meta.AnatomicalStructurePrimary;
  if (structure) lines.push(`  structure:   ${structure}`);
  file.arrays.forEach((a, i) => {
    const facts = [a.intent, a.dataType, a.dims.join(' × '), a.encoding ?? ''].filter(Boolean).join(', ');
    lines.push(`  array ${i}:${' '.repeat(Math.max(1, 6 - String(i).length))}${facts}${valuesOf(a)}`);
  });
  const points = file.arrays.find((a) => a.intent === 'NIFTI_INTENT_POINTSET');
  const triangles = file.arrays.find((a) => a.intent === 'NIFTI_INTENT_TRIANGLE');
  if (points) {
    lines.push(
      `  surface:     ${formatCount(points.dims[0])} vertices` +
        (triangles ? `, ${formatCount(triangles.dims[0])} triangles` : ' (no triangles)'),
    );
  }
  if (file.labels.length > 0) {
    const shown = file.labels.slice(0, 3).map((l) => `${l.key} ${l.name}`);
    const more = file.labels.length > 3 ? ', …' : '';
    lines.push(`  label table: ${formatCount(file.labels.length)} labels (${shown.join(', ')}${more})`);
  }
  return lines.join('\n');
}

/** "; values -3.2 … 5.1" ("keys" for labels) for an array of per-vertex values (not a surface's points or triangles), else "". */
function valuesOf(a: GiftiArray): string {
  if (a.intent === 'NIFTI_INTENT_POINTSET' || a.intent === 'NIFTI_INTENT_TRIANGLE' || a.data.length === 0) return '';
  let min = Infinity;
  let max = -Infinity;
  let nan = 0;
  for (const v of a.data) {
    if (!Number.isFinite(v)) nan++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const what = a.intent === 'NIFTI_INTENT_LABEL' ? 'keys' : 'values';
  const range = min <= max ? `; ${what} ${fmt(min)} … ${fmt(max)}` : '; no finite values';
  return `${range}${nan ? `, ${formatCount(nan)} NaN or infinite` : ''}`;
}

function describeNifti(bytes: Uint8Array, name: string): string {
  const img = decodeNifti(bytes, { fileName: name, inflate: nodeInflate, maxBytes: maxBytesFromEnv() });
  const h = img.header;
  const [nx, ny, nz] = img.dims;
  const vs = voxelSize(h.affine);
  const lines: string[] = [];
  lines.push(
    `${name}: NIfTI-${h.version}${isGzip(bytes) ? ', gzip-compressed' : ''}, ${h.littleEndian ? 'little' : 'big'}-endian`,
  );
  lines.push(
    `  grid:        ${nx} × ${ny} × ${nz}${img.totalFrames > 1 ? ` × ${img.totalFrames} frames` : ''} voxels of ${vs.map(fmt).join(' × ')} mm`,
  );
  lines.push(
    `  datatype:    ${h.datatype}${h.sclSlope !== 1 || h.sclInter !== 0 ? `, scaled by ${fmt(h.sclSlope)} and offset by ${fmt(h.sclInter)}` : ''}`,
  );
  lines.push(
    `  orientation: ${orientationCodes(h.affine)} (voxel axes point to ${orientationCodes(h.affine).split('').join(', ')})`,
  );
  lines.push(
    `  transform:   ${h.affineSource}; sform code ${h.sformCode} (${TRANSFORM_CODE_NAMES[h.sformCode] ?? 'unknown'}), qform code ${h.qformCode} (${TRANSFORM_CODE_NAMES[h.qformCode] ?? 'unknown'})`,
  );
  for (let r = 0; r < 3; r++) {
    lines.push(`               [${[0, 1, 2, 3].map((c) => fmt(h.affine[r * 4 + c]).padStart(9)).join(' ')} ]`);
  }
  const lo = applyAffine(h.affine, 0, 0, 0);
  const hi = applyAffine(h.affine, nx - 1, ny - 1, nz - 1);
  lines.push(
    `  extent:      x ${fmt(Math.min(lo[0], hi[0]))} … ${fmt(Math.max(lo[0], hi[0]))}, y ${fmt(Math.min(lo[1], hi[1]))} … ${fmt(Math.max(lo[1], hi[1]))}, z ${fmt(Math.min(lo[2], hi[2]))} … ${fmt(Math.max(lo[2], hi[2]))} mm`,
  );
  if (h.description) lines.push(`  description: ${h.description}`);
  if (h.intentCode) lines.push(`  intent:      code ${h.intentCode}${h.intentName ? ` (${h.intentName})` : ''}`);

  const n = nx * ny * nz;
  const d = img.data;
  let min = Infinity,
    max = -Infinity,
    nonzero = 0,
    nan = 0,
    integral = true;
  for (let i = 0; i < n; i++) {
    const v = d[i] * h.sclSlope + h.sclInter;
    if (v !== v || v === Infinity || v === -Infinity) {
      nan++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (v !== 0) nonzero++;
    if (integral && v !== Math.round(v)) integral = false;
  }
  lines.push(
    `  values:      ${fmt(min)} … ${fmt(max)} in the first frame; ${formatCount(nonzero)} of ${formatCount(n)} voxels non-zero${nan ? `; ${formatCount(nan)} NaN or infinite` : ''}`,
  );
  const whole = integral && !nan ? wholeNumbers(d.subarray(0, n), h.sclSlope, h.sclInter) : null;
  if (whole?.count === 1) {
    lines.push(`  looks like:  a binary mask${whole.max === 1 ? '' : ` (of ${fmt(whole.max)})`}`);
  } else if (whole && looksLikeLabels(whole, 2)) {
    lines.push(
      `  looks like:  a label volume with ${formatCount(whole.count)} labels (brain-atlas regions --file ${name})`,
    );
  } else if (whole && whole.count > 1) {
    lines.push(
      '  looks like:  an image stored as whole numbers (a scan?): its values vary from voxel to voxel, as labels do not',
    );
  } else if (!integral) {
    lines.push(
      img.totalFrames > 1
        ? '  looks like:  a 4D series or probabilistic atlas (one map per frame)'
        : '  looks like:  a continuous map (template, probability or statistics)',
    );
  }
  for (const w of img.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
