/**
 * The contract between `brain-atlas render` (Node, main/cli/commands/render.ts) and the page it drives
 * (renderer/src/figure/render-mode.ts): the page, opened with `?render=1`, puts a function on `window` under
 * RENDER_HOOK that applies a scene file's text and exports its figure, with the command line's size and format.
 */
import type { BrainScene } from './scene-file';

export const RENDER_HOOK = 'brainAtlasRender';

export interface RenderAnswer {
  /** The figure file's bytes, base64. */
  base64: string;
  width: number;
  height: number;
  /** What the scene asked for that could not be shown, one sentence each. */
  problems: string[];
  /** What the figure drew differently from what was asked (labels left out), one sentence each: warnings. */
  notes: string[];
  /** Milliseconds the export itself took in the page (after the scene was drawn). */
  exportMs: number;
}

export type RenderHook = (sceneText: string, figure: Partial<BrainScene['figure']>) => Promise<RenderAnswer>;
