/**
 * The 3D overlay geometry worker: keeps the display grids it has been sent (by dataKey) and the template surface,
 * and answers projection requests (per-vertex values on the template surface) and blob requests (the isosurface at
 * the thresholds), so the UI thread never walks a 29 MB grid.
 */
import { mat4 } from '../../../core/affine';
import { type BlobRequest, type ValueGrid, blobMesh, projectAlongNormals } from '../scene/overlay-geometry';

export type WorkerRequest =
  | { type: 'grid'; dataKey: string; dims: [number, number, number]; affine: number[]; values: Float32Array }
  | { type: 'drop'; keep: string[] }
  | { type: 'surface'; templateKey: string; positions: Float32Array; normals: Float32Array }
  | { type: 'project'; id: number; dataKey: string; templateKey: string }
  | ({ type: 'blobs'; id: number; dataKey: string } & BlobRequest);

export type WorkerReply =
  | { type: 'project'; id: number; pos: Float32Array; neg: Float32Array }
  | { type: 'blobs'; id: number; positions: Float32Array; normals: Float32Array; indices: Uint32Array; pos: Float32Array; neg: Float32Array }
  | { type: 'error'; id: number; message: string };

const grids = new Map<string, ValueGrid>();
let surface: { templateKey: string; positions: Float32Array; normals: Float32Array } | null = null;

const post = (msg: WorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const m = ev.data;
  try {
    if (m.type === 'grid') {
      grids.set(m.dataKey, { dims: m.dims, affine: mat4(m.affine), values: m.values });
    } else if (m.type === 'drop') {
      for (const k of [...grids.keys()]) if (!m.keep.includes(k)) grids.delete(k);
    } else if (m.type === 'surface') {
      surface = m;
    } else if (m.type === 'project') {
      const g = grids.get(m.dataKey);
      if (!g || !surface || surface.templateKey !== m.templateKey) throw new Error('grid or surface not sent');
      const { pos, neg } = projectAlongNormals(g, surface.positions, surface.normals);
      post({ type: 'project', id: m.id, pos, neg }, [pos.buffer, neg.buffer]);
    } else if (m.type === 'blobs') {
      const g = grids.get(m.dataKey);
      if (!g) throw new Error('grid not sent');
      const b = blobMesh(g, m);
      post({ type: 'blobs', id: m.id, ...b }, [b.positions.buffer, b.normals.buffer, b.indices.buffer, b.pos.buffer, b.neg.buffer]);
    }
  } catch (e) {
    post({ type: 'error', id: 'id' in m ? m.id : -1, message: e instanceof Error ? e.message : String(e) });
  }
};
