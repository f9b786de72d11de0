import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../../../core/io/base64';

describe('base64', () => {
  it('round-trips every tail length and all byte values', () => {
    const fail = (_code: string, msg: string): never => {
      throw new Error(msg);
    };
    for (let n = 0; n < 260; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 151 + n) & 0xff);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(decodeBase64(text, fail))).toEqual(Array.from(bytes));
    }
  });

  it('decodes 300 KB, line-wrapped as some writers do, to the same bytes as Node', () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) & 0xff);
    const text = (
      Buffer.from(bytes)
        .toString('base64')
        .match(/.{1,76}/g) as string[]
    ).join('\n');
    const back = decodeBase64(text, () => {
      throw new Error('bad');
    });
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });
});
