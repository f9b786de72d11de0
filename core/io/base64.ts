/** Standard base64, without the DOM's atob/btoa (not in core's library): exact error positions, fast on MBs. */
import { formatCount } from '../errors';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = (() => {
  const t = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) t[B64.charCodeAt(i)] = i;
  for (const ws of [9, 10, 12, 13, 32]) t[ws] = -2;
  t[61] = -3; // '='
  return t;
})();

/**
 * Decodes standard base64 (whitespace ignored, padding optional) into a fresh array. `fail` receives a code and a
 * phrase ("has an invalid character …") and must throw.
 */
export function decodeBase64(text: string, fail: (code: 'corrupt' | 'truncated', msg: string) => never): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let chars = 0;
  let pads = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 256 ? B64_VALUE[code] : -1;
    if (v >= 0) {
      if (pads > 0) fail('corrupt', `has data after its '=' padding at character ${formatCount(i + 1)}`);
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      chars++;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 0xff;
      }
    } else if (v === -3) {
      pads++;
    } else if (v === -1) {
      const shown = code < 32 || code > 126 ? `U+${code.toString(16).padStart(4, '0').toUpperCase()}` : text[i];
      fail('corrupt', `has an invalid character '${shown}' at character ${formatCount(i + 1)}`);
    }
  }
  if (chars % 4 === 1) fail('truncated', `ends in the middle of a byte (${formatCount(chars)} base64 characters)`);
  if (pads > 0 && ((chars + pads) % 4 !== 0 || pads > 2)) {
    fail('corrupt', `has ${pads} '=' padding characters after ${formatCount(chars)} characters, which is not valid`);
  }
  return o === out.length ? out : out.slice(0, o);
}

/** Standard base64 with '=' padding, one line. */
export function encodeBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  const enc = new Uint8Array(64);
  for (let i = 0; i < 64; i++) enc[i] = B64.charCodeAt(i);
  let o = 0;
  const whole = bytes.length - (bytes.length % 3);
  for (let i = 0; i < whole; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = enc[n >> 18];
    out[o++] = enc[(n >> 12) & 63];
    out[o++] = enc[(n >> 6) & 63];
    out[o++] = enc[n & 63];
  }
  const rest = bytes.length - whole;
  if (rest > 0) {
    const n = (bytes[whole] << 16) | (rest === 2 ? bytes[whole + 1] << 8 : 0);
    out[o++] = enc[n >> 18];
    out[o++] = enc[(n >> 12) & 63];
    out[o++] = rest === 2 ? enc[(n >> 6) & 63] : 61;
    out[o++] = 61;
  }
  return new TextDecoder().decode(out);
}
