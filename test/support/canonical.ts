/**
 * Canonical form of an XML element for comparisons that ignore prefixes, insignificant
 * whitespace and (optionally) xsi:type: a tree of {namespace}local names, attributes other
 * than namespace declarations (an xsi:type's value also as {namespace}local), and text.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export interface CanonicalElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly CanonicalElement[];
}

/**
 * The document element of `xml`. A document that is not well-formed throws (xmldom's
 * ParseError, or an Error with its first error), and nothing is printed: xmldom's default
 * would write each message to the console.
 */
export function parseElement(xml: string): Element {
  const errors: string[] = [];
  const parser = new DOMParser({
    // Warnings are not errors of well-formedness; a fatal error makes xmldom throw after this returns.
    onError: (level, message) => {
      if (level === 'error') errors.push(message);
    },
  });
  const root = parser.parseFromString(xml, 'text/xml').documentElement!;
  if (errors.length > 0) throw new Error(`not well-formed XML: ${errors[0]}`);
  return root;
}

export function canonical(el: Element, options: { ignoreXsiType?: boolean } = {}): CanonicalElement {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === 'xmlns' || a.prefix === 'xmlns') continue;
    if (a.namespaceURI === XSI && a.localName === 'type') {
      if (options.ignoreXsiType) continue;
      // A QName value: compared by what its prefix means, not by the prefix.
      const colon = a.value.indexOf(':');
      const ns = el.lookupNamespaceURI(colon < 0 ? null : a.value.slice(0, colon)) ?? '';
      attributes[`{${XSI}}type`] = `{${ns}}${a.value.slice(colon + 1)}`;
      continue;
    }
    attributes[`{${a.namespaceURI ?? ''}}${a.localName}`] = a.value;
  }
  const children: CanonicalElement[] = [];
  let text = '';
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) children.push(canonical(c as Element, options));
    else if (c.nodeType === 3 || c.nodeType === 4) text += c.nodeValue ?? '';
  }
  // Text beside child elements is indentation; text alone is data and kept exactly.
  return { name: `{${el.namespaceURI ?? ''}}${el.localName}`, attributes, text: children.length > 0 ? text.trim() : text, children };
}

/** The child of `parent` with this namespace and local name. */
export function child(parent: Element, ns: string, local: string): Element | undefined {
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).namespaceURI === ns && (c as Element).localName === local) return c as Element;
  }
  return undefined;
}
