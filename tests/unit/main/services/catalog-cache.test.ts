import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCatalog } from '../../../../core/catalog/validate';
import { loadCheckedCatalog } from '../../../../main/services/catalog-cache';

const shipped = readFileSync(join(__dirname, '../../../../atlases/catalog.json'), 'utf8');

function setup(text = shipped) {
  const root = mkdtempSync(join(tmpdir(), 'bas-catalog-cache-'));
  const path = join(root, 'catalog.json');
  writeFileSync(path, text);
  const cache = join(root, 'cache');
  const stored = () => readdirSync(join(cache, 'decoded')).filter((f) => f.startsWith('catalog-'));
  return { path, cache, stored };
}

describe('the checked catalog in the cache', () => {
  it('gives what validateCatalog gives, checked once and then read back', async () => {
    const { path, cache, stored } = setup();
    const expected = validateCatalog(JSON.parse(shipped));
    expect(await loadCheckedCatalog(path, cache)).toEqual(expected);
    expect(stored()).toHaveLength(1);
    const [file] = stored();
    const kept = readFileSync(join(cache, 'decoded', file), 'utf8');
    expect(await loadCheckedCatalog(path, cache)).toEqual(expected);
    expect(readFileSync(join(cache, 'decoded', file), 'utf8')).toBe(kept);
    expect(await loadCheckedCatalog(path, null)).toEqual(expected);
  });

  it('checks an edited catalog again, and ignores a stored file that is not one', async () => {
    const { path, cache, stored } = setup();
    await loadCheckedCatalog(path, cache);
    const edited = shipped.replace('"name": "AAL3', '"name": "Edited AAL3');
    expect(edited).not.toBe(shipped);
    writeFileSync(path, edited);
    const again = await loadCheckedCatalog(path, cache);
    expect(again).toEqual(validateCatalog(JSON.parse(edited)));
    expect(again.atlases.some((a) => a.name.startsWith('Edited AAL3'))).toBe(true);
    expect(stored()).toHaveLength(2);
    for (const f of stored()) writeFileSync(join(cache, 'decoded', f), '{"format":"something else"}');
    expect(await loadCheckedCatalog(path, cache)).toEqual(validateCatalog(JSON.parse(edited)));
    const rewritten = stored().map((f) => readFileSync(join(cache, 'decoded', f), 'utf8'));
    expect(rewritten.some((t) => t.includes('Edited AAL3'))).toBe(true);
  });

  it('reports a broken catalog as before and stores nothing', async () => {
    const broken = JSON.parse(shipped);
    broken.atlases[0].year = 'soon';
    const { path, cache } = setup(JSON.stringify(broken));
    const expected = (() => {
      try {
        validateCatalog(broken);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    })();
    expect(expected).toMatch(/year/);
    await expect(loadCheckedCatalog(path, cache)).rejects.toThrow(expected);
    const notJson = setup('{ "version": 1, ');
    await expect(loadCheckedCatalog(notJson.path, notJson.cache)).rejects.toThrow(/catalog.json.*not valid JSON/);
    await expect(loadCheckedCatalog(join(cache, 'missing.json'), cache)).rejects.toThrow(/no such file/);
    expect(() => readdirSync(join(cache, 'decoded'))).toThrow();
  });
});
