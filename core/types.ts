/**
 * Small value types shared across core/. They live in this leaf module (it imports nothing) so that any core
 * module can use them without importing core/api/index.ts, which sits above most of core/ (an import of api.ts from
 * below it closes an import cycle). core/api/index.ts re-exports them as part of the API contract.
 */

/** A point or size in 3D: (x, y, z) in mm, or (i, j, k) in voxels. */
export type Vec3 = [number, number, number];
