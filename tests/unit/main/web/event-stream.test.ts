/**
 * The event stream over HTTP: GET /api/events answers Server-Sent Events with the launch key's cookie only, each
 * event a `fetch` message of JSON; closing the server ends open streams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasApi } from '../../../../core/api';
import type { ApiEvent } from '../../../../core/api/app-api';
import { ApiEvents } from '../../../../main/services/api-events';
import { type WebServer, startWebServer } from '../../../../main/web/web-server';

describe('GET /api/events', () => {
  const events = new ApiEvents();
  let server: WebServer;

  beforeAll(async () => {
    server = await startWebServer({ api: { events } as unknown as AtlasApi & { events: ApiEvents }, staticDir: null });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a client without the launch key, and other methods', async () => {
    const keyless = await fetch(`${server.origin}/api/events`);
    expect(keyless.status).toBe(403);
    const post = await fetch(`${server.origin}/api/events`, { method: 'POST', headers: { Cookie: server.cookie } });
    expect(post.status).toBe(405);
  });

  it('streams each event as a Server-Sent Event of JSON', async () => {
    const res = await fetch(`${server.origin}/api/events`, { headers: { Cookie: server.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (want: string) => {
      while (!text.includes(want)) text += decoder.decode((await reader.read()).value, { stream: true });
    };
    await until(': connected\n\n');
    const sent: ApiEvent[] = [
      {
        type: 'fetch',
        atlasId: 'aal3',
        phase: 'progress',
        file: 'AAL3v1.nii.gz',
        receivedBytes: 10,
        totalBytes: 49296,
      },
      {
        type: 'fetch',
        atlasId: 'aal3',
        phase: 'failed',
        file: 'AAL3v1.nii.gz',
        receivedBytes: 10,
        totalBytes: 49296,
        message: 'no\nway',
      },
    ];
    for (const e of sent) events.emit(e);
    await until('"failed"');
    await until('\n\n');
    const messages = text
      .split('\n\n')
      .filter((m) => m.startsWith('event:'))
      .map((m) => m.split('\n'));
    expect(messages.map((m) => m[0])).toEqual(['event: fetch', 'event: fetch']);
    expect(messages.map((m) => JSON.parse(m[1].slice('data: '.length)))).toEqual(sent);
    await server.close();
    // The stream ends with the server.
    for (;;) if ((await reader.read()).done) break;
  });
});
