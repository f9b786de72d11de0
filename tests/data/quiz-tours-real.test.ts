/** `brain-atlas quiz --pool tour:ID` on the real atlases: the regions a shipped tour shows, and nothing else. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../helpers/run-cli';
import { SHARED } from '../helpers/shared-atlases';

if (!SHARED) console.warn('quiz tour-pool real-data tests skipped: no atlas folder (set BRAIN_ATLAS_PATH).');

describe.skipIf(!SHARED)('quiz pools from the shipped tours', () => {
  const env = () => ({
    BRAIN_ATLAS_PATH: SHARED as string,
    BRAIN_ATLAS_CACHE: mkdtempSync(join(tmpdir(), 'bas-quiz-tour-')),
    BRAIN_ATLAS_NO_INSTALLED: '1',
  });
  const systems = JSON.parse(readFileSync(join(__dirname, '../../atlases/brain-systems.json'), 'utf8')) as {
    systems: { id: string; regions: { atlas: string; name: string }[] }[];
  };

  it("asks about the motor system tour's AAL3 regions, each once", async () => {
    const motor = systems.systems.find((s) => s.id === 'motor')!;
    const want = motor.regions.filter((r) => r.atlas === 'aal3').map((r) => r.name);
    const args = [
      'quiz',
      '--atlas',
      'aal3',
      '--res',
      '2',
      '--pool',
      'tour:system-motor',
      '--count',
      '50',
      '--seed',
      '9',
    ];
    const { code, out, err } = await captureCli(env(), [...args, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const questions = JSON.parse(out) as { region: { name: string }; choices: string[] }[];
    expect(questions.map((q) => q.region.name).sort()).toEqual([...want].sort());
    // The wrong answers come from the same pool.
    for (const q of questions) for (const c of q.choices) expect(want).toContain(c);
  });

  it('names the tours when asked for one that does not exist', async () => {
    const { code, err } = await captureCli(env(), ['quiz', '--atlas', 'aal3', '--pool', 'tour:nope', '--seed', '1']);
    expect(code).toBe(1);
    expect(err).toMatch(/no tour "nope"; the tours are system-visual, .*brodmann-areas/);
  });
});
