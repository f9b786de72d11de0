import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateBrainSystems } from '../../../../core/atlas/brain-systems';
import { validateRegionInfo } from '../../../../core/atlas/region-info';
import { brodmannTour, shippedTours, topographyTour } from '../../../../core/lecture/shipped-tours';
import { type Tour, parseTourText, validateTour } from '../../../../core/lecture/tour';
import { defaultScene } from '../../../../core/scene/scene-file';

const root = join(__dirname, '../../../..');
const systems = validateBrainSystems(JSON.parse(readFileSync(join(root, 'atlases/brain-systems.json'), 'utf8')));
const info = validateRegionInfo(JSON.parse(readFileSync(join(root, 'atlases/region-info.json'), 'utf8')));

describe('shipped tours', () => {
  const tours = shippedTours(systems, info);

  it('are one per brain system, then topographic maps and Brodmann areas, each valid as a file', () => {
    expect(tours.map((t) => t.id)).toEqual([
      ...systems.map((s) => `system-${s.id}`),
      'topographic-maps',
      'brodmann-areas',
    ]);
    for (const t of tours) expect(validateTour(JSON.parse(JSON.stringify(t)))).toEqual(t);
  });

  it('open the motor system with its caption, then its regions card by card, left and right together', () => {
    const motor = tours.find((t) => t.id === 'system-motor') as Tour;
    const system = systems.find((s) => s.id === 'motor')!;
    expect(motor.title).toEqual({ en: 'Motor system', zh: '运动系统' });
    expect(motor.steps[0].caption.en).toBe(`Motor system. ${system.caption.en}`);
    expect(motor.steps[0].caption.zh).toBe(`运动系统。${system.caption.zh}`);
    expect(motor.steps[0].view).toEqual({ kind: 'regions', regions: system.regions, camera: 'left-lateral' });
    // Every region of the system appears in exactly one later step.
    const later = motor.steps.slice(1).flatMap((s) => (s.view.kind === 'regions' ? s.view.regions : []));
    expect(later.map((r) => r.name).sort()).toEqual(system.regions.map((r) => r.name).sort());
    const precentral = motor.steps
      .slice(1)
      .find((s) => s.view.kind === 'regions' && s.view.regions[0].name === 'Precentral_L')!;
    expect(precentral.view).toMatchObject({ regions: [{ name: 'Precentral_L' }, { name: 'Precentral_R' }] });
    expect(precentral.caption.en.length).toBeGreaterThan(20);
    expect(precentral.caption.zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('walk the classic Brodmann list, captioned from the area cards', () => {
    const tour = brodmannTour(info);
    expect(tour.steps).toHaveLength(11);
    expect(tour.steps[0].caption.en).toMatch(/^Areas 3, 1 and 2: primary somatosensory cortex\. /);
    expect(tour.steps[0].caption.zh).toMatch(/^3、1、2区：初级躯体感觉皮层。/);
    expect(tour.steps[0].view).toEqual({
      kind: 'regions',
      regions: ['Brodmann_area_3', 'Brodmann_area_1', 'Brodmann_area_2'].map((name) => ({ atlas: 'brodmann', name })),
      camera: 'left-lateral',
    });
    expect(tour.steps[10].caption.en).toMatch(/^Areas 44 and 45: Broca's area\. /);
    expect(tour.steps[6].view).toMatchObject({ camera: 'left-medial', regions: [{ name: 'Brodmann_area_17' }] });
  });

  it('show each topographic map with its card’s account of the layout', () => {
    const tour = topographyTour(info);
    expect(tour.steps.map((s) => (s.view.kind === 'topography' ? s.view.map : null))).toEqual([
      'retinotopy',
      'tonotopy',
      'somatotopy',
      'somatotopy',
    ]);
    const v1 = info.find((e) => e.id === 'ba17')!;
    expect(tour.steps[0].caption.en).toBe(`Retinotopy (${v1.en.name}). ${v1.en.topography}`);
  });
});

describe('tour files', () => {
  const minimal = () => ({
    format: 'brain-atlas-tour',
    version: 1,
    id: 'my-tour',
    title: { en: 'Mine', zh: '我的' },
    steps: [
      {
        caption: { en: 'One', zh: '一' },
        view: { kind: 'regions', regions: [{ atlas: 'aal3', name: 'Precentral_L' }] },
      },
      { caption: { en: 'Two', zh: '二' }, notes: { en: 'say this' }, view: { kind: 'scene', scene: defaultScene() } },
    ],
  });

  it('reads a tour with defaults for what may be left out', () => {
    const t = validateTour(minimal());
    expect(t.steps[0].notes).toEqual({ en: '', zh: '' });
    expect(t.steps[0].view).toEqual({
      kind: 'regions',
      regions: [{ atlas: 'aal3', name: 'Precentral_L' }],
      camera: 'reset',
    });
    expect(t.steps[1].notes).toEqual({ en: 'say this', zh: '' });
  });

  it('says what is wrong, and where', () => {
    const msg = (f: (t: ReturnType<typeof minimal>) => void) => {
      const t = minimal();
      f(t);
      try {
        validateTour(t);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(msg((t) => ((t as { format: string }).format = 'brain-atlas-scene'))).toBe(
      "the tour's format is 'brain-atlas-scene', which is not valid",
    );
    expect(msg((t) => (t.version = 2))).toBe(
      'this tour is version 2, newer than this app reads (1): update Brain Atlas Studio',
    );
    expect(msg((t) => ((t.steps[0].view as { camera?: string }).camera = 'sideways'))).toBe(
      "the tour's step 1 camera view is 'sideways', which is not valid",
    );
    expect(msg((t) => ((t.steps[1].view as { scene: { version: number } }).scene.version = 0))).toMatch(
      /^the tour's step 2 scene's version/,
    );
    expect(msg((t) => (t.steps = []))).toBe('the tour has no steps: a tour needs at least one');
    expect(() => parseTourText('{', 'lecture.braintour.json')).toThrow(/^lecture\.braintour\.json: not JSON/);
  });
});
