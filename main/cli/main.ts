/** Entry point of the `brain-atlas` command (bundled to dist/node/cli.js; bin/brain-atlas.js runs it). */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { prestartMeshing } from './mesh-prestart';

// A command's hot loops (meshing's above all: this thread and a helper thread) are optimised by V8 on background
// threads while they run slowly, unoptimised; with no core to spare, that compiling takes turns with the loops
// themselves. Optimising at once, on the thread that needs the code, made `brain-atlas mesh aal3` about 10 % faster
// on the 2-core build machine (1155 → 1039 ms, medians of 10 cold runs taken in turn). Set before any worker starts,
// so its threads (whose optimising is settled when they start) compile at once too; this thread's own compiler was
// settled at start, and only its on-stack replacement of a running loop follows the flag.
if (availableParallelism() <= 2) {
  setFlagsFromString('--no-concurrent-recompilation');
  setFlagsFromString('--no-concurrent-osr');
}

// `brain-atlas mesh …` has its helper thread start now, while the rest of the command loads (mesh-prestart.ts): that
// rest is imported below, in a chunk of its own (scripts/build-node.mjs), after this has run.
prestartMeshing(process.argv.slice(2));
const { runCli } = await import('./run');

// A reader that stops early (`brain-atlas project … --json | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const code = await runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  outBytes: (b, written) => process.stdout.write(b, () => written()),
  err: (t) => process.stderr.write(t === '\n' || t.startsWith('\r') ? t : `${t}\n`),
  errIsTty: Boolean(process.stderr.isTTY),
  env: process.env,
});
process.exitCode = code;
