/**
 * One frame of a NIfTI file's bytes, with Node's zlib for 4D .nii.gz: the gzip stream is inflated in libuv's
 * thread pool (the event loop stays free) about twice as fast as the portable inflater, and only the chosen frame
 * is kept (core/io/nifti/frame-stream.ts FrameCollector). Plain .nii and single-frame files use core's decoder.
 */
import { createGunzip } from 'node:zlib';
import { type NiftiImage, decodeNifti, isGzip } from '../../core/io/nifti/decode';
import { FrameCollector, type FrameDecodeOptions } from '../../core/io/nifti/frame-stream';
import { nodeInflate } from './volume-io';

export function readNiftiFrame(bytes: Uint8Array, opts: FrameDecodeOptions): Promise<NiftiImage> {
  const whole = () => decodeNifti(bytes, { ...opts, inflate: opts.inflate ?? nodeInflate });
  if (!isGzip(bytes)) return Promise.resolve().then(whole);
  const c = new FrameCollector(opts);
  return new Promise<NiftiImage>((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    let settled = false;
    const settle = (f: () => NiftiImage) => {
      if (settled) return;
      settled = true;
      gunzip.destroy();
      try {
        resolve(c.single || c.header === null ? whole() : f());
      } catch (e) {
        reject(e);
      }
    };
    gunzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        if (c.push(chunk)) settle(() => c.finish());
      } catch (e) {
        settled = true;
        gunzip.destroy();
        reject(e);
      }
    });
    gunzip.on('end', () => settle(() => c.finish()));
    gunzip.on('error', (e) => {
      if (settled) return;
      // A stream too short to hold a header: core's decoder gives its usual sentence.
      if (c.header === null) return settle(whole);
      settled = true;
      reject(c.gzipError(e, bytes.length));
    });
    gunzip.end(bytes);
  });
}
