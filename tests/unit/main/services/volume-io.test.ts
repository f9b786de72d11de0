import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { nodeInflate } from '../../../../main/services/volume-io';
import { writeNifti } from '../../../helpers/nifti-writer';

describe('nodeInflate', () => {
  it('refuses output past maxOutput with a RangeError, and inflates everything without one', () => {
    const gz = gzipSync(new Uint8Array(10_000));
    expect(nodeInflate(gz).length).toBe(10_000);
    expect(nodeInflate(gz, 10_000).length).toBe(10_000);
    expect(() => nodeInflate(gz, 1000)).toThrow(RangeError);
  });

  it('with decodeNifti, a stream far longer than the header says inflates no more than the image', () => {
    const raw = writeNifti({ dims: [2, 3, 4], data: Array(24).fill(7) });
    const long = new Uint8Array(raw.length + 8 * 1024 * 1024);
    long.set(raw);
    let largest = 0;
    const img = decodeNifti(gzipSync(long), {
      fileName: 'x.nii.gz',
      maxBytes: 1024 * 1024,
      inflate: (gz, max) => {
        const out = nodeInflate(gz, max);
        largest = Math.max(largest, out.length);
        return out;
      },
    });
    expect(Array.from(img.data)).toEqual(Array(24).fill(7));
    expect(largest).toBeLessThanOrEqual(544);
  });
});
