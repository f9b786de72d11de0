/**
 * What the overlay geometry worker does, as a plain object: it keeps the display grids it is sent (by dataKey)
 * and the template surface, and answers projection and blob requests. The worker (overlay.worker.ts) wraps it;
 * where a worker cannot start, the client runs it on the page instead (slower, but the overlays still show).
 */
import { mat4 } from '../../../core/affine';
import { type BlobRequest, type ValueGrid, blobMesh, projectAlongNormals } from './overlay-geometry';

export type WorkerRequest =
  | { type: 'grid'; dataKey: string; dims: [number, number, number]; affine: number[]; values: Float32Array }
  | { type: 'drop'; keep: string[] }
  | { type: 'surface'; templateKey: string; positions: Float32Array; normals: Int16Array }
  | { type: 'project'; id: number; dataKey: string; templateKey: string }
  | ({ type: 'blobs'; id: number; dataKey: string } & BlobRequest);

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
  private surface: { templateKey: string; positions: Float32Array; normals: Int16Array } | null = null;

  /** Handles one message; requests with an id get a reply. */
  handle(m: WorkerRequest): WorkerReply | null {
    try {
      if (m.type === 'grid') {
        this.grids.set(m.dataKey, { dims: m.dims, affine: mat4(m.affine), values: m.values });
      } else if (m.type === 'drop') {
        for (const k of [...this.grids.keys()]) if (!m.keep.includes(k)) this.grids.delete(k);
      } else if (m.type === 'surface') {
        this.surface = m;
      } else if (m.type === 'project') {
        const g = this.grids.get(m.dataKey);
        if (!g || !this.surface || this.surface.templateKey !== m.templateKey)
          throw new Error('grid or surface not sent');
        const { pos, neg } = projectAlongNormals(g, this.surface.positions, this.surface.normals);
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
