/**
 * The 3D overlay geometry worker: surface projection and blob meshing (overlay-geometry-host.ts) off the UI thread,
 * so the page never walks a 29 MB grid.
 */
import { OverlayGeometryHost, type WorkerRequest, replyBuffers } from './overlay-geometry-host';

const host = new OverlayGeometryHost();

self.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const reply = host.handle(ev.data);
  if (reply) (self as unknown as Worker).postMessage(reply, replyBuffers(reply));
};
