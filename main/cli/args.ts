import { parseCoordinateText } from '../../core/io/coordinate-text';

/**
 * A small argument parser for `brain-atlas`: flags with values, boolean flags, and positionals where negative
 * numbers ("-44") are coordinates, not options — which node:util's parseArgs cannot express.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ArgSpec {
  /** Flags that take a value: --res 2, --res=2 */
  values: string[];
  /** Flags without a value: --json */
  booleans: string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

export function parseCliArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const out: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || NUMBER.test(arg) || /^-[\d.]/.test(arg)) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq >= 0 ? arg.slice(0, eq) : arg).replace(/^--?/, '');
    if (spec.booleans.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      out.values.set(name, value);
    } else {
      throw new UsageError(`unknown option ${arg}`);
    }
  }
  return out;
}

/** Parses "-44, 14, 8", "-44 14 8", "(-44, 14, 8)" or three separate arguments into a point. */
export function parsePoint(parts: string[]): [number, number, number] {
  const parsed = parseCoordinateText(parts.join(' '));
  if (!parsed.ok) throw new UsageError(`expected three numbers X Y Z in MNI mm, got "${parts.join(' ')}"`);
  return parsed.point;
}

export function parseRes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/mm$/i, ''));
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--res needs a voxel size in mm such as 1 or 2, got "${value}"`);
  return n;
}
