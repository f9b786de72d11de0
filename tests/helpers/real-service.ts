/** An AtlasService over the real catalog and the shared atlases (real-data tests), and its systems service. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateBrainSystems } from '../../core/atlas/brain-systems';
import { validateCatalog } from '../../core/catalog/validate';
import { AtlasService } from '../../main/services/atlas-service';
import { SystemsService } from '../../main/services/systems-service';

const root = join(__dirname, '../..');

export function realServices(shared: string, cacheSize = 6): { atlases: AtlasService; systems: SystemsService } {
  const catalog = validateCatalog(JSON.parse(readFileSync(join(root, 'atlases/catalog.json'), 'utf8')));
  const brainSystems = validateBrainSystems(JSON.parse(readFileSync(join(root, 'atlases/brain-systems.json'), 'utf8')));
  const atlases = new AtlasService({
    catalog,
    locations: {
      cacheDir: mkdtempSync(join(tmpdir(), 'bas-cache-')),
      searchPaths: [shared],
      starterDir: null,
      mirror: null,
    },
    cacheSize,
  });
  return { atlases, systems: new SystemsService(atlases, { brainSystems }) };
}
