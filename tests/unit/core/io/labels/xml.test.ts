import { describe, expect, it } from 'vitest';
import { AtlasError } from '../../../../../core/errors';
import {
  decodeEntities,
  findAll,
  findFirst,
  MAX_XML_DEPTH,
  parseXml,
  rootElement,
  textOf,
  type XmlElement,
} from '../../../../../core/io/labels/xml';

/** The AtlasError fn throws (fails the test when it throws nothing or something else). */
function atlasErrorOf(fn: () => unknown): AtlasError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtlasError);
    return e as AtlasError;
  }
  throw new Error('expected an AtlasError, but nothing was thrown');
}

describe('tiny XML reader', () => {
  it('reads elements, attributes, entities, CDATA; skips comments, declarations, DOCTYPE', () => {
    const doc = parseXml(
      '<?xml version="1.0"?>\n<!DOCTYPE atlas [<!ENTITY x "y">]>\n<!-- c -->\n<atlas a=\'1\' B="x &amp; y">\n<label index="2">A<![CDATA[ & <b>]]></label>\n<empty/></atlas>',
    );
    const root = rootElement(doc)!;
    expect(root.name).toBe('atlas');
    expect(root.attrs).toEqual({ a: '1', b: 'x & y' });
    const [label] = findAll(doc, 'label');
    expect(label.line).toBe(5);
    expect(label.attrs.index).toBe('2');
    expect(textOf(label)).toBe('A & <b>');
    expect(findAll(doc, 'empty')).toHaveLength(1);
  });

  it('recovers from unclosed and stray tags and bare "<" in text', () => {
    const doc = parseXml('<data><label>A < B</label><label>C</oops></data>');
    expect(findAll(doc, 'label').map(textOf)).toEqual(['A < B', 'C']);
  });

  it('decodes numeric entities and leaves unknown ones as written', () => {
    expect(decodeEntities('&#233;&#xE9;&lt;&unknown;&amp;amp;')).toBe('éé<&unknown;&amp;');
  });

  it('reports elements nested 100 000 levels deep as a corrupt file instead of overflowing the stack', () => {
    const deep = '<data><label index="1">' + '<a>'.repeat(100_000) + 'x' + '</a>'.repeat(100_000) + '</label></data>';
    const e = atlasErrorOf(() => parseXml(deep, 'deep.xml'));
    expect(e.code).toBe('corrupt');
    expect(e.file).toBe('deep.xml');
    expect(e.message).toMatch(
      /^deep\.xml: this XML nests elements more than 256 levels deep \(<a> at line 1, column \d+\)/,
    );
    // The first element too deep is at depth 257: <data>, <label>, then the 255th <a>.
    expect(e.message).toContain(`column ${'<data><label index="1">'.length + 254 * 3 + 1})`);
  });

  it('names the line of the first element nested too deep', () => {
    const text = '<GIFTI>\n<MetaData>\n' + '<MD><Name>\n'.repeat(200);
    const e = atlasErrorOf(() => parseXml(text));
    expect(e.file).toBeUndefined();
    // <GIFTI> and <MetaData> are depths 1-2; pair p (1-based) on line p + 2 holds depths 2p+1 and 2p+2, so
    // depth 257 is the <MD> of pair 128, line 130.
    expect(e.message).toBe(
      'this XML nests elements more than 256 levels deep (<MD> at line 130, column 1); atlas, label and GIFTI ' +
        'files nest fewer than 10, so the file is damaged or is not one of them',
    );
  });

  it('accepts exactly MAX_XML_DEPTH levels, self-closing innermost element included', () => {
    const open = '<a>'.repeat(MAX_XML_DEPTH - 1);
    const doc = parseXml(`${open}<b/>${'</a>'.repeat(MAX_XML_DEPTH - 1)}`);
    expect(findAll(doc, 'a')).toHaveLength(MAX_XML_DEPTH - 1);
    expect(findFirst(doc, 'b')?.name).toBe('b');
    // One more level fails, whether the element at depth 257 has an end tag or closes itself.
    expect(() => parseXml(`${open}<a><a>x</a></a>`)).toThrow(AtlasError);
    expect(() => parseXml(`${open}<a><b/></a>`)).toThrow(AtlasError);
    // Siblings at depth 256 do not add up.
    expect(findAll(parseXml(`${open}<a/><b/><a></a>`), 'a')).toHaveLength(MAX_XML_DEPTH + 1);
  });

  it('reports 60 000 unmatched start tags followed by 60 000 stray end tags as too deep', () => {
    const text = '<GIFTI>' + '<a>'.repeat(60_000) + '</b>'.repeat(60_000) + '</GIFTI>';
    const e = atlasErrorOf(() => parseXml(text, 'stray.gii'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toContain('stray.gii: this XML nests elements more than 256 levels deep (<a> at line 1');
  });

  it('still ignores stray end tags when the nesting is shallow, however many there are', () => {
    const text = '<GIFTI>' + '<a>'.repeat(200) + '</b>'.repeat(60_000) + 'x' + '</a>'.repeat(200) + '<c/></GIFTI>';
    const doc = parseXml(text);
    const root = rootElement(doc)!;
    expect(root.name).toBe('gifti');
    expect(findAll(doc, 'a')).toHaveLength(200);
    expect(textOf(root)).toBe('x');
    // <c/> follows the closed <a>s as a child of <GIFTI>, so every </a> found its element.
    expect(root.children.map((c) => (typeof c === 'string' ? c : c.name))).toEqual(['a', 'c']);
  });

  it('walks trees deeper than the call stack allows (built directly, not parsed) in document order', () => {
    const leaf: XmlElement = { name: 'label', attrs: {}, children: ['end'], line: 1 };
    let el: XmlElement = leaf;
    for (let d = 0; d < 100_000; d++) {
      el = { name: d === 50_000 ? 'label' : 'a', attrs: {}, children: [`${d % 10}`, el, '|'], line: 1 };
    }
    const root: XmlElement = { name: '#document', attrs: {}, children: [el], line: 1 };
    const text = textOf(root);
    expect(text.length).toBe(100_000 * 2 + 3);
    expect(text.startsWith('9876543210')).toBe(true);
    expect(text.slice(100_000 - 3, 100_000 + 6)).toBe('210end|||');
    const labels = findAll(root, 'label');
    expect(labels).toHaveLength(2);
    expect(labels[1]).toBe(leaf);
    expect(findFirst(root, 'label')).toBe(labels[0]);
    expect(findFirst(root, 'none')).toBeUndefined();
  });

  it('keeps document order in findAll, findFirst and textOf', () => {
    const doc = parseXml('<r>1<x id="a">2<x id="b">3</x>4</x>5<y><x id="c"/></y>6</r>');
    expect(findAll(doc, 'x').map((x) => x.attrs.id)).toEqual(['a', 'b', 'c']);
    expect(findFirst(doc, 'x')?.attrs.id).toBe('a');
    expect(findFirst(rootElement(doc)!, 'y')?.name).toBe('y');
    expect(textOf(doc)).toBe('123456');
  });
});
