import { describe, expect, it } from 'vitest';
import { parsePoint } from '../../../../main/cli/args';

describe('parsePoint', () => {
  it('accepts coordinates in the common written forms', () => {
    expect(parsePoint(['-44,14,8'])).toEqual([-44, 14, 8]);
    expect(parsePoint(['(-44,', '14,', '8)'])).toEqual([-44, 14, 8]);
    expect(parsePoint(['-44', '14', '8'])).toEqual([-44, 14, 8]);
    expect(() => parsePoint(['-44', 'fourteen', '8'])).toThrowError(/three numbers/);
  });
});
