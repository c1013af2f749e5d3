/** An XML element as the structural validators see it. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * A strict, small XML 1.0 reader for tests: one root element after an optional declaration,
 * matched tags, quoted attributes without duplicates, only the five predefined entities and
 * character references, no raw `<` or `&` in text or attributes, no characters XML forbids.
 * It throws on the first well-formedness error. No DTDs, comments, CDATA or processing
 * instructions beyond the declaration: the writers under test never emit them.
 */
export function parseXml(text: string): XmlElement {
  const forbidden = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.exec(text);
  if (forbidden)
    throw new Error(
      `character U+${forbidden[0].codePointAt(0)!.toString(16)} is not allowed in XML`,
    );
  let at = 0;
  const rest = () => text.slice(at);
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const declaration = /^<\?xml version="1\.0"( encoding="UTF-8")?\?>/.exec(rest());
  if (declaration) at += declaration[0].length;
  skipSpace();
  const root = readElement();
  skipSpace();
  if (at !== text.length) throw new Error(`content after the root element at ${at}`);
  return root;

  function readElement(): XmlElement {
    if (text[at] !== '<') throw new Error(`expected an element at ${at}`);
    at++;
    const name = NAME.exec(rest())?.[0];
    if (name === undefined) throw new Error(`bad element name at ${at}`);
    at += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = at;
      skipSpace();
      if (rest().startsWith('/>')) {
        at += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (text[at] === '>') {
        at++;
        break;
      }
      if (at === before) throw new Error(`attributes of <${name}> need white space at ${at}`);
      const attribute = /^([A-Za-z_:][\w.:-]*)="([^"<]*)"/.exec(rest());
      if (attribute === null) throw new Error(`bad attribute in <${name}> at ${at}`);
      if (attribute[1]! in attributes)
        throw new Error(`duplicate attribute ${attribute[1]} in <${name}>`);
      attributes[attribute[1]!] = decode(attribute[2]!);
      at += attribute[0].length;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    for (;;) {
      const close = `</${name}>`;
      if (rest().startsWith(close)) {
        at += close.length;
        return element;
      }
      if (rest().startsWith('</'))
        throw new Error(`mismatched closing tag inside <${name}> at ${at}`);
      if (text[at] === '<') {
        element.children.push(readElement());
        continue;
      }
      const end = text.indexOf('<', at);
      if (end < 0) throw new Error(`<${name}> is not closed`);
      element.text += decode(text.slice(at, end));
      at = end;
    }
  }
}

function decode(raw: string): string {
  return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new Error('a bare & must be escaped');
    if (ref in ENTITIES) return ENTITIES[ref]!;
    const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#(\d+)$/.exec(ref)?.[1];
    if (code === undefined) throw new Error(`unknown entity ${match}`);
    return String.fromCodePoint(ref.startsWith('#x') ? Number.parseInt(code, 16) : Number(code));
  });
}
