/**
 * The message File > Open scene… sends from Electron's main process to the page: accepted only whole (scene text
 * and a list of sentences), copied, and anything else refused, since it crosses a process boundary.
 */
import { describe, expect, it } from 'vitest';
import { asOpenSceneMessage } from '../../../../core/api/app-api';

describe('asOpenSceneMessage', () => {
  it('accepts the scene text with its problems, as a copy', () => {
    const problems = ['map a.nii is missing'];
    const m = asOpenSceneMessage({ sceneText: '{"version":1}', problems });
    expect(m).toEqual({ sceneText: '{"version":1}', problems: ['map a.nii is missing'] });
    expect(m?.problems).not.toBe(problems);
  });

  it('refuses anything else', () => {
    for (const v of [
      null,
      'text',
      [],
      {},
      { sceneText: 1, problems: [] },
      { sceneText: '{}' },
      { sceneText: '{}', problems: 'none' },
      { sceneText: '{}', problems: [1] },
    ])
      expect(asOpenSceneMessage(v), JSON.stringify(v)).toBeNull();
  });
});
