/**
 * `brain-atlas project`: a statistical map's values on the vertices of a cortical surface (fsaverage5), by the rule
 * of core/surface/project-map.ts; printed as JSON, written as a GIFTI file, or summarised.
 */
import { basename } from 'node:path';
import type { GiftiFile } from '../../../core/io/gifti/gifti';
import { writeGifti } from '../../../core/io/gifti/write';
import { SURFACE_HEMISPHERES, type SurfaceHemisphere } from '../../../core/api/surface-api';
import { SAMPLES_PER_VERTEX } from '../../../core/surface/project-map';
import { readStatMap } from '../../services/cluster-report';
import { SURFACE_ATLAS, SurfaceService, surfaceHostOf } from '../../services/surface-service';
import { maxBytesFromEnv } from '../../services/volume-io';
import { UsageError } from '../args';
import type { CliCommand } from '../command';
import { parseFrame } from '../options';
import { table } from '../output';
import { writeFilesAtomically } from '../write-files';

export const projectCommand: CliCommand = {
  options: ['surface', 'hemi', 'frame', 'json', 'out'],
  async run({ io, rest, args, makeService }) {
    if (rest.length !== 1) throw new UsageError('project needs one map (a NIfTI file)');
    const surface = args.values.get('surface') ?? SURFACE_ATLAS;
    if (surface !== SURFACE_ATLAS) throw new UsageError(`--surface must be ${SURFACE_ATLAS}, got "${surface}"`);
    const hemi = args.values.get('hemi');
    if (!hemi || !(SURFACE_HEMISPHERES as readonly string[]).includes(hemi))
      throw new UsageError('project needs --hemi left or --hemi right');
    const out = args.values.get('out');
    if (out && args.flags.has('json')) throw new UsageError('give --json or --out, not both');
    if (out && !/\.gii$/i.test(out)) throw new UsageError(`--out must name a .gii file, got "${out}"`);
    const frame = parseFrame(args);
    const map = await readStatMap(rest[0], { frame, maxBytes: maxBytesFromEnv(io.env) });
    for (const w of map.warnings) io.err(`warning: ${w}`);
    if (map.spaceWarning) io.err(`warning: ${basename(rest[0])}: ${map.spaceWarning}`);
    const surfaces = new SurfaceService(surfaceHostOf(await makeService()));
    const values = await surfaces.projectMap(map, hemi as SurfaceHemisphere);

    if (args.flags.has('json')) {
      io.out(JSON.stringify(Array.from(values, (v) => (Number.isNaN(v) ? null : v))));
    } else if (out) {
      await writeFilesAtomically([
        { path: out, bytes: writeGifti(valuesFile(values, hemi as SurfaceHemisphere, rest[0])) },
      ]);
      io.err(`wrote ${out}: ${values.length} vertices`);
    } else {
      let present = 0;
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of values) {
        if (Number.isNaN(v)) continue;
        present++;
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
