/**
 * openMap over the loopback web server: the file is the request body (application/octet-stream) and the other
 * arguments travel in ?args=; an oversized or garbage body is one clear error and the open maps stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MapInfo } from '../../../../core/api/map-api';
import { decodeMapDisplay } from '../../../../core/maps/map-display';
import { createAtlasService } from '../../../../main/services/create-service';
import { httpApi } from '../../../../renderer/src/api';
import { type WebServer, startWebServer } from '../../../../main/web/web-server';
import { writeNifti } from '../../../helpers/nifti-writer';
import { AFFINE, DIMS, type SyntheticAtlas, makeSyntheticAtlas } from '../../../helpers/synthetic-atlas';

describe('map upload over HTTP', () => {
  let s: SyntheticAtlas;
  let server: WebServer;
  const LIMIT = 64 * 1024;
  const upload = (body: BodyInit, args: unknown, type = 'application/octet-stream') =>
    fetch(`${server.origin}/api/openMap?args=${encodeURIComponent(JSON.stringify(args))}`, {
      method: 'POST',
      headers: { 'Content-Type': type, Cookie: server.cookie },
      body,
    });
  const json = (method: string, arg?: unknown) =>
    fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: server.cookie },
      body: arg === undefined ? '' : JSON.stringify(arg),
    });
  const map = writeNifti({
    dims: DIMS,
    data: Array.from({ length: DIMS[0] * DIMS[1] * DIMS[2] }, (_, i) => i % 7),
    dtype: 'int16',
    slope: 0.5,
    affine: AFFINE,
    sformCode: 4,
    gzip: true,
  }) as Uint8Array<ArrayBuffer>;

  beforeAll(async () => {
    s = makeSyntheticAtlas();
    server = await startWebServer({ api: await createAtlasService(s.env), staticDir: null, maxUploadBytes: LIMIT });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('opens a map from the request body, lists it, serves its display as binary and closes it', async () => {
    const res = await upload(map, { name: 'z.nii.gz', frame: 0 });
    expect(res.status).toBe(200);
    const info = (await res.json()) as MapInfo;
    expect(info).toMatchObject({ name: 'z.nii.gz', dims: DIMS, datatype: 'int16 (scaled)', range: { min: 0, max: 3 } });
    expect(((await (await json('listMaps')).json()) as MapInfo[]).map((m) => m.mapId)).toEqual([info.mapId]);
    const disp = await json('getMapDisplay', { mapId: info.mapId });
    expect(disp.headers.get('content-type')).toBe('application/octet-stream');
    expect(decodeMapDisplay(await disp.arrayBuffer()).dims).toEqual([182, 218, 182]);
    const closed = await json('closeMap', { mapId: info.mapId });
    expect(closed.status).toBe(200);
    expect(await closed.json()).toBeNull();
  });

  it("the renderer's HTTP client uploads with openMap and reads the display and report back", async () => {
    const client = httpApi(server.origin, { Cookie: server.cookie });
    const info = await client.openMap({ name: 'client.nii.gz', bytes: map.slice().buffer, frame: 0 });
    expect(info.name).toBe('client.nii.gz');
    expect(decodeMapDisplay(await client.getMapDisplay({ mapId: info.mapId })).values.length).toBe(182 * 218 * 182);
    const report = await client.mapClusters({ mapId: info.mapId, threshold: 2.5 });
    expect(report.clusters.length).toBeGreaterThan(0);
    expect(report.atlasIds).toEqual(['synth']);
    await expect(client.openMap({ name: 'junk.nii', bytes: new Uint8Array(400).buffer })).rejects.toThrow(
      /^junk\.nii: /,
    );
    await expect(client.closeMap({ mapId: info.mapId })).resolves.toBeNull();
  });

  it('refuses an oversized body, garbage, a JSON body and bad args with one clear error; open maps stay', async () => {
    const kept = (await (await upload(map, { name: 'kept.nii.gz' })).json()) as MapInfo;
    const big = await upload(new Uint8Array(LIMIT + 1) as Uint8Array<ArrayBuffer>, { name: 'big.nii' });
    expect(big.status).toBe(413);
    expect((await big.json()).error.message).toMatch(/over the 0\.1 MiB limit/);
    const garbage = await upload(
      new TextEncoder().encode('<html>not a map</html>'.repeat(30)) as Uint8Array<ArrayBuffer>,
      { name: 'page.nii' },
    );
    expect(garbage.status).toBe(422);
    expect((await garbage.json()).error).toEqual({
      code: 'corrupt',
      message: 'page.nii: not a NIfTI file: it does not start with a NIfTI-1 or NIfTI-2 header',
    });
    const asJson = await json('openMap', { name: 'x.nii', bytes: 'AAAA' });
    expect(asJson.status).toBe(415);
    expect((await asJson.json()).error.message).toBe('openMap takes the file as an application/octet-stream body');
    const noName = await upload(map, {});
    expect((await noName.json()).error.message).toMatch(/name must be the file name/);
    const badArgs = await fetch(`${server.origin}/api/openMap?args=%7Bnope`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Cookie: server.cookie },
      body: map,
    });
    expect(badArgs.status).toBe(400);
    const wrongType = await upload(map, { name: 'a.nii.gz' }, 'text/plain');
    expect(wrongType.status).toBe(415);
    const list = (await (await json('listMaps')).json()) as MapInfo[];
    expect(list).toEqual([kept]);
  });
});

describe('the launch key', () => {
  let server: WebServer;
  beforeAll(async () => {
    const s = makeSyntheticAtlas();
    server = await startWebServer({ api: await createAtlasService(s.env), staticDir: null, key: 'k'.repeat(43) });
  });
  afterAll(() => server?.close());

  const call = (headers: Record<string, string>) =>
    fetch(`${server.origin}/api/listAtlases`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: '',
    });

  it('refuses an API call without the key, or with another, with 403', async () => {
    const none = await call({});
    expect(none.status).toBe(403);
    expect((await none.json()).error.message).toMatch(/launch's key/);
    expect((await call({ Cookie: `bas_key=${'x'.repeat(43)}` })).status).toBe(403);
    expect((await call({ Cookie: 'bas_key=short' })).status).toBe(403);
    expect((await call({ Cookie: server.cookie })).status).toBe(200);
  });

  it('trades the key in the address for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    expect(server.url).toBe(`${server.origin}/?key=${'k'.repeat(43)}`);
    const res = await fetch(server.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toBe(`bas_key=${'k'.repeat(43)}; HttpOnly; SameSite=Strict; Path=/`);
    const wrong = await fetch(`${server.origin}/?key=nope`, { redirect: 'manual' });
    expect(wrong.status).toBe(403);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('makes a different key at every launch by default', async () => {
    const s = makeSyntheticAtlas();
    const api = await createAtlasService(s.env);
    const a = await startWebServer({ api, staticDir: null });
    const b = await startWebServer({ api, staticDir: null });
    expect(a.cookie).toMatch(/^bas_key=[A-Za-z0-9_-]{43}$/);
    expect(a.cookie).not.toBe(b.cookie);
    await a.close();
    await b.close();
  });
});
