import { describe, expect, it } from 'vitest';
import type { AtlasHit, Vec3 } from '../../../../core/api';
import { writeQueryJsonLines } from '../../../../main/cli/query-json-lines';
import type { HitColumn } from '../../../../main/services/point-query';

/** What the command printed before: JSON.stringify of each point's result object, one per line. */
function expected(points: Vec3[], columns: HitColumn[]): string {
  return points
    .map(([x, y, z], i) => {
      const atlases: Record<string, AtlasHit> = {};
      for (const c of columns) atlases[c.atlasId] = c.hits[c.pointHits[i]];
      return `${JSON.stringify({ x, y, z, atlases })}\n`;
    })
    .join('');
}

function columnsFor(n: number): { points: Vec3[]; columns: HitColumn[] } {
  const points: Vec3[] = Array.from({ length: n }, (_, i) => [
    i % 7 === 0 ? -0 : -44.5 + i,
    1e-7 * i,
    2 ** 40 / (i + 1),
  ]);
  const hits: AtlasHit[] = [
    { value: 0, name: null },
    { value: 3, name: 'Área de Broca — 布罗卡区 "pars" \\ opercularis' },
    { value: 70000, name: 'Label 70000' },
    { value: 2, name: 'V1', probabilities: [{ value: 2, name: 'V1', p: 0.625 }] },
  ];
  const objectPerPoint = points.map((_, i) => ({ value: i % 2, name: i % 2 ? 'odd' : null }));
  const columns: HitColumn[] = [
    { atlasId: 'aal3', hits, pointHits: Uint32Array.from(points, (_, i) => (i * 5) % hits.length) },
    { atlasId: 'schaefer-400-7', hits: [hits[0]], pointHits: new Uint32Array(n) },
    // An atlas loaded in full: an object per point, equal ones not shared.
    { atlasId: 'wang2015', hits: objectPerPoint, pointHits: Uint32Array.from(points, (_, i) => i) },
  ];
  return { points, columns };
}

describe('query JSON lines', () => {
  it('writes byte for byte the JSON of each point result, in whole lines', async () => {
    const { points, columns } = columnsFor(500);
    const chunks: string[] = [];
    const decoder = new TextDecoder('utf-8', { fatal: true });
    await writeQueryJsonLines(
      points,
      columns,
      (chunk, written) => {
        chunks.push(decoder.decode(chunk));
        written();
      },
      256,
    );
    expect(chunks.length).toBeGreaterThan(50);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
    expect(chunks.join('')).toBe(expected(points, columns));
  });

  it('never fills a buffer again before the writer lets go of it', async () => {
    const { points, columns } = columnsFor(600);
    const held: Array<{ chunk: Uint8Array; copy: Uint8Array; written: () => void }> = [];
    let text = '';
    const done = writeQueryJsonLines(
      points,
      columns,
      (chunk, written) => held.push({ chunk, copy: chunk.slice(), written }),
      4000,
    );
    // A slow reader: lets go of one chunk at a time, later, checking it is still what it was given.
    while (true) {
      await new Promise((r) => setTimeout(r, 1));
      const next = held.shift();
      if (!next) break;
      expect(Buffer.compare(next.chunk, next.copy)).toBe(0);
      text += new TextDecoder().decode(next.copy);
      next.written();
    }
    await done;
    expect(text).toBe(expected(points, columns));
  });

  it('writes a line longer than a chunk whole', async () => {
    const { points, columns } = columnsFor(3);
    const out: string[] = [];
    await writeQueryJsonLines(
      points,
      columns,
      (chunk, written) => {
        out.push(new TextDecoder().decode(chunk));
        written();
      },
      8,
    );
    expect(out).toEqual(expected(points, columns).split(/(?<=\n)/));
  });
});
