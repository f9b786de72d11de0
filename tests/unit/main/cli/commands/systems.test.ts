import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../../../../helpers/run-cli';
import { type SyntheticAtlas, makeSyntheticAtlas } from '../../../../helpers/synthetic-atlas';

let s: SyntheticAtlas;
beforeAll(() => {
  s = makeSyntheticAtlas();
  // brain-systems.json beside the synthetic catalog, naming the synthetic atlas's regions and one missing atlas.
  const regions = [
    { atlas: 'synth', name: '7Networks_LH_Vis_1' },
    { atlas: 'synth', name: '7Networks_RH_Default_PFC_1' },
    { atlas: 'synth-remote', name: 'Far_away' },
  ];
  const system = {
    id: 'visual',
    name: 'Visual system',
    name_zh: '视觉系统',
    caption: { en: 'Light to V1.', zh: '光到V1。' },
    citation: 'Someone (2000).',
    camera: 'left-medial',
    color: [120, 18, 134],
    regions,
  };
  writeFileSync(join(s.root, 'brain-systems.json'), JSON.stringify({ version: 1, systems: [system] }));
});

const cli = (...argv: string[]) => captureCli(s.env, argv);

describe('brain-atlas systems', () => {
  it('prints each system with its regions and their values as JSON', async () => {
    const r = await cli('systems', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      {
        id: 'visual',
        name: 'Visual system',
        name_zh: '视觉系统',
        regions: [
          { atlas: 'synth', value: 1, name: '7Networks_LH_Vis_1' },
          { atlas: 'synth', value: 2, name: '7Networks_RH_Default_PFC_1' },
          { atlas: 'synth-remote', value: null, name: 'Far_away' },
        ],
      },
    ]);
  });

  it('shows one system by id or name with its caption and source, marking values it cannot look up', async () => {
    const r = await cli('systems', 'Visual System');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^visual {2}Visual system \(视觉系统\) {2}3 regions/);
    expect(r.out).toContain('Light to V1.');
    expect(r.out).toContain('Source: Someone (2000).');
    expect(r.out).toMatch(/synth-remote +\? +Far_away/);
    const missing = await cli('systems', 'gustatory');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no brain system "gustatory"; the systems are visual/);
    expect((await cli('systems', 'a', 'b')).code).toBe(2);
  });
});
