/**
 * The orientation letters at a slice view's edges, neurological convention (the subject's left on the left;
 * sagittal with anterior to the right): [left, right, top, bottom]. Shared by the slice views and figures.
 */
import type { MessageKey } from '../i18n/en';
import type { Plane } from './geometry';

export const EDGES: Record<Plane, [MessageKey, MessageKey, MessageKey, MessageKey]> = {
  axial: ['orientL', 'orientR', 'orientA', 'orientP'],
  coronal: ['orientL', 'orientR', 'orientS', 'orientI'],
  sagittal: ['orientP', 'orientA', 'orientS', 'orientI'],
};
