/**
 * Maps named on the command line (`npm start -- FILE...`, `npm run web -- FILE...`, `brain-atlas-studio FILE`)
 * and opened before the window or the server starts, so that the renderer's first listMaps() shows them. Plain
 * Node, tested without Electron: main/electron/index.ts and main/web/web.ts only call these.
 */
import { isAbsolute, resolve } from 'node:path';
import { AtlasError } from '../../core/errors';
import type { MapInfo } from '../../core/api/map-api';

/**
 * The file arguments of an Electron main process: process.argv without the executable, without the app folder
 * when Electron runs an unpacked app (`electron .`, process.defaultApp), and without Chromium/Electron switches.
 */
export function electronFileArgs(argv: string[], defaultApp: boolean): string[] {
  const rest = argv.slice(defaultApp ? 2 : 1);
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (a.startsWith('-')) continue; // --no-sandbox, --inspect=9229, --remote-debugging-port=9222 ...
    files.push(a);
  }
  return files;
}

/**
 * A command-line path as the user meant it: npm runs scripts in the package folder, so a relative path is taken
 * from the folder `npm start` / `npm run web` was typed in (INIT_CWD), else from the current folder.
 */
export function resolveUserPath(path: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (isAbsolute(path)) return path;
  return resolve(env.INIT_CWD || cwd, path);
}

export interface MapOpener {
  openMapFile(path: string, frame?: number): Promise<MapInfo>;
}

/**
 * Opens each file in turn. A file that cannot be opened is reported (one sentence naming it) and skipped: the
 * others still open and the app still starts.
 */
export async function openMapFiles(
  maps: MapOpener,
  paths: string[],
  report: (message: string) => void,
): Promise<MapInfo[]> {
  const opened: MapInfo[] = [];
  for (const p of paths) {
    try {
      opened.push(await maps.openMapFile(p));
    } catch (e) {
      report(e instanceof AtlasError ? e.message : `${p}: could not open (${(e as Error)?.message ?? e})`);
    }
  }
  return opened;
}
