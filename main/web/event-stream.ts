/**
 * The API's event stream over HTTP: GET /api/events answers with Server-Sent Events, one `data:` line of JSON per
 * event (core/api/app-api.ts: ApiEvent), named by its type. The web server checks the launch key before handing the
 * request here; a comment line every 15 s keeps idle proxies and the browser from dropping the connection.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEvent } from '../../core/api/app-api';

/** Where events come from: AppService.events (main/services/api-events.ts). */
export interface EventSourceLike {
  on(listener: (e: ApiEvent) => void): () => void;
}

const HEARTBEAT_MS = 15_000;

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly source: EventSourceLike | undefined) {}

  /** Starts a stream on `res` (its security headers already set) that lasts until the client goes away. */
  serve(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    this.open.add(res);
    const off = this.source?.on((e) => {
      res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    });
    const beat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    beat.unref();
    const done = () => {
      clearInterval(beat);
      off?.();
      this.open.delete(res);
    };
    req.on('close', done);
    res.on('close', done);
  }

  /** Ends every stream (the server is closing: an open stream would keep it waiting forever). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
