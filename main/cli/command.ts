/** The shape every `brain-atlas` command shares: what it gets (io, arguments, the service) and what it declares. */
import type { AtlasService } from '../services/atlas-service';
import type { ParsedArgs } from './args';

export interface CliIo {
  out(text: string): void;
  /**
   * Writes UTF-8 bytes to stdout as they are (large output, already whole lines with their newlines), then calls
   * `written` once it no longer holds them (the caller may fill the buffer again).
   */
  outBytes(bytes: Uint8Array, written: () => void): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars redraw in place). */
  errIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  io: CliIo;
  /** The positional arguments after the command name. */
  rest: string[];
  args: ParsedArgs;
  /** Creates the atlas service; called only by commands that need it, after their arguments are checked. */
  makeService: () => Promise<AtlasService>;
}

export interface CliCommand {
  /** The options (without --) the command accepts; any other is a usage error. */
  options: readonly string[];
  /** Runs the command and returns the exit code; throws UsageError for bad arguments, AtlasError for data problems. */
  run(ctx: CommandContext): Promise<number>;
}
