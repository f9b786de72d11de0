/**
 * Maps named on the command line: Electron's argv without the executable, app folder and switches; paths taken
 * from the folder npm was started in; each file opened before the window or server, bad ones reported and skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MapInfo } from '../../../../core/api/map-api';
import { createAtlasService } from '../../../../main/services/create-service';
import { electronFileArgs, openMapFiles, resolveUserPath } from '../../../../main/services/startup-maps';
import { writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('command-line maps', () => {
  let s: SyntheticAtlas;
  let good: string;
  beforeAll(() => {
    s = makeSyntheticAtlas();
    good = join(s.root, 'zstat1.nii.gz');
    writeFileSync(
      good,
      writeNifti({ dims: DIMS, data: s.labels, dtype: 'float32', affine: AFFINE, sformCode: 4, gzip: true }),
    );
    writeFileSync(join(s.root, 'bad.nii'), 'not an image');
  });

  it('reads the file arguments of `electron . FILE` and of a packaged app, skipping switches', () => {
    expect(electronFileArgs(['/usr/lib/electron', '.', 'a.nii.gz', '--no-sandbox', 'b.nii'], true)).toEqual([
      'a.nii.gz',
      'b.nii',
    ]);
    expect(
      electronFileArgs(['/opt/Brain Atlas Studio/brain-atlas-studio', '--inspect=9229', '/data/c.nii'], false),
    ).toEqual(['/data/c.nii']);
    expect(electronFileArgs(['/usr/lib/electron', '.'], true)).toEqual([]);
    expect(electronFileArgs(['electron', '.', '--', '-odd-name.nii'], true)).toEqual(['-odd-name.nii']);
  });

  it('takes relative paths from the folder npm was started in', () => {
    expect(resolveUserPath('maps/z.nii', { INIT_CWD: '/home/me/study' }, '/app')).toBe('/home/me/study/maps/z.nii');
    expect(resolveUserPath('z.nii', {}, '/app')).toBe('/app/z.nii');
    expect(resolveUserPath('/abs/z.nii', { INIT_CWD: '/x' }, '/app')).toBe('/abs/z.nii');
  });

  it('opens every file it can; listMaps shows them; bad files are reported by name and skipped', async () => {
    const service = await createAtlasService(s.env);
    const errors: string[] = [];
    const opened = await openMapFiles(service.maps, [good, join(s.root, 'missing.nii'), join(s.root, 'bad.nii')], (m) =>
      errors.push(m),
    );
    expect(opened.map((m) => m.name)).toEqual(['zstat1.nii.gz']);
    expect(await service.listMaps()).toEqual(opened);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^missing\.nii: no such file/);
    expect(errors[1]).toMatch(/^bad\.nii: /);
  });

  it.skipIf(!existsSync('dist/node/web.js'))('`npm run web -- FILE` serves the map in listMaps', async () => {
    const child = spawn(process.execPath, ['dist/node/web.js', '--port', '0', 'zstat1.nii.gz', 'nope.nii'], {
      env: { ...process.env, ...s.env, INIT_CWD: s.root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '',
        err = '';
      child.stderr.on('data', (c) => (err += c));
      // It prints the address with this launch's key, which API calls must carry as a cookie.
      const [url, key] = await new Promise<[string, string]>((resolve, reject) => {
        child.stdout.on('data', (c) => {
          out += c;
          const m = /is at (http:\/\/127\.0\.0\.1:\d+)\/\?key=([A-Za-z0-9_-]{43})\n/.exec(out);
          if (m) resolve([m[1], m[2]]);
        });
        child.on('exit', (code) => reject(new Error(`web exited ${code}: ${err}`)));
      });
      expect(out).toMatch(/opened zstat1\.nii\.gz/);
      expect(err).toMatch(/nope\.nii: no such file/);
      const res = await fetch(`${url}/api/listMaps`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: `bas_key=${key}` },
        body: '',
      });
      expect(((await res.json()) as MapInfo[]).map((m) => m.name)).toEqual(['zstat1.nii.gz']);
    } finally {
      child.kill();
    }
  });
});
