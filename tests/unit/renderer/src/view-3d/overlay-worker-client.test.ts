/**
 * The overlay geometry client where no module worker can start (here: Node has no Worker): the same host runs on
 * the page and every request is still answered — blobs at the thresholds and the surface projection — and a
 * request replaced by a newer one before it started answers null.
 */
import { describe, expect, it, vi } from 'vitest';
import { mat4 } from '../../../../../core/affine';
import { overlayGrids } from '../../../../../renderer/src/model/overlay-data';
import { blobMesh } from '../../../../../renderer/src/view-3d/overlay-geometry';
import { buildBlobs, holdSurface, projectOnSurface } from '../../../../../renderer/src/view-3d/overlay-worker-client';

const n = 24;
const affine = mat4([2, 0, 0, -24, 0, 2, 0, -24, 0, 0, 2, -24, 0, 0, 0, 1]);
const values = new Float32Array(n * n * n);
for (let k = 0; k < n; k++)
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(2 * i - 24, 2 * j - 24, 2 * k - 24);
      values[i + n * (j + n * k)] = r < 10 ? 10 - r : 0;
    }
overlayGrids.put({ dataKey: 'm#0', dims: [n, n, n], affine, values });

describe('overlay geometry client without a worker', () => {
  it('meshes blobs and projects on a surface on the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const b = await buildBlobs('m#0', { posThreshold: 4, negThreshold: 4, showPos: true, showNeg: true });
    expect(warn).toHaveBeenCalled();
    const direct = blobMesh(
      { dims: [n, n, n], affine, values },
      { posThreshold: 4, negThreshold: 4, showPos: true, showNeg: true },
    );
    expect(b).not.toBeNull();
    expect(b!.indices.length).toBe(direct.indices.length);
    expect(Array.from(b!.positions.slice(0, 30))).toEqual(Array.from(direct.positions.slice(0, 30)));
    // A point on a sphere of radius 6 mm around the peak, normal pointing out: 6 mm inward is the peak (10).
    const surface = {
      surfaceKey: 't',
      positions: new Float32Array([0, 0, 6]),
      normals: new Int16Array([0, 0, 32767]),
      depths: [0, 3, 6],
    };
    const p = await projectOnSurface('m#0', surface);
    expect(p.pos[0]).toBeCloseTo(10, 3);
    // The depths are the surface's own: 3 mm in, the value is 10 − 3.
    const shallow = await projectOnSurface('m#0', { ...surface, surfaceKey: 'r', depths: [0, 1, 2, 3] });
    expect(shallow.pos[0]).toBeCloseTo(7, 3);
    // A surface let go of is no longer held: asking to project on it again sends it again.
    holdSurface('r')();
    const again = await projectOnSurface('m#0', { ...surface, surfaceKey: 'r', depths: [0] });
    expect(again.pos[0]).toBeCloseTo(4, 3);
    warn.mockRestore();
  });

  it('answers null to a blob request replaced before it started', async () => {
    const r = { negThreshold: 4, showPos: true, showNeg: false };
    const first = buildBlobs('m#0', { posThreshold: 2, ...r });
    const second = buildBlobs('m#0', { posThreshold: 3, ...r });
    const third = buildBlobs('m#0', { posThreshold: 5, ...r });
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect(c!.voxels).toBe(Array.from(values).filter((v) => v >= 5).length);
  });
});
