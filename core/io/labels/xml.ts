/**
 * A small, tolerant XML reader for atlas description files (FSL atlas XML, SPM/AAL XML). It is not a validating
 * parser: it reads elements, attributes, text, CDATA and entities, skips comments, processing instructions and
 * DOCTYPE, and recovers from unclosed or mismatched tags instead of failing. DOMParser is not available in Node
 * or workers, so core/ cannot rely on it.
 *
 * The one thing it refuses is nesting deeper than MAX_XML_DEPTH: real atlas, label and GIFTI files nest fewer than
 * ten levels, and the cap keeps both the parser (each end tag searches at most that many open elements) and every
 * walk over the tree bounded on hostile or damaged input. The tree walks below are iterative all the same, so a
 * deep tree built some other way cannot overflow the call stack either.
 */

import { AtlasError } from '../../errors';

/** The deepest element nesting parseXml accepts (the document's top-level element is depth 1). */
export const MAX_XML_DEPTH = 256;

export interface XmlElement {
  /** Lower-cased tag name ("label"). */
  name: string;
  /** Attributes by lower-cased name, entities decoded. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** 1-based line of the start tag. */
  line: number;
}

export type XmlNode = XmlElement | string;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes &amp; &lt; &gt; &quot; &apos; &#39; &#x27;; unknown entities are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Parses XML text into a synthetic '#document' element holding the top-level nodes. Malformed markup is recovered
 * from, not reported; the only error is an AtlasError ('corrupt', naming fileName when given) for elements nested
 * more than MAX_XML_DEPTH levels deep.
 */
export function parseXml(text: string, fileName?: string): XmlElement {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
  }
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const doc: XmlElement = { name: '#document', attrs: {}, children: [], line: 1 };
  const stack: XmlElement[] = [doc];
  const top = () => stack[stack.length - 1];
  let i = 0;
  const n = text.length;
  const pushText = (t: string) => {
    if (t !== '') top().children.push(decodeEntities(t));
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      pushText(text.slice(i));
      break;
    }
    if (lt > i) pushText(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      top().children.push(text.slice(lt + 9, end < 0 ? n : end));
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      let depth = 0;
      let j = lt + 2;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      i = j + 1;
      continue;
    }
    if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt + 2);
      const name = text
        .slice(lt + 2, end < 0 ? n : end)
        .trim()
        .toLowerCase();
      // Close up to the matching open element; a stray end tag is ignored.
      for (let k = stack.length - 1; k > 0; k--) {
        if (stack[k].name === name) {
          stack.length = k;
          break;
        }
      }
      i = end < 0 ? n : end + 1;
      continue;
    }
    const nameMatch = /^[A-Za-z_:][-A-Za-z0-9_:.]*/.exec(text.slice(lt + 1, lt + 200));
    if (!nameMatch) {
      // A bare '<' in text ("a < b"): keep it as text.
      pushText('<');
      i = lt + 1;
      continue;
    }
    const end = findTagEnd(text, lt + 1 + nameMatch[0].length);
    if (end < 0) {
      pushText(text.slice(lt));
      break;
    }
    let body = text.slice(lt + 1 + nameMatch[0].length, end);
    const selfClosing = body.endsWith('/');
    if (selfClosing) body = body.slice(0, -1);
    const el: XmlElement = {
      name: nameMatch[0].toLowerCase(),
      attrs: parseAttrs(body),
      children: [],
      line: lineAt(lt),
    };
    // stack holds '#document' plus the open elements, so el's depth is stack.length.
    if (stack.length > MAX_XML_DEPTH) {
      const column = lt - lineStarts[el.line - 1] + 1;
      throw new AtlasError(
        'corrupt',
        `this XML nests elements more than ${MAX_XML_DEPTH} levels deep (<${nameMatch[0]}> at line ${el.line}, ` +
          `column ${column}); atlas, label and GIFTI files nest fewer than 10, so the file is damaged or is not ` +
          'one of them',
        fileName,
      );
    }
    top().children.push(el);
    if (!selfClosing) stack.push(el);
    i = end + 1;
  }
  return doc;
}

/** The '>' that ends a start tag, skipping quoted attribute values. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
    else if (c === '<') return -1;
  }
  return -1;
}

function parseAttrs(body: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>"']+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    let v = m[2] ?? '';
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    attrs[m[1].toLowerCase()] = decodeEntities(v);
  }
  return attrs;
}

/** All text inside an element, descendants included, in document order. */
export function textOf(el: XmlElement): string {
  let s = '';
  // Nodes still to visit, the next one last.
  const todo: XmlNode[] = el.children.slice().reverse();
  for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
    if (typeof c === 'string') s += c;
    else for (let k = c.children.length - 1; k >= 0; k--) todo.push(c.children[k]);
  }
  return s;
}

/** Calls visit on every descendant element of el in document order, until visit returns true. */
function walkElements(el: XmlElement, visit: (e: XmlElement) => boolean): void {
  // Elements still to visit, the next one last.
  const todo: XmlElement[] = [];
  const pushChildren = (e: XmlElement) => {
    for (let k = e.children.length - 1; k >= 0; k--) {
      const c = e.children[k];
      if (typeof c !== 'string') todo.push(c);
    }
  };
  pushChildren(el);
  for (let e = todo.pop(); e !== undefined; e = todo.pop()) {
    if (visit(e)) return;
    pushChildren(e);
  }
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name));
}

export function firstChild(el: XmlElement, name: string): XmlElement | undefined {
  return childElements(el, name)[0];
}

/** Every descendant element with this name, in document order. */
export function findAll(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  walkElements(el, (e) => {
    if (e.name === name) out.push(e);
    return false;
  });
  return out;
}

/** The first descendant element with this name, in document order. */
export function findFirst(el: XmlElement, name: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  walkElements(el, (e) => {
    if (e.name === name) found = e;
    return found !== undefined;
  });
  return found;
}

/**
 * The atlas-level facts of an FSL/SPM atlas header: every simple child of <header> by tag name (name, shortname,
 * type, version, description…), plus the image files: imagefile/summaryimagefile from the first <images>, and
 * imagefiles/summaryimagefiles listing all of them ("; "-separated) when there are several.
 */
export function readAtlasHeader(root: XmlElement): Record<string, string> {
  const meta: Record<string, string> = {};
  const header = findFirst(root, 'header');
  if (!header) return meta;
  for (const c of childElements(header)) {
    if (c.name === 'images') continue;
    if (childElements(c).length > 0) continue;
    const t = textOf(c).trim();
    if (t !== '') meta[c.name] = t;
  }
  const images = findAll(header, 'images');
  const files: string[] = [];
  const summaries: string[] = [];
  for (const im of images) {
    for (const f of findAll(im, 'imagefile')) files.push(textOf(f).trim());
    for (const f of findAll(im, 'summaryimagefile')) summaries.push(textOf(f).trim());
  }
  const nonEmpty = (xs: string[]) => xs.filter((x) => x !== '');
  const f = nonEmpty(files);
  const s = nonEmpty(summaries);
  if (f.length > 0) meta.imagefile = f[0];
  if (s.length > 0) meta.summaryimagefile = s[0];
  if (f.length > 1) meta.imagefiles = f.join('; ');
  if (s.length > 1) meta.summaryimagefiles = s.join('; ');
  return meta;
}

/** The root element of a document (the first element at the top level), if any. */
export function rootElement(doc: XmlElement): XmlElement | undefined {
  return childElements(doc)[0];
}
