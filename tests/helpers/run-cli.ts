/** Runs `brain-atlas` in this process with the given environment and captures what it prints. */
import { runCli } from '../../main/cli/run';

export async function captureCli(
  env: NodeJS.ProcessEnv,
  argv: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const decoder = new TextDecoder();
  const code = await runCli(argv, {
    out: (t) => out.push(t),
    // Bytes come as whole lines, each with its newline: kept as text the way out() keeps a line.
    outBytes: (b, written) => {
      out.push(decoder.decode(b).replace(/\n$/, ''));
      written();
    },
    err: (t) => err.push(t),
    errIsTty: false,
    env,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
