// Bundles the Node side (CLI, loopback web server, benchmarks), the Electron shell and the worker threads with
// esbuild. Runs on `npm install` (prepare), so `npx brain-atlas` works right after install.
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};
const esmBanner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

/** A CommonJS bundle; shared modules use import.meta.url to find their files, so it gets the same value. */
const cjs = (entry, outfile, external) =>
  build({
    ...common,
    entryPoints: [entry],
    outfile,
    format: 'cjs',
    external,
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

const present = (pairs) => pairs.filter(([src]) => existsSync(src));

/** Removes what an earlier build split off (file names with hashes), so no stale chunk stays beside the new ones. */
const clean = (dir) => rmSync(dir, { recursive: true, force: true });

await Promise.all([
  // The command line: its entry (main/cli/main.ts) starts what a command can start before the rest has loaded (the
  // mesh command's helper thread), so the rest is a chunk of its own, loaded by the entry's dynamic import; modules
  // both use are shared, not copied.
  ...present([['main/cli/main.ts']]).map(([entry]) => {
    clean('dist/node/cli-chunks');
    return build({
      ...common,
      entryPoints: { cli: entry },
      outdir: 'dist/node',
      splitting: true,
      chunkNames: 'cli-chunks/[name]-[hash]',
      format: 'esm',
      banner: esmBanner,
      external: ['playwright-core'],
    });
  }),
  ...present([
    ['main/web/web.ts', 'dist/node/web.js'],
    ['tests/bench/bench.ts', 'dist/node/bench.js'],
    ['tests/bench/mesh-bench.ts', 'dist/node/mesh-bench.js'],
    ['tests/bench/cluster-bench.ts', 'dist/node/cluster-bench.js'],
    ['tests/bench/surface-bench.ts', 'dist/node/surface-bench.js'],
  ]).map(([entry, outfile]) =>
    // playwright-core (brain-atlas render drives a browser with it) is loaded from node_modules, not bundled.
    build({
      ...common,
      entryPoints: [entry],
      outfile,
      format: 'esm',
      banner: esmBanner,
      external: ['playwright-core'],
    }),
  ),
  ...present([
    ['main/electron/index.ts', 'dist/electron/index.cjs'],
    ['main/electron/preload.ts', 'dist/electron/preload.cjs'],
    // The meshing worker, loaded by path from both the Node server and the Electron shell.
    ['main/workers/mesh-worker.ts', 'dist/worker/mesh-worker.cjs'],
    // Its helper thread (two-thread sweep, join, smoothing and assembly), started by the mesh worker or bench:mesh.
    ['main/workers/mesh-helper.ts', 'dist/worker/mesh-helper.cjs'],
    // Display resampling of statistical maps, off the main process's event loop.
    ['main/workers/display-worker.ts', 'dist/worker/display-worker.cjs'],
  ]).map(([entry, outfile]) => cjs(entry, outfile, ['electron'])),
  // The browser benchmark drives Chromium (playwright-core) and bundles NiiVue (esbuild) at run time: both stay
  // external. CommonJS, because the e2e helpers it shares find files through __dirname.
  ...present([['tests/bench/browser-bench.ts', 'dist/node/browser-bench.cjs']]).map(([entry, outfile]) =>
    cjs(entry, outfile, ['electron', 'playwright-core', 'esbuild']),
  ),
]);
