/**
 * `brain-atlas project`: a statistical map's values on the vertices of a cortical surface (fsaverage5), by the rule
 * of core/surface/project-map.ts; printed as JSON, written as a GIFTI file, or summarised.
 */
import { basename } from 'node:path';
import { applyAffine } from '../../../core/affine';
import { looksLikeLabels, wholeNumbers } from '../../../core/atlas/label-like';
import { AtlasError, formatCount } from '../../../core/errors';
import type { GiftiFile } from '../../../core/io/gifti/gifti';
import { writeGifti } from '../../../core/io/gifti/write';
import { SURFACE_HEMISPHERES, type SurfaceHemisphere } from '../../../core/api/surface-api';
import type { StatMap } from '../../../core/maps/stat-map';
import { SAMPLES_PER_VERTEX } from '../../../core/surface/project-map';
import { readStatMap } from '../../services/cluster-report';
import { SURFACE_ATLAS, SurfaceService, surfaceHostOf } from '../../services/surface-service';
import { maxBytesFromEnv } from '../../services/volume-io';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { parseFrame } from '../options';
import { table } from '../output';
import { checkOutputPaths, writeFilesAtomically } from '../write-files';

export const projectCommand: CliCommand = {
  options: ['surface', 'hemi', 'frame', 'json', 'out'],
  async run({ io, rest, args, makeService }) {
    if (rest.length !== 1) throw new UsageError('project needs one map (a NIfTI file)');
    const surface = args.values.get('surface') ?? SURFACE_ATLAS;
    if (surface !== SURFACE_ATLAS) throw new UsageError(`--surface must be ${SURFACE_ATLAS}, got "${surface}"`);
    const hemi = parseHemi(args.values.get('hemi'));
    const out = args.values.get('out');
    if (out && args.flags.has('json')) throw new UsageError('give --json or --out, not both');
    if (out && !/\.gii$/i.test(out)) throw new UsageError(`--out must name a .gii file, got "${out}"`);
    const frame = parseFrame(args);
    // Before the work: a folder that is not there would otherwise be found only when the values are written.
    if (out) await checkOutputPaths([out]);
    const map = await readStatMap(rest[0], { frame, maxBytes: maxBytesFromEnv(io.env) });
    for (const w of map.warnings) io.err(`warning: ${w}`);
    if (map.spaceWarning) io.err(`warning: ${basename(rest[0])}: ${map.spaceWarning}`);
    const labels = wholeNumbers(map.values);
    if (labels && looksLikeLabels(labels, MIN_LABELS)) {
      io.err(
        `warning: ${basename(rest[0])} looks like a label volume (${formatCount(labels.count)} distinct whole ` +
          `numbers from ${labels.min} to ${labels.max}): the mean of samples mixes neighbouring labels' ids, which ` +
          "means nothing; open it as an atlas instead (the app's Surface view gives each vertex the label of the " +
          `voxel nearest its mid-thickness point; brain-atlas regions --file ${rest[0]} lists its regions)`,
      );
    }
    const surfaces = new SurfaceService(surfaceHostOf(await makeService()));
    const values = await surfaces.projectMap(map, hemi);
    let present = 0;
    for (const v of values) if (!Number.isNaN(v)) present++;
    // A vertex with no sample is NaN (null) by the command's rule; a hemisphere with none is a wrong input.
    if (present === 0) {
      const inGrid = verticesInGrid(map, (await surfaces.mesh('white', hemi)).positions);
      throw new AtlasError('invalid-argument', noValueMessage(map, hemi, inGrid), basename(rest[0]));
    }
    if (present < values.length * MIN_SHARE) {
      const pct = (100 * present) / values.length;
      io.err(
        `warning: only ${pct < 1 ? 'under 1' : Math.round(pct)} % of the ${hemi} hemisphere's vertices ` +
          `(${formatCount(present)} of ${formatCount(values.length)}) have a value: the map covers little of ` +
          `${SURFACE_ATLAS} (${gridText(map)})`,
      );
    }

    if (args.flags.has('json')) {
      io.out(JSON.stringify(Array.from(values, (v) => (Number.isNaN(v) ? null : v))));
    } else if (out) {
      await writeFilesAtomically([{ path: out, bytes: writeGifti(valuesFile(values, hemi, rest[0])) }]);
      io.err(`wrote ${out}: ${values.length} vertices`);
    } else {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of values) {
        if (Number.isNaN(v)) continue;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '-');
      io.out(
        table([
          ['SURFACE', 'HEMI', 'VERTICES', 'WITH VALUE', 'MIN', 'MAX'],
          [surface, hemi, String(values.length), String(present), fmt(min), fmt(max)],
        ]),
      );
    }
    return 0;
  },
};

/** --hemi: left or right, or FreeSurfer's lh and rh. */
function parseHemi(value: string | undefined): SurfaceHemisphere {
  if (value === undefined) throw new UsageError('project needs --hemi left or --hemi right');
  const hemi = HEMI_ALIASES[value.toLowerCase()] ?? value.toLowerCase();
  if (!(SURFACE_HEMISPHERES as readonly string[]).includes(hemi))
    throw new UsageError(`--hemi must be left or right (or lh, rh), got "${value}"`);
  return hemi as SurfaceHemisphere;
}

/** FreeSurfer's names of the hemispheres (lh.pial, rh.white…). */
const HEMI_ALIASES: Record<string, SurfaceHemisphere> = { lh: 'left', rh: 'right' };

/** Below this share of a hemisphere's vertices with a value, the command warns that the map covers little of it. */
const MIN_SHARE = 0.5;

/**
 * A label volume, for this warning, has at least this many labels: more than `brain-atlas inspect` asks, so that a
 * binary mask or a small count map (whose mean over the ribbon means something) is not taken for labels.
 */
const MIN_LABELS = 10;

/** Why no vertex of the hemisphere got a value, in words the user can act on. */
function noValueMessage(map: StatMap, hemi: string, inGrid: number): string {
  let missing = 0;
  for (const v of map.values) if (Number.isNaN(v)) missing++;
  if (missing === map.values.length) {
    return `no vertex of the ${hemi} hemisphere has a value: every voxel of the map is NaN or infinite`;
  }
  if (inGrid > 0 && missing > 0) {
    return (
      `no vertex of the ${hemi} hemisphere has a value: ${formatCount(inGrid)} of its vertices lie in the map's ` +
      `grid, but its NaN or infinite voxels (${formatCount(missing)} of ${formatCount(map.values.length)}) spoil ` +
      'every sample (a trilinear sample needs the 8 voxels around it)'
    );
  }
  return (
    `no vertex of the ${hemi} hemisphere has a value: the map covers none of ${SURFACE_ATLAS}'s ${hemi} ` +
    `hemisphere (is its affine in MNI mm? ${gridText(map)})`
  );
}

/** How many of the points (x, y, z in world mm) lie within the map's grid of voxel centres. */
function verticesInGrid(map: StatMap, positions: Float32Array): number {
  const m = map.inverse;
  const [nx, ny, nz] = map.dims;
  let n = 0;
  for (let p = 0; p + 2 < positions.length; p += 3) {
    const [x, y, z] = [positions[p], positions[p + 1], positions[p + 2]];
    const i = m[0] * x + m[1] * y + m[2] * z + m[3];
    const j = m[4] * x + m[5] * y + m[6] * z + m[7];
    const k = m[8] * x + m[9] * y + m[10] * z + m[11];
    if (i >= 0 && j >= 0 && k >= 0 && i <= nx - 1 && j <= ny - 1 && k <= nz - 1) n++;
  }
  return n;
}

/** The map's grid and the box its voxel centres span in world mm, for messages. */
function gridText(map: StatMap): string {
  const [nx, ny, nz] = map.dims;
  const lo = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  const hi = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const i of [0, nx - 1])
    for (const j of [0, ny - 1])
      for (const k of [0, nz - 1]) {
        const p = applyAffine(map.affine, i, j, k);
        for (let a = 0; a < 3; a++) {
          lo[a] = Math.min(lo[a], p[a]);
          hi[a] = Math.max(hi[a], p[a]);
        }
      }
  const mm = (v: number) => String(Number(v.toPrecision(6)));
  const flat = map.dims.filter((d) => d === 1).length;
  const thin = flat ? ` (${['', 'a plane', 'a line', 'a single point'][flat]}, which the samples all but miss)` : '';
  return (
    `its grid is ${nx}×${ny}×${nz} voxels${thin}, its bounds x ${mm(lo[0])} … ${mm(hi[0])}, ` +
    `y ${mm(lo[1])} … ${mm(hi[1])}, z ${mm(lo[2])} … ${mm(hi[2])} mm`
  );
}

/** A GIFTI file of per-vertex values, named for the hemisphere so viewers place it (Workbench, nilearn). */
function valuesFile(values: Float32Array, hemi: SurfaceHemisphere, mapPath: string): GiftiFile {
  return {
    meta: { Source: 'brain-atlas project' },
    labels: [],
    arrays: [
      {
        intent: 'NIFTI_INTENT_NONE',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [values.length],
        data: values,
        meta: {
          AnatomicalStructurePrimary: hemi === 'left' ? 'CortexLeft' : 'CortexRight',
          Name: basename(mapPath),
          Description: `mean of ${SAMPLES_PER_VERTEX} trilinear samples from white to pial on ${SURFACE_ATLAS}`,
        },
      },
    ],
  };
}
