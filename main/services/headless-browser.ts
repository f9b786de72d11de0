/**
 * A Chromium or Chrome on this machine, run without a window, for `brain-atlas render` (and the tests): where to
 * find one (BRAIN_ATLAS_CHROMIUM, else the usual names and install places), and the flags that make it draw WebGL
 * in software (SwiftShader: the same pixels on every run, with or without a GPU).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AtlasError } from '../../core/errors';

export const CHROMIUM_ENV = 'BRAIN_ATLAS_CHROMIUM';

/** Software WebGL and nothing that phones home. */
export const HEADLESS_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium refuses to start as root with its sandbox on (CI containers run as root). */
export function headlessArgs(): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return root ? ['--no-sandbox', ...HEADLESS_ARGS] : HEADLESS_ARGS;
}

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];
const PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  ],
};

/** The browser to drive: BRAIN_ATLAS_CHROMIUM when set (it must exist), else the first found; says how to fix it. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const asked = env[CHROMIUM_ENV];
  if (asked) {
    if (existsSync(asked)) return asked;
    throw new AtlasError(
      'not-found',
      `${CHROMIUM_ENV} is ${asked}, which does not exist; point it at a Chromium or Chrome`,
    );
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const exe = platform === 'win32' ? '.exe' : '';
  for (const name of NAMES)
    for (const dir of dirs) {
      const p = path.join(dir, name + exe);
      if (existsSync(p)) return p;
    }
  for (const p of PLACES[platform] ?? []) if (existsSync(p)) return p;
  throw new AtlasError(
    'not-found',
    `no Chromium or Chrome was found (looked for ${NAMES.join(', ')} on PATH); install one (Debian: apt-get install chromium) or set ${CHROMIUM_ENV}=/path/to/chrome`,
  );
}
