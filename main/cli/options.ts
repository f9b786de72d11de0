/** Option values several `brain-atlas` commands share: numbers, comma-separated lists and points. */
import { basename } from 'node:path';
import { parseCoordinates } from '../../core/io/coordinates';
import type { Vec3 } from '../../core/types';
import { readBytes } from '../services/volume-io';
import { type ParsedArgs, UsageError, parsePoint } from './args';

/** A number option checked by `check` (UsageError naming `want` otherwise); undefined when not given. */
export function parseNumberFlag(
  args: ParsedArgs,
  name: string,
  check: (n: number) => boolean,
  want: string,
): number | undefined {
  const raw = args.values.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n))
    throw new UsageError(`--${name} needs ${want}, got "${raw}"`);
  return n;
}

/** --frame: which frame of a 4D map (0-based). */
export function parseFrame(args: ParsedArgs): number | undefined {
  return parseNumberFlag(
    args,
    'frame',
    (n) => Number.isInteger(n) && n >= 0,
    'a frame number 0 or more (the first is 0)',
  );
}

/** "aal3, brodmann," → ["aal3", "brodmann"]: split on commas, trimmed, empty entries dropped. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The points of --coords FILE (MNI mm, one per row) when given, else the one point X Y Z in `words`. */
export async function readPoints(coords: string | undefined, words: string[]): Promise<Vec3[]> {
  return coords
    ? parseCoordinates(await readBytes(coords), basename(coords)).map((r) => r.center)
    : [parsePoint(words)];
}
