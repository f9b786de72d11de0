/** Synthetic maps on the 2 mm MNI152 grid (91×109×91, LAS), as .nii.gz bytes: any function of MNI mm, or a z-map of Gaussian blobs. */
import { writeNifti } from './nifti-writer';

type Vec3 = [number, number, number];

export interface GaussianBlob {
  peak: number;
  /** Centre in MNI mm; an even coordinate is a voxel centre. */
  at: Vec3;
  sigma: number;
}

/** A map on the 2 mm MNI152 grid (91×109×91, LAS) whose value at each voxel centre is `valueAt` there (MNI mm). */
export function mni2mmMap(valueAt: (x: number, y: number, z: number) => number): Uint8Array {
  const dims: Vec3 = [91, 109, 91];
  const data = new Float32Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++)
        data[i + dims[0] * (j + dims[1] * k)] = valueAt(-2 * i + 90, 2 * j - 126, 2 * k - 72);
  return writeNifti({
    dims,
    data,
    dtype: 'float32',
    affine: [-2, 0, 0, 90, 0, 2, 0, -126, 0, 0, 2, -72],
    sformCode: 4,
    gzip: true,
  });
}

export function blobZMap(blobs: readonly GaussianBlob[]): Uint8Array {
  return mni2mmMap((x, y, z) => {
    let v = 0;
    for (const b of blobs)
      v += b.peak * Math.exp(-((x - b.at[0]) ** 2 + (y - b.at[1]) ** 2 + (z - b.at[2]) ** 2) / (2 * b.sigma ** 2));
    return v;
  });
}
