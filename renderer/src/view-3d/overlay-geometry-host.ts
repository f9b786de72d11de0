/**
 * What the overlay geometry worker does, as a plain object: it keeps the display grids it is sent (by dataKey)
 * and the surfaces maps are projected on (the template's, an atlas's region meshes: by key), and answers projection
 * and blob requests. The worker (overlay.worker.ts) wraps it;
 * where a worker cannot start, the client runs it on the page instead (slower, but the overlays still show).
 */
import { mat4 } from '../../../core/affine';
import { type BlobRequest, type ValueGrid, blobMesh, projectAlongNormals } from './overlay-geometry';

export type WorkerRequest =
  | { type: 'grid'; dataKey: string; dims: [number, number, number]; affine: number[]; values: Float32Array }
  | { type: 'drop'; keep: string[] }
  | ({ type: 'surface' } & ProjectionSurface)
  | { type: 'dropSurface'; surfaceKey: string }
  | { type: 'project'; id: number; dataKey: string; surfaceKey: string }
  | ({ type: 'blobs'; id: number; dataKey: string } & BlobRequest);

/** A surface maps are projected on (projectAlongNormals): its vertices, their outward normals, the depths sampled. */
export interface ProjectionSurface {
  surfaceKey: string;
  positions: Float32Array;
  normals: Int16Array;
  depths: readonly number[];
}

export type WorkerReply =
  | { type: 'project'; id: number; pos: Float32Array; neg: Float32Array }
  | {
      type: 'blobs';
      id: number;
      positions: Float32Array;
      normals: Float32Array;
      indices: Uint32Array;
      pos: Float32Array;
      neg: Float32Array;
      voxels: number;
    }
  | { type: 'error'; id: number; message: string };

export class OverlayGeometryHost {
  private readonly grids = new Map<string, ValueGrid>();
  private readonly surfaces = new Map<string, ProjectionSurface>();

  /** Handles one message; requests with an id get a reply. */
  handle(m: WorkerRequest): WorkerReply | null {
    try {
      if (m.type === 'grid') {
        this.grids.set(m.dataKey, { dims: m.dims, affine: mat4(m.affine), values: m.values });
      } else if (m.type === 'drop') {
        for (const k of [...this.grids.keys()]) if (!m.keep.includes(k)) this.grids.delete(k);
      } else if (m.type === 'surface') {
        this.surfaces.set(m.surfaceKey, m);
      } else if (m.type === 'dropSurface') {
        this.surfaces.delete(m.surfaceKey);
      } else if (m.type === 'project') {
        const g = this.grids.get(m.dataKey);
        const surface = this.surfaces.get(m.surfaceKey);
        if (!g || !surface) throw new Error('grid or surface not sent');
        const { pos, neg } = projectAlongNormals(g, surface.positions, surface.normals, surface.depths);
        return { type: 'project', id: m.id, pos, neg };
      } else if (m.type === 'blobs') {
        const g = this.grids.get(m.dataKey);
        if (!g) throw new Error('grid not sent');
        return { type: 'blobs', id: m.id, ...blobMesh(g, m) };
      }
      return null;
    } catch (e) {
      return { type: 'error', id: 'id' in m ? m.id : -1, message: e instanceof Error ? e.message : String(e) };
    }
  }
}

/** The buffers of a reply, to transfer rather than copy. */
export function replyBuffers(r: WorkerReply): ArrayBuffer[] {
  if (r.type === 'project') return [r.pos.buffer as ArrayBuffer, r.neg.buffer as ArrayBuffer];
  if (r.type === 'blobs') return [r.positions, r.normals, r.indices, r.pos, r.neg].map((a) => a.buffer as ArrayBuffer);
  return [];
}
