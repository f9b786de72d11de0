import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeNifti } from '../../../../core/io/nifti/decode';
import { nodeInflate, outputChunk } from '../../../../main/services/volume-io';
import { writeNifti } from '../../../helpers/nifti-writer';

describe('nodeInflate', () => {
  it('refuses output past maxOutput with a RangeError, and inflates everything without one', () => {
    const gz = gzipSync(new Uint8Array(10_000));
    expect(nodeInflate(gz).length).toBe(10_000);
    expect(nodeInflate(gz, 10_000).length).toBe(10_000);
    expect(() => nodeInflate(gz, 1000)).toThrow(RangeError);
  });

  it('asks zlib for the whole output in one chunk, never past maxOutput, and inflates streams the trailer misleads', () => {
    const data = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);
    const gz = gzipSync(data);
    expect(outputChunk(gz)).toBe(300_064);
    expect(outputChunk(gz, 100_000)).toBe(100_064);
    expect(outputChunk(new Uint8Array(4))).toBe(64 * 1024);
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(nodeInflate(gz), data)).toBe(true);
    // Two members: the trailer gives the last one's size only, so the output comes in more chunks, all of it.
    const two = new Uint8Array([...gzipSync(data), ...gzipSync(data.subarray(0, 70_000))]);
    expect(outputChunk(two)).toBe(70_064);
    expect(same(nodeInflate(two), new Uint8Array([...data, ...data.subarray(0, 70_000)]))).toBe(true);
    // A trailer claiming 4 GiB asks for no more than maxOutput.
    const lying = Uint8Array.from(gz);
    lying.set([255, 255, 255, 255], lying.length - 4);
    expect(outputChunk(lying, 1_000_000)).toBe(1_000_064);
    expect(() => nodeInflate(lying, 1_000_000)).toThrow();
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
