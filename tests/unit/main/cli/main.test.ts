import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../helpers/run-cli';
import { DIMS, type SyntheticAtlas, makeSyntheticAtlas, worldOf } from '../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
});

describe('the built command', () => {
  it('runs as a separate process with exit codes and no stack traces', () => {
    const bin = join(__dirname, '../../../../bin/brain-atlas.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...s.env }, encoding: 'utf8' });
    const ok = run('query', '-10', '0', '0', '--atlas', 'synth', '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).atlases.synth.value).toBe(1);
    const bad = run('inspect', join(s.root, 'does-not-exist.nii'));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(run('--bogus').status).toBe(2);
  });
});

describe('the built command with many points', () => {
  it('writes every line of query --coords through a pipe, first from the full load, then from the cache', () => {
    // 60 000 grid points (some past the grid), about 5 MB of output: several buffers, a reader slower than the writer.
    const names: Record<number, string> = { 1: '7Networks_LH_Vis_1', 2: '7Networks_RH_Default_PFC_1' };
    const [nx, ny, nz] = DIMS;
    const points = Array.from({ length: 60_000 }, (_, n) => {
      const [i, j, k] = [(n * 7) % (nx + 4), (n * 13) % (ny + 2), (n * 5) % nz];
      return { xyz: worldOf(i, j, k), value: i < nx && j < ny ? s.labels[i + nx * (j + ny * k)] : 0 };
    });
    const file = join(s.root, 'many.csv');
    writeFileSync(file, `x,y,z\n${points.map((p) => p.xyz.join(',')).join('\n')}\n`);
    // What each line must be, from the synthetic labels themselves.
    const expected = points
      .map(({ xyz: [x, y, z], value }) => {
        const hit = { value, name: value ? names[value] : null };
        return `${JSON.stringify({ x, y, z, atlases: { synth: hit } })}\n`;
      })
      .join('');
    expect(points.filter((p) => p.value === 1).length).toBeGreaterThan(100);
    const bin = join(__dirname, '../../../../bin/brain-atlas.js');
    for (const run of ['writes the cache', 'reads the cache']) {
      const r = spawnSync(process.execPath, [bin, 'query', '--coords', file], {
        env: { ...process.env, ...s.env },
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      expect(r.status, `${run}: ${r.stderr}`).toBe(0);
      expect(r.stdout === expected, run).toBe(true);
      expect(readdirSync(join(s.cache, 'decoded')).some((f) => f.endsWith('.labels'))).toBe(true);
    }
  });
});

describe('the built mesh command', () => {
  it('writes through the built entry (its helper started before the command loads) what it writes in this process', async () => {
    const bin = join(__dirname, '../../../../bin/brain-atlas.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, ...s.env }, encoding: 'utf8' });
    const file = join(s.root, 'process.glb');
    const r = run('mesh', 'synth', '--out', file);
    expect(r.status, r.stderr).toBe(0);
    const here = join(s.root, 'here.glb');
    expect((await captureCli(s.env, ['mesh', 'synth', '--out', here])).code).toBe(0);
    expect(readFileSync(file).equals(readFileSync(here))).toBe(true);
    // A helper started for a command that then stops at once (a usage error) does not keep the process alive.
    const started = Date.now();
    const bad = run('mesh', 'synth');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/mesh needs --out FILE/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
