import { describe, expect, it } from 'vitest';
import { decodeEntities, findAll, parseXml, rootElement, textOf } from '../../../../../core/io/labels/xml';

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
});
