import { describe, expect, it } from 'vitest';
import { parseCoordinates } from '../../../../core/io/coordinates';

const parse = (text: string) => parseCoordinates(new TextEncoder().encode(text), 'peaks.csv');

describe('parseCoordinates', () => {
  it('reads x, y, z under a header, with quoted, padded and tab-separated cells', () => {
    expect(parse('x,y,z\n-44,14,8\n" 1.5 ",-2e1, 3 \n').map((r) => r.center)).toEqual([
      [-44, 14, 8],
      [1.5, -20, 3],
    ]);
    const named = parse('ROI\tName\tNetwork\tX\tY\tZ\tradius\n7\tleft "IFG"\tDMN\t-44\t14\t8\t6\n');
    expect(named).toEqual([{ value: 7, name: 'left "IFG"', network: 'DMN', center: [-44, 14, 8], radiusMm: 6 }]);
    expect(parse('"name","x","y","z"\n"IFG",1,2,3\n')).toEqual([
      { value: 1, name: 'IFG', network: null, center: [1, 2, 3], radiusMm: null },
    ]);
    // A lone quote is kept: only a cell quoted at both ends loses its quotes.
    expect(parse('name,x,y,z\n"IFG,1,2,3\n')[0].name).toBe('"IFG');
  });

  it('reads three or four numbers per line without a header', () => {
    expect(parse('1 2 3\n 4  5   6\n').map((r) => r.center)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(parse('12,1,2,3\n').map((r) => [r.value, ...r.center])).toEqual([[12, 1, 2, 3]]);
  });

  it('names the line that does not hold three numbers', () => {
    expect(() => parse('x,y,z\n1,2,3\n1,,3\n')).toThrow(/line 3: "1,,3" does not hold three numbers/);
    expect(() => parse('x,y,z\n1,2,Infinity\n')).toThrow(/line 2/);
    expect(() => parse('x,y,z\n1,2\n')).toThrow(/line 2/);
    expect(() => parse('x,y,z\n1,2,"three"\n')).toThrow(/line 2/);
    expect(() => parse('a,b\n1,2\n')).toThrow(/expected x, y and z columns/);
  });
});
