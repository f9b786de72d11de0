/** The cluster report table's short texts (renderer/src/panels/cluster-text.ts). */
import { describe, expect, it } from 'vitest';
import type { ClusterJson } from '../../../../../core/maps/cluster-report';
import { subpeaksText } from '../../../../../renderer/src/panels/cluster-text';

describe('cluster table texts', () => {
  it('writes sub-peaks with four significant digits, not float32 noise', () => {
    const c = {
      subpeaks: [
        { value: 5.000001, xyz: [-38, -20.04, 54] },
        { value: 3.1234567, xyz: [-30, -24, 60] },
      ],
    } as unknown as ClusterJson;
    expect(subpeaksText(c)).toBe('5 (-38, -20, 54); 3.123 (-30, -24, 60)');
    expect(subpeaksText({ subpeaks: [] } as unknown as ClusterJson)).toBe('');
  });
});
