/**
 * The Checker that the catalog validators share: collects every problem with the place it concerns and reads
 * typed fields (text, whole numbers, notes) off a raw object. Pure: no fs, no node built-ins.
 */
import { type Obj, show } from '../io/validation';

/** Collects problems ("where: what") while the catalog is read field by field. */
export class Checker {
  readonly errors: string[] = [];

  fail(where: string, what: string): void {
    this.errors.push(where ? `${where}: ${what}` : what);
  }

  unknownKeys(o: Obj, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.fail(where, `unknown field '${k}'`);
    }
  }

  text(o: Obj, key: string, where: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.fail(where, `${key} is missing`);
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(where, `${key} must be a non-empty string, not ${show(v)}`);
      return undefined;
    }
    return v;
  }

  integer(o: Obj, key: string, where: string, min: number, max: number, optional = false): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.fail(where, `${key} is missing`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      this.fail(where, `${key} must be a whole number from ${min} to ${max}, not ${show(v)}`);
      return undefined;
    }
    return v;
  }

  notes(o: Obj, where: string): string[] | undefined {
    const v = o.notes;
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((n) => typeof n !== 'string' || n.trim() === '')) {
      this.fail(where, 'notes must be a list of non-empty strings');
      return undefined;
    }
    return v as string[];
  }
}
