import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BRAIN_SYSTEM_CAMERAS,
  checkBrainSystems,
  systemAtlases,
  validateBrainSystems,
} from '../../../../core/atlas/brain-systems';
import { PRESET_DIRECTIONS } from '../../../../renderer/src/view-3d/camera-presets';

const file = JSON.parse(readFileSync(join(__dirname, '../../../../atlases/brain-systems.json'), 'utf8'));

const system = (over: Record<string, unknown> = {}) => ({
  id: 'visual',
  name: 'Visual system',
  name_zh: '视觉系统',
  caption: { en: 'Sees.', zh: '看。' },
  citation: 'Someone (2000).',
  camera: 'left-medial',
  color: [1, 2, 3],
  regions: [
    { atlas: 'aal3', name: 'Calcarine_L' },
    { atlas: 'aal3', name: 'Calcarine_R' },
    { atlas: 'brodmann', name: 'Brodmann_area_17' },
  ],
  ...over,
});
const errorsOf = (systems: unknown[], version: unknown = 1) => checkBrainSystems({ version, systems }).errors;

describe('atlases/brain-systems.json', () => {
  it('holds the systems of the first lecture, each with at least 3 regions', () => {
    const systems = validateBrainSystems(file);
    expect(systems.map((s) => s.id)).toEqual([
      'visual',
      'auditory',
      'somatosensory',
      'motor',
      'olfactory',
      'limbic',
      'language',
      'default-mode',
    ]);
    for (const s of systems) expect(s.regions.length).toBeGreaterThanOrEqual(3);
    expect(systemAtlases(systems)).toContain('aal3');
  });

  it('names only camera presets the 3D view has', () => {
    expect([...BRAIN_SYSTEM_CAMERAS].sort()).toEqual(
      Object.keys(PRESET_DIRECTIONS)
        .filter((k) => k !== 'reset')
        .sort(),
    );
  });
});

describe('validateBrainSystems', () => {
  it('accepts a well-formed system and copies it', () => {
    const [s] = validateBrainSystems({ version: 1, systems: [system()] });
    expect(s.regions[2]).toEqual({ atlas: 'brodmann', name: 'Brodmann_area_17' });
    expect(s.camera).toBe('left-medial');
  });

  it('names the system and the field in one sentence for each problem', () => {
    expect(errorsOf([system({ camera: 'sideways' })])).toEqual([
      "system 'visual': camera must be one of left-lateral, right-lateral, left-medial, right-medial, superior, inferior, anterior, posterior, not 'sideways'",
    ]);
    expect(errorsOf([system({ caption: { en: 'x' } })])).toEqual([
      "system 'visual': caption.zh must be a non-empty string, not nothing",
    ]);
    expect(errorsOf([system({ regions: [{ atlas: 'aal3', name: 'A' }] })])[0]).toMatch(
      /^system 'visual': regions must be a list of at least 3/,
    );
    expect(errorsOf([system({ color: [0, 0, 300] })])[0]).toMatch(/^system 'visual': color must be \[r, g, b\]/);
    expect(errorsOf([system({ regions: [...system().regions, { atlas: 'AAL', name: 'x' }] })])[0]).toMatch(
      /^system 'visual': regions\[3\]\.atlas must be an atlas id/,
    );
    expect(errorsOf([system(), system()])).toEqual([
      "system 'visual': id is used by more than one system (#2 repeats it)",
    ]);
    expect(errorsOf([system({ extra: 1 })])).toEqual(["system 'visual': unknown field 'extra'"]);
    expect(errorsOf([system({ caption: { en: 'x'.repeat(401), zh: 'y' } })])[0]).toMatch(/401 characters long/);
    expect(errorsOf([system({ regions: [...system().regions, system().regions[0]] })])[0]).toBe(
      "system 'visual': regions[3] repeats aal3 'Calcarine_L'",
    );
  });

  it('refuses another schema version and throws a corrupt-file error naming the file', () => {
    expect(errorsOf([system()], 2)).toEqual(['version must be 1 (the schema this app reads), not 2']);
    expect(() => validateBrainSystems({ version: 1, systems: [system({ name: '' })] })).toThrow(
      /brain-systems\.json: system 'visual': name must be a non-empty string/,
    );
    expect(() => validateBrainSystems([])).toThrow(/must be a JSON object \{ version, systems \}/);
  });
});
