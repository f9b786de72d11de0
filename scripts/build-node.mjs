// Bundles the Node side (CLI, loopback web server, benchmark) and the Electron shell with esbuild.
// Runs on `npm install` (prepare), so `npx brain-atlas` works right after install.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

const node = [
  ['main/cli-main.ts', 'dist/node/cli.js'],
  ['main/web.ts', 'dist/node/web.js'],
  ['tests/bench/bench.ts', 'dist/node/bench.js'],
  ['tests/bench/mesh-bench.ts', 'dist/node/mesh-bench.js'],
  ['tests/bench/cluster-bench.ts', 'dist/node/cluster-bench.js'],
].filter(([src]) => existsSync(src));

await Promise.all([
  ...node.map(([entry, outfile]) => build({ ...common, entryPoints: [entry], outfile, format: 'esm', banner })),
  ...[
    ['main/index.ts', 'dist/electron/index.cjs'],
    ['main/preload.ts', 'dist/electron/preload.cjs'],
    // The meshing worker, loaded by path from both the Node server and the Electron shell.
    ['main/services/mesh-worker.ts', 'dist/worker/mesh-worker.cjs'],
    // Its helper thread (two-thread smoothing and assembly), started by the mesh worker or bench:mesh.
    ['main/services/mesh-helper.ts', 'dist/worker/mesh-helper.cjs'],
    // Display resampling of statistical maps, off the main process's event loop.
    ['main/services/display-worker.ts', 'dist/worker/display-worker.cjs'],
  ]
    .filter(([src]) => existsSync(src))
    .map(([entry, outfile]) =>
      build({
        ...common,
        entryPoints: [entry],
        outfile,
        format: 'cjs',
        external: ['electron'],
        // Shared modules use import.meta.url to find their files; give CommonJS bundles the same value.
        define: { 'import.meta.url': '__importMetaUrl' },
        banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      }),
    ),
  // The browser benchmark drives Chromium (playwright-core) and bundles NiiVue (esbuild) at run time: both stay
  // external. CommonJS, because the e2e helpers it shares find files through __dirname.
  ...[['tests/bench/browser-bench.ts', 'dist/node/browser-bench.cjs']]
    .filter(([src]) => existsSync(src))
    .map(([entry, outfile]) =>
      build({
        ...common,
        entryPoints: [entry],
        outfile,
        format: 'cjs',
        external: ['electron', 'playwright-core', 'esbuild'],
        define: { 'import.meta.url': '__importMetaUrl' },
        banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      }),
    ),
]);
