/** A GIFTI surface file (points and triangles) made in code, for tests of what reads fsaverage-like surfaces. */
import { writeGifti } from '../../core/io/gifti/write';

export function surfaceGii(positions: number[], triangles: number[]): Uint8Array {
  return writeGifti({
    meta: {},
    labels: [],
    arrays: [
      {
        intent: 'NIFTI_INTENT_POINTSET',
        dataType: 'NIFTI_TYPE_FLOAT32',
        dims: [positions.length / 3, 3],
        data: new Float32Array(positions),
        meta: {},
      },
      {
        intent: 'NIFTI_INTENT_TRIANGLE',
        dataType: 'NIFTI_TYPE_INT32',
        dims: [triangles.length / 3, 3],
        data: new Int32Array(triangles),
        meta: {},
      },
    ],
  });
}
