import { describe, expect, it } from 'vitest';
import { appConfigDir, defaultCacheDir } from '../../../../main/services/user-dirs';

describe('defaultCacheDir', () => {
  it('uses XDG_DATA_HOME on Linux when absolute, else ~/.local/share', () => {
    expect(defaultCacheDir('linux', { HOME: '/home/ann', XDG_DATA_HOME: '/data/ann' })).toBe(
      '/data/ann/brain-atlas-studio/atlases',
    );
    expect(defaultCacheDir('linux', { HOME: '/home/ann' })).toBe('/home/ann/.local/share/brain-atlas-studio/atlases');
    expect(defaultCacheDir('linux', { HOME: '/home/ann', XDG_DATA_HOME: 'relative' })).toBe(
      '/home/ann/.local/share/brain-atlas-studio/atlases',
    );
  });
  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultCacheDir('darwin', { HOME: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/brain-atlas-studio/atlases',
    );
    expect(defaultCacheDir('win32', { LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' })).toBe(
      'C:\\Users\\ann\\AppData\\Local\\brain-atlas-studio\\atlases',
    );
    expect(defaultCacheDir('win32', { USERPROFILE: 'C:\\Users\\bob' })).toBe(
      'C:\\Users\\bob\\AppData\\Local\\brain-atlas-studio\\atlases',
    );
  });
});

describe('appConfigDir', () => {
  it('follows each platform, and BRAIN_ATLAS_CONFIG wins', () => {
    expect(appConfigDir('linux', { HOME: '/home/ann' })).toBe('/home/ann/.config/brain-atlas-studio');
    expect(appConfigDir('linux', { HOME: '/home/ann', XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/brain-atlas-studio');
    expect(appConfigDir('darwin', { HOME: '/Users/ann' })).toBe(
      '/Users/ann/Library/Application Support/brain-atlas-studio',
    );
    expect(appConfigDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' })).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\brain-atlas-studio',
    );
    expect(appConfigDir('linux', { HOME: '/home/ann', BRAIN_ATLAS_CONFIG: '/tmp/test-config' })).toBe(
      '/tmp/test-config',
    );
  });
});
