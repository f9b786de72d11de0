/** What a number box shows while not being edited (renderer/src/panels/NumberField.tsx's shownValue). */
import { describe, expect, it } from 'vitest';
import { shownValue } from '../../../../../renderer/src/panels/NumberField';

describe('shownValue', () => {
  it('shows a float to 6 significant digits, and whole numbers as they are', () => {
    // A map's maximum as float32 gives it: the review saw every digit in the colour scale's box.
    expect(shownValue(6.0002312660217285)).toBe('6.00023');
    expect(shownValue(3.1)).toBe('3.1');
    expect(shownValue(0.09)).toBe('0.09');
    expect(shownValue(-2.3456789)).toBe('-2.34568');
    expect(shownValue(123456789)).toBe('123456789');
    expect(shownValue(40)).toBe('40');
  });
});
