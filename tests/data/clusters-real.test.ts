/**
 * The cluster report against the real atlases: a synthetic "activation" (a Gaussian blob in the left precentral
 * gyrus, on the MNI 2 mm grid, int16 with scaling, stored LAS and RAS) must be named Precentral_L in AAL3, through
 * the service and through the CLI, with composition shares that never sum past 100.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterReportJson } from '../../core/maps/cluster-report';
import { clusterReport, readStatMap } from '../../main/services/cluster-report';
import { createAtlasService } from '../../main/services/create-service';
import { captureCli } from '../helpers/run-cli';
import { writeNifti } from '../helpers/nifti-writer';
import { SHARED } from '../helpers/shared-atlases';

const PEAK: [number, number, number] = [-38, -20, 56];
const DIMS: [number, number, number] = [91, 109, 91];
const LAS = [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72];
const RAS = [2, 0, 0, -90, 0, 2, 0, -126, 0, 0, 2, -72];

/** A z-map-like blob: 6 at the peak, sigma 5 mm, plus a weaker negative blob in the right cerebellum. */
function blobMap(affine: number[]): number[] {
  const [nx, ny, nz] = DIMS;
  const out = new Array(nx * ny * nz).fill(0);
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        const x = affine[0] * i + affine[3],
          y = affine[5] * j + affine[7],
          z = affine[10] * k + affine[11];
        const d2 = (x - PEAK[0]) ** 2 + (y - PEAK[1]) ** 2 + (z - PEAK[2]) ** 2;
        const n2 = (x - 24) ** 2 + (y + 70) ** 2 + (z + 40) ** 2;
        out[i + nx * (j + ny * k)] = 6 * Math.exp(-d2 / (2 * 25)) - 4 * Math.exp(-n2 / (2 * 16));
      }
  return out;
}

describe.skipIf(!SHARED)('cluster report on real atlases', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bas-clusters-'));
    env = { BRAIN_ATLAS_PATH: SHARED as string, BRAIN_ATLAS_CACHE: join(root, 'cache'), BRAIN_ATLAS_NO_INSTALLED: '1' };
    for (const [name, affine] of [
      ['las', LAS],
      ['ras', RAS],
    ] as const) {
      // int16 with scl_slope 0.001: the stored numbers are not the values.
      const data = blobMap(affine).map((v) => Math.round(v * 1000));
      writeFileSync(
        join(root, `${name}.nii.gz`),
        writeNifti({ dims: DIMS, data, dtype: 'int16', slope: 0.001, affine, sformCode: 4, qformCode: 4, gzip: true }),
      );
    }
  });

  it('names the peak Precentral_L in AAL3, whichever way the map is stored', async () => {
    const service = await createAtlasService(env);
    const answers = [];
    for (const name of ['las', 'ras']) {
      const map = await readStatMap(join(root, `${name}.nii.gz`));
      expect(map.spaceWarning).toBeNull();
      const report = await clusterReport(service, map, {
        threshold: 2.3,
        sign: 'both',
        atlases: ['aal3', 'brodmann', 'harvard-oxford-cortical'],
      });
      const json = clusterReportJson(report);
      expect(json).toHaveLength(2);
      const [motor, cerebellum] = json;
      expect(motor.peak.xyz).toEqual(PEAK);
      expect(motor.peak.value).toBeCloseTo(6, 3);
      expect(motor.atlases.aal3.peak.name).toBe('Precentral_L');
      expect(motor.atlases.brodmann.peak.name).toBe('Brodmann_area_4');
      expect(motor.atlases.aal3.composition[0].name).toMatch(
        /^(Precentral_L|Postcentral_L|Frontal_Mid_2_L|Frontal_Sup_2_L)$/,
      );
      expect(cerebellum.peak.value).toBeLessThan(0);
      expect(cerebellum.atlases.aal3.peak.name).toMatch(/^Cerebellum_.*_R$/);
      for (const c of json) {
        for (const [id, a] of Object.entries(c.atlases)) {
          const sum = a.composition.reduce((s, x) => s + x.percent, 0);
          expect(sum).toBeLessThanOrEqual(100);
          if (id === 'aal3') expect(sum).toBeGreaterThan(50); // the cerebellum is outside Harvard-Oxford's cortex
        }
      }
      answers.push(json);
    }
    expect(answers[1]).toEqual(answers[0]);
  });

  it('the CLI prints the same report', async () => {
    const r = await captureCli(env, [
      'clusters',
      join(root, 'ras.nii.gz'),
      '--threshold',
      '2.3',
      '--atlas',
      'aal3',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows).toHaveLength(1);
    expect(rows[0].atlases.aal3.peak).toEqual({ value: 1, name: 'Precentral_L' });
    const sum = rows[0].atlases.aal3.composition.reduce((s: number, x: { percent: number }) => s + x.percent, 0);
    expect(sum).toBeLessThanOrEqual(100);
    const text = await captureCli(env, [
      'clusters',
      join(root, 'las.nii.gz'),
      '--threshold',
      '2.3',
      '--two-sided',
      '--atlas',
      'aal3,brodmann',
    ]);
    expect(text.out).toMatch(/^1\s+\d+\s+\d+\s+6\s+-38\s+-20\s+56\s.*Precentral_L\s+Brodmann_area_4$/m);
    const sample = await captureCli(env, ['sample', join(root, 'ras.nii.gz'), '-38', '-20', '56', '--json']);
    expect(JSON.parse(sample.out)).toEqual([{ x: -38, y: -20, z: 56, value: 6 }]);
  });
});
