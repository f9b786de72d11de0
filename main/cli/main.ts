/** Entry point of the `brain-atlas` command (bundled to dist/node/cli.js; bin/brain-atlas.js runs it). */
import { runCli } from './run';

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
