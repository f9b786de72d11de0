/**
 * `brain-atlas mesh` starts its meshing helper thread, and has it touch the meshing memory's pages, as the command
 * line's entry begins (cli/main.ts), before the rest of the command has loaded. A new worker thread takes about
 * 90 ms to start on the 2-core build machine, and the pages it touches before the meshing starts are pages the
 * meshing does not pay for (about 10 µs each there): started by the mesh command, the helper touched pages from about
 * 235 to 315 ms into the process (AAL3), started here from about 125 to 340 ms. `brain-atlas mesh aal3 --out a.glb`,
 * 8 runs of each in turn: 0.91–0.98 s → 0.89–0.92 s; `node dist/node/cli.js mesh aal3 …`, 10 runs: 0.89–1.01 s →
 * 0.87–0.96 s; the same bytes.
 * Imports only what that needs, so the entry stays small.
 */
import { type StartedHelper, startWarmHelper } from '../workers/helper-thread';
import { bundledWorker } from '../workers/session-worker';

/**
 * The most of the meshing memory the helper touches ahead (it stops when the meshing starts, in practice after 50 to
 * 100 MB): at fine detail the command's meshing of Schaefer 1000 uses about 300 MB of it, Glasser 360 230 MB, AAL3
 * 170 MB.
 */
const WARM_BYTES = 512 * 2 ** 20;

let started: StartedHelper | null = null;

/**
 * The mesh command's helper thread, started from `script` (bundledWorker's) and touching WARM_BYTES of its arena's
 * memory; null where there is no bundled helper or it cannot start (the command then starts none, and meshes on one
 * thread).
 */
export function startMeshHelper(script: string | null): StartedHelper | null {
  try {
    return script ? startWarmHelper(script, WARM_BYTES) : null;
  } catch {
    return null;
  }
}

/**
 * Starts the helper when the command line is `mesh …` (the command's name first, as the usage gives it), unless it
 * asks for help. The mesh command takes it (takePrestartedMeshing); left untaken, it never keeps the process alive.
 */
export function prestartMeshing(argv: readonly string[]): void {
  if (argv[0] !== 'mesh' || argv.includes('--help') || started) return;
  started = startMeshHelper(bundledWorker('mesh-helper'));
}

/** The helper prestartMeshing started, once (null when it started none). */
export function takePrestartedMeshing(): StartedHelper | null {
  const taken = started;
  started = null;
  return taken;
}
