/** Small helpers shared by the validators of external JSON (catalog, region info, brain systems). */
import { AtlasError } from '../errors';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value as it appears in a message: strings quoted and shortened, structures named. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** The one error a validator throws: its first problem, then how many more and the next few. */
export function problemsError(errors: readonly string[], fileName: string, none = 'not valid'): AtlasError {
  const [first, ...rest] = errors;
  const more =
    rest.length === 0
      ? ''
      : ` (and ${rest.length} more: ${rest.slice(0, 5).join('; ')}${rest.length > 5 ? '; …' : ''})`;
  return new AtlasError('corrupt', `${first ?? none}${more}`, fileName);
}
