import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

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
