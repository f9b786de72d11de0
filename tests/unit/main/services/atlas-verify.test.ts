import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { verifyFile } from '../../../../main/services/atlas-verify';
import { bytesOf, catalogFile, rejection, sha256, writeAt } from '../../../helpers/catalog-files';

let tmpRoot: string;
beforeEach(async () => {
  tmpRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'atlas-files-'));
});
afterEach(async () => {
  await fs.rm(tmpRoot, { recursive: true, force: true });
});

describe('verifyFile', () => {
  it('passes a good file and names size or hash mismatches', async () => {
    const data = bytesOf(5000, 2);
    const file = catalogFile('AAL3v1.nii.gz', 'aal3', data);
    const p = await writeAt(tmpRoot, 'good', data);
    await expect(verifyFile(p, file)).resolves.toBeUndefined();

    const bad = Buffer.from(data);
    bad[100] ^= 0xff;
    const q = await writeAt(tmpRoot, 'bad', bad);
    const e = await rejection(verifyFile(q, file));
    expect(e.code).toBe('checksum');
    expect(e.message).toContain(
      `AAL3v1.nii.gz: sha256 is ${sha256(bad).slice(0, 12)}… but the catalog expects ${file.sha256.slice(0, 12)}…`,
    );
    expect(e.message).toContain('delete it and fetch again');

    const r = await writeAt(tmpRoot, 'short', data.subarray(0, 10));
    expect((await rejection(verifyFile(r, file))).message).toMatch(/is 10 bytes but the catalog expects 5 000/);
    expect((await rejection(verifyFile(path.join(tmpRoot, 'nope'), file))).code).toBe('not-found');
  });
});
