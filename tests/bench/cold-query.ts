/**
 * Cold command-line queries for `npm run bench:engine`: `brain-atlas query X Y Z` and `query --coords` with 10 000
 * points over every present labels atlas, each run a fresh process (wall time, as a user waits for it). The very
 * first run with an empty decoded-label cache is reported apart from the runs after it (median of BENCH_RUNS).
 *
 * The runs use a private copy of dist/node/cli.js (the cache is keyed by the code, and a rebuild of dist/ in the
 * meantime would empty it) and a fresh BRAIN_ATLAS_CACHE; the atlases stay where they are: the user cache and
 * BRAIN_ATLAS_PATH become the search path.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { appRoot } from '../../main/services/app-paths';
import { locationsFromEnv } from '../../main/services/atlas-locations';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v: number) => Math.round(v * 10) / 10;

export function coldQueryFigures(runs: number) {
  const built = join(dirname(fileURLToPath(import.meta.url)), 'cli.js');
  if (!existsSync(built)) return { skipped: `no ${built}: run npm run build:node` };
  const work = mkdtempSync(join(tmpdir(), 'bas-bench-cold-'));
  try {
    const cli = join(work, 'cli.js');
    copyFileSync(built, cli);
    const loc = locationsFromEnv();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BRAIN_ATLAS_APP_ROOT: appRoot(),
      BRAIN_ATLAS_CACHE: join(work, 'cache'),
      BRAIN_ATLAS_PATH: [loc.cacheDir, ...loc.searchPaths].join(delimiter),
      BRAIN_ATLAS_CONFIG: join(work, 'config'),
    };
    const run = (args: string[], node = [cli]) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [...node, ...args], { env, encoding: 'utf8', maxBuffer: 256 << 20 });
      const wall = performance.now() - t0;
      if (r.status !== 0) throw new Error(`brain-atlas ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
      return { wall, stdout: r.stdout };
    };
    const point = ['query', '-44', '14', '8', '--json'];
    const first = run(point);
    const atlases = Object.keys(JSON.parse(first.stdout).atlases).length;
    const warm = Array.from({ length: runs }, () => run(point).wall);
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const rows = Array.from({ length: 10_000 }, () =>
      [rand() * 180 - 90, rand() * 216 - 126, rand() * 180 - 72].map((v) => v.toFixed(1)).join(','),
    );
    const coordsFile = join(work, 'points.csv');
    writeFileSync(coordsFile, `x,y,z\n${rows.join('\n')}\n`);
    const coords = Array.from({ length: Math.max(3, Math.ceil(runs / 2)) }, () =>
      run(['query', '--coords', coordsFile]),
    );
    return {
      atlases,
      node_startup_ms: ms(median(Array.from({ length: runs }, () => run(['-e', '0'], []).wall))),
      help_ms: ms(median(Array.from({ length: runs }, () => run(['--help']).wall))),
      query_point_first_run_ms: ms(first.wall),
      query_point_ms: { median: ms(median(warm)), min: ms(Math.min(...warm)), max: ms(Math.max(...warm)), runs },
      query_coords_10000_ms: { median: ms(median(coords.map((c) => c.wall))), runs: coords.length },
      coords_output_bytes: coords[0].stdout.length,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
