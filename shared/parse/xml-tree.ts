// Small XML element trees with 1-based line numbers, built on saxes, for applicationHost.config,
// web.config, appcmd /xml and wevtutil output. Line numbers let findings point at the exact
// element; every XML error becomes a ParseError with the line where saxes gave up.
import { SaxesParser } from 'saxes';
import { ParseError } from './errors';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  line: number;
}

/** An element plus its own character data (text and CDATA directly inside it, entities resolved). */
export interface XmlNode extends XmlElement {
  children: XmlNode[];
  text: string;
}

export interface WalkOptions {
  /** Accept several top-level elements (wevtutil writes `<Event>` after `<Event>` with no root). */
  fragment?: boolean;
  /** Called when an element closes; return true when it was consumed, so its parent drops it. */
  onClose?: (node: XmlNode, depth: number) => boolean;
}

/** Strip a BOM and blank out an XML declaration (keeping its newlines) so fragments can carry one. */
export function blankXmlDeclaration(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const m = /^\s*<\?xml[\s\S]*?\?>/.exec(noBom);
  if (!m) return noBom;
  return m[0].replace(/[^\r\n]/g, ' ') + noBom.slice(m[0].length);
}

/**
 * Parse `text` and return the top-level elements not consumed by `onClose`. Throws ParseError on
 * malformed XML; elements already handed to `onClose` stay with the caller.
 */
export function walkXml(text: string, opts: WalkOptions = {}): XmlNode[] {
  const parser = new SaxesParser<{ xmlns: false; fragment: boolean }>({
    xmlns: false,
    fragment: opts.fragment === true,
  });
  const stack: XmlNode[] = [];
  const roots: XmlNode[] = [];
  let tagLine = 1;

  parser.on('error', (err: Error) => {
    throw new ParseError(err.message.replace(/^\d+:\d+: /, ''), parser.line);
  });
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    stack.push({ name: tag.name, attrs: tag.attributes, children: [], line: tagLine, text: '' });
  });
  parser.on('closetag', () => {
    const node = stack.pop();
    if (!node) return;
    const parent = stack[stack.length - 1];
    const consumed = opts.onClose ? opts.onClose(node, stack.length) : false;
    if (consumed) return;
    if (parent) parent.children.push(node);
    else roots.push(node);
  });
  const addText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
    else if (t.trim() !== '') throw new ParseError('text outside of any element', parser.line);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  parser.write(opts.fragment === true ? blankXmlDeclaration(body) : body);
  parser.close();
  return roots;
}

/** Parse a whole XML document and return its document element (comments are dropped). */
export function parseXmlTree(text: string): XmlElement {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ParseError('empty XML document');
  const roots = walkXml(body);
  const root = roots[0];
  if (!root) throw new ParseError('no document element');
  return withoutText(root);
}

function withoutText(n: XmlNode): XmlElement {
  return { name: n.name, attrs: n.attrs, children: n.children.map(withoutText), line: n.line };
}

/** Element name without its namespace prefix (`e:Event` -> `Event`). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Direct children called `name` (namespace prefix ignored). */
export function childrenNamed<T extends XmlElement>(el: T, name: string): T[] {
  return (el.children as T[]).filter((c) => localName(c.name) === name);
}

/** First direct child called `name`, or undefined. */
export function childNamed<T extends XmlElement>(el: T, name: string): T | undefined {
  return (el.children as T[]).find((c) => localName(c.name) === name);
}
