/** Where the app's own files are: the catalog (atlases/catalog.json) and the built renderer. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds `atlases/catalog.json`: BRAIN_ATLAS_APP_ROOT when set, else the first folder above this
 * module that has it (works from the sources, from dist/ bundles and from an installed package), else Electron's
 * resources folder in a packaged app.
 */
export function appRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BRAIN_ATLAS_APP_ROOT) return resolve(env.BRAIN_ATLAS_APP_ROOT);
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'atlases', 'catalog.json'))) return dir;
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'atlases', 'catalog.json'))) return resources;
  return resolve(here, '..', '..');
}

export function catalogPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.BRAIN_ATLAS_CATALOG ? resolve(env.BRAIN_ATLAS_CATALOG) : join(appRoot(env), 'atlases', 'catalog.json');
}

/** The starter set shipped with the app: `<app root>/atlases/starter/<folder>/<name>` (atlases/starter/README.md). */
export function starterDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(appRoot(env), 'atlases', 'starter');
}

export function regionInfoPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(catalogPath(env)), 'region-info.json');
}

export function rendererDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(appRoot(env), 'dist', 'renderer');
}
