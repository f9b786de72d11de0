/**
 * Gunzip with each member's trailer checked, for the readers that inflate with fflate (GIFTI, NIfTI): fflate's
 * Gunzip skips the CRC-32 and length (ISIZE) that close each gzip member, so a flipped bit that still inflates would
 * load as other values. The last member's trailer is the last 8 bytes of the stream, as fflate frames it; a member
 * followed by another ends where that one starts.
 */
import { Gunzip } from 'fflate';
import { crc32SkippingZeros, gzipTrailerProblem } from './checksums';

/** A gzip member whose trailer does not match: what is wrong, and which member (null when it is the only one). */
export interface GzipDamage {
  problem: string;
  member: number | null;
}

/** Thrown from the stream's callbacks: to stop once onData has enough, or at the first damaged member. */
class Stop extends Error {}

/**
 * Inflates the gzip stream `gz` (one member or several) with fflate, `step` compressed bytes a push, passing the
 * bytes to `onData` as they come; onData returns true to stop (then nothing is checked: the rest was never read).
 * Returns the first member whose trailer does not match what it inflated to, or null. Inflate errors (cut-off or
 * malformed deflate data) are thrown as fflate's.
 */
export function gunzipMembers(gz: Uint8Array, step: number, onData: (chunk: Uint8Array) => boolean): GzipDamage | null {
  let crc = 0;
  let length = 0;
  let member = 1;
  let damage: GzipDamage | null = null;
  const check = (end: number) => {
    const problem = gzipTrailerProblem(gz, end, crc, length);
    if (problem) damage = { problem, member: member > 1 || end < gz.length ? member : null };
  };
  const stream = new Gunzip((chunk) => {
    if (onData(chunk)) throw new Stop();
    crc = crc32SkippingZeros(chunk, crc);
    length += chunk.length;
  });
  stream.onmember = (offset) => {
    // Every byte of the member before has gone through the callback by now; its trailer ends where this one starts.
    check(offset);
    if (damage) throw new Stop();
    member++;
    crc = 0;
    length = 0;
  };
  try {
    for (let off = 0; off < gz.length; off += step) {
      stream.push(gz.subarray(off, Math.min(gz.length, off + step)), off + step >= gz.length);
    }
  } catch (e) {
    if (e instanceof Stop) return damage;
    throw e;
  }
  check(gz.length);
  return damage;
}
