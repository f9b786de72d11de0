/**
 * Per-user folders (Node side). Pure functions of (platform, env) so they can be tested for every platform
 * on any machine.
 */
import os from 'node:os';
import path from 'node:path';

const APP_DIR = 'brain-atlas-studio';

/**
 * The per-user data folder of the platform:
 * - Linux and other Unixes: `$XDG_DATA_HOME` (only when absolute, as the XDG spec says) else `~/.local/share`;
 * - macOS: `~/Library/Application Support`;
 * - Windows: `%LOCALAPPDATA%`, else `%USERPROFILE%\AppData\Local`.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') {
    const p = path.win32;
    const local = env.LOCALAPPDATA?.trim();
    if (local) return p.normalize(local);
    const profile = env.USERPROFILE?.trim() || os.homedir();
    return p.join(profile, 'AppData', 'Local');
  }
  const p = path.posix;
  const home = env.HOME?.trim() || os.homedir();
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  const xdg = env.XDG_DATA_HOME?.trim();
  if (xdg && p.isAbsolute(xdg)) return p.normalize(xdg);
  return p.join(home, '.local', 'share');
}

/** Where downloaded atlas files are cached by default: `<user data folder>/brain-atlas-studio/atlases`. */
export function defaultCacheDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(userDataDir(platform, env), APP_DIR, 'atlases');
}

/**
 * The per-user config folder of the platform:
 * - Linux and other Unixes: `$XDG_CONFIG_HOME` (only when absolute) else `~/.config`;
 * - macOS: `~/Library/Application Support` (Electron's convention for both data and settings);
 * - Windows: `%APPDATA%`, else `%USERPROFILE%\AppData\Roaming`.
 */
export function userConfigDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') {
    const p = path.win32;
    const roaming = env.APPDATA?.trim();
    if (roaming) return p.normalize(roaming);
    const profile = env.USERPROFILE?.trim() || os.homedir();
    return p.join(profile, 'AppData', 'Roaming');
  }
  const p = path.posix;
  const home = env.HOME?.trim() || os.homedir();
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  const xdg = env.XDG_CONFIG_HOME?.trim();
  if (xdg && p.isAbsolute(xdg)) return p.normalize(xdg);
  return p.join(home, '.config');
}

/**
 * Where the app keeps settings.json and the saved session: BRAIN_ATLAS_CONFIG when set (tests point it at a temp
 * folder), else `<user config folder>/brain-atlas-studio`.
 */
export function appConfigDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const own = env.BRAIN_ATLAS_CONFIG?.trim();
  if (own) return path.resolve(own);
  const p = platform === 'win32' ? path.win32 : path.posix;
  return p.join(userConfigDir(platform, env), APP_DIR);
}
