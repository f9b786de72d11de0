// `npm run bench`: every benchmark in turn (engine, meshing, clusters, surface, browser), one after another so they
// do not compete for the two cores, printed as one JSON object. Each part is also its own script (bench:engine,
// bench:mesh, bench:clusters, bench:surface, bench:browser). A part that fails is reported in the JSON with its
// error; the rest still run. `npm run bench -- mesh clusters` runs only the parts named.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PARTS = {
  engine: 'dist/node/bench.js',
  mesh: 'dist/node/mesh-bench.js',
  clusters: 'dist/node/cluster-bench.js',
  surface: 'dist/node/surface-bench.js',
  browser: 'dist/node/browser-bench.cjs',
};
const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !(p in PARTS));
if (unknown.length) {
  process.stderr.write(`bench: unknown part ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}\n`);
  process.exit(2);
}
// The real atlases: BRAIN_ATLAS_PATH, else the shared folder beside the checkout (as the tests and CI use).
const env = { ...process.env };
const shared = join(root, '..', 'shared', 'atlases');
if (!env.BRAIN_ATLAS_PATH && existsSync(shared)) env.BRAIN_ATLAS_PATH = shared;
const out = { date: new Date().toISOString(), atlas_path: env.BRAIN_ATLAS_PATH ?? null };
for (const [name, script] of Object.entries(PARTS)) {
  if (asked.length && !asked.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const r = spawnSync(process.execPath, [script], {
    cwd: root,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  try {
    if (r.status !== 0) throw new Error(`exited with ${r.status ?? r.signal}`);
    out[name] = JSON.parse(r.stdout);
  } catch (e) {
    out[name] = { error: e.message, output: r.stdout.slice(-2000) };
  }
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
