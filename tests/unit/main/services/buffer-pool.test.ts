import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../../main/services/buffer-pool';

describe('BufferPool', () => {
  it('lends at most its size at once, each big enough, and uses returned buffers again', async () => {
    const pool = new BufferPool(2);
    let out = 0;
    let most = 0;
    const seen = new Set<Uint8Array>();
    const sizes = [10, 3000, 50, 7, 2000, 90, 5, 4096];
    const results = await Promise.all(
      sizes.map((bytes, i) =>
        pool.with(bytes, async (b) => {
          out++;
          most = Math.max(most, out);
          expect(b.length).toBeGreaterThanOrEqual(bytes);
          seen.add(b);
          b.fill(i, 0, bytes);
          await new Promise((r) => setTimeout(r, 2));
          // No one else wrote to this buffer while it was lent.
          const mine = b.subarray(0, bytes).every((v) => v === i);
          out--;
          return mine;
        }),
      ),
    );
    expect(results).toEqual(sizes.map(() => true));
    expect(most).toBe(2);
    expect(seen.size).toBeLessThan(sizes.length);
  });

  it('takes the buffer back when the work throws', async () => {
    const pool = new BufferPool(1);
    await expect(
      pool.with(8, async () => {
        throw new Error('read failed');
      }),
    ).rejects.toThrow('read failed');
    expect(await pool.with(8, async (b) => b.length)).toBeGreaterThanOrEqual(8);
  });
});
