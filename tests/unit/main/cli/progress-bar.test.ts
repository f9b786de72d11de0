import { describe, expect, it } from 'vitest';
import { formatProgressBar } from '../../../../main/cli/progress-bar';

describe('formatProgressBar', () => {
  it('draws a bar with percent and megabytes', () => {
    const mib = 1024 * 1024;
    expect(formatProgressBar(0, 4 * mib, 10)).toBe('[----------]   0%  0.00 / 4.00 MB');
    expect(formatProgressBar(mib, 4 * mib, 10)).toBe('[##--------]  25%  1.00 / 4.00 MB');
    expect(formatProgressBar(4 * mib, 4 * mib, 10)).toBe('[##########] 100%  4.00 / 4.00 MB');
    expect(formatProgressBar(15 * mib, 30 * mib)).toBe(`[${'#'.repeat(15)}${'-'.repeat(15)}]  50%  15.0 / 30.0 MB`);
    expect(formatProgressBar(9 * mib, 4 * mib, 10)).toBe('[##########] 100%  4.00 / 4.00 MB');
    expect(formatProgressBar(0, 0, 4)).toBe('[####] 100%  0.00 / 0.00 MB');
    expect(formatProgressBar(50, 100)).not.toContain('\n');
  });
});
