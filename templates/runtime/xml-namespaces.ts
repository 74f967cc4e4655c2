/**
 * Namespaces in XML, resolved by the runtime rather than by saxes. saxes' own resolution looks a
 * prefix up through every open element, so a document nested deep took time quadratic in its
 * depth (a few hundred levels of prefixed elements made parsing ten times slower per byte). Here
 * each prefix has a stack of the URIs bound to it, pushed by the element that declares it and
 * popped when that element closes: resolving is one map lookup, and an element that declares
 * nothing costs nothing to enter or leave.
 *
 * saxes is run without namespace processing, so everything it checked is checked here, with its
 * messages: every prefix bound (elements and attributes), names with at most one colon between
 * two non-empty parts, `xml` and `xmlns` bound only to their own namespaces and those namespaces
 * to no other prefix, no prefix undeclared with `xmlns:p=""` (XML 1.0), no element named with the
 * `xmlns` prefix, and no two attributes with the same expanded name.
 *
 * Floor 0 of the runtime (constants and types): imports nothing.
 */

/** The namespace the `xml` prefix is bound to in every document; no other prefix may be bound to it. */
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** XML Schema instance attributes: xsi:type and xsi:nil. */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** XML Schema: the namespace of its built-in types (`xsd:int` in an xsi:type). */
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
/** SOAP 1.1 encoding (section 5): its encodingStyle URI and the namespace of soapenc:Array and its attributes. */
export const SOAP_ENCODING_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
/** The namespace of namespace declarations (the `xmlns` prefix). */
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/**
 * A start tag with namespaces resolved. The record, its `attributes` array and the attribute
 * records are reused for every element (fresh objects per element were much of a parse's
 * garbage): valid during the handler's `open` call only. `ns` is a fresh object per element
 * that declares namespaces, and may be kept.
 */
export interface XmlTag {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  /** The tag's attributes are `attributes[0..attributeCount)`, in document order (namespace declarations included). */
  readonly attributeCount: number;
  readonly attributes: readonly XmlAttribute[];
  /** Namespace declarations made on this tag (prefix -> URI; '' for the default namespace). */
  readonly ns: Readonly<Record<string, string>>;
}

export interface XmlAttribute {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly value: string;
}

export type PrefixResolver = (prefix: string) => string | undefined;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A namespace error, reported by the reader as an XmlParseError at the current position. */
export class NamespaceError extends Error {}

const NONE: Readonly<Record<string, never>> = Object.freeze(Object.create(null) as Record<string, never>);

export class NamespaceScope {
  /** Prefix -> the URIs bound to it, innermost last ('' is the default namespace). */
  private readonly bindings = new Map<string, string[]>([
    ['xml', [XML_NS]],
    ['xmlns', [XMLNS_NAMESPACE]],
  ]);
  /** The default namespace in force ('' for none): what resolve('') answers, kept at hand. */
  private defaultUri = '';
  /** Per open element: the prefixes it declared, to unbind when it closes (undefined: none). */
  private readonly declared: (string[] | undefined)[] = [];
  /** The tag `open` returns and its attribute records, refilled for every element (see XmlTag). */
  private readonly tag: Omit<Mutable<XmlTag>, 'attributes'> & { attributes: Mutable<XmlAttribute>[] } = {
    name: '',
    local: '',
    uri: '',
    attributeCount: 0,
    attributes: [],
    ns: NONE,
  };

  readonly resolve: PrefixResolver = (prefix) => {
    const uris = this.bindings.get(prefix);
    return uris === undefined ? undefined : uris[uris.length - 1];
  };

  /**
   * Enters an element named `name` whose attributes are `names[0..count)` with `values`; returns
   * its tag with every name resolved. Throws NamespaceError.
   */
  open(name: string, names: readonly string[], values: readonly string[], count: number): XmlTag {
    // The common case, an unprefixed element without attributes, costs one scan for a colon.
    if (count === 0 && name.indexOf(':') < 0) {
      this.declared.push(undefined);
      const tag = this.tag;
      tag.name = name;
      tag.local = name;
      tag.uri = this.defaultUri;
      tag.attributeCount = 0;
      tag.ns = NONE;
      return tag;
    }
    return this.openTag(name, names, values, count);
  }

  private openTag(name: string, names: readonly string[], values: readonly string[], count: number): XmlTag {
    let ns: Record<string, string> = NONE;
    let declared: string[] | undefined;
    // Attributes with a prefix other than xmlns: the first one's prefix, and whether another
    // prefix follows (only then can two attributes have one expanded name; see below).
    let firstPrefix: string | undefined;
    let prefixes = 0;
    for (let i = 0; i < count; i++) {
      const a = names[i] as string;
      if (a.charCodeAt(0) !== 0x78 /* x */ || !(a === 'xmlns' || a.startsWith('xmlns:'))) {
        const c = a.indexOf(':');
        if (c >= 0 && prefixes < 2) {
          if (firstPrefix === undefined) {
            firstPrefix = a.slice(0, c);
            prefixes = 1;
          } else if (!a.startsWith(firstPrefix) || a.charCodeAt(firstPrefix.length) !== 0x3a /* : */) {
            prefixes = 2;
          }
        }
        continue;
      }
      const prefix = a === 'xmlns' ? '' : a.slice(6);
      if (prefix !== '') checkLocal(a, prefix);
      // saxes trimmed the value; kept so that what is read does not change.
      const uri = (values[i] as string).trim();
      if (prefix !== '' && uri === '') throw new NamespaceError('invalid attempt to undefine prefix in XML 1.0');
      checkPair(prefix, uri);
      if (ns === NONE) ns = Object.create(null) as Record<string, string>;
      ns[prefix] = uri;
      (declared ??= []).push(prefix);
      const stack = this.bindings.get(prefix);
      if (stack === undefined) this.bindings.set(prefix, [uri]);
      else stack.push(uri);
      if (prefix === '') this.defaultUri = uri;
    }
    this.declared.push(declared);

    const colon = name.indexOf(':');
    let local = name;
    let uri: string;
    if (colon < 0) {
      uri = this.defaultUri;
    } else {
      const prefix = name.slice(0, colon);
      local = name.slice(colon + 1);
      checkLocal(name, prefix, local);
      if (prefix === 'xmlns') throw new NamespaceError('tags may not have "xmlns" as prefix.');
      const bound = this.resolve(prefix);
      if (bound === undefined) throw new NamespaceError(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
      uri = bound;
    }

    const tag = this.tag;
    const attributes = tag.attributes;
    let expanded: Set<string> | undefined;
    for (let i = 0; i < count; i++) {
      const a = names[i] as string;
      let attribute = attributes[i];
      if (attribute === undefined) attributes.push((attribute = { name: '', local: '', uri: '', value: '' }));
      attribute.name = a;
      attribute.value = values[i] as string;
      const c = a.indexOf(':');
      if (c < 0) {
        // Unprefixed attributes are in no namespace (the default namespace does not apply).
        attribute.local = a;
        attribute.uri = a === 'xmlns' ? XMLNS_NAMESPACE : '';
        continue;
      }
      const prefix = a.slice(0, c);
      const attrLocal = a.slice(c + 1);
      checkLocal(a, prefix, attrLocal);
      const attrUri = this.resolve(prefix);
      if (attrUri === undefined) throw new NamespaceError(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
      attribute.local = attrLocal;
      attribute.uri = attrUri;
      // Two prefixes bound to one namespace can name one attribute twice (one prefix cannot:
      // saxes refuses a repeated qualified name).
      if (prefix === 'xmlns' || prefixes < 2) continue;
      const key = `{${attrUri}}${attrLocal}`;
      expanded ??= new Set();
      if (expanded.has(key)) throw new NamespaceError(`duplicate attribute: ${key}.`);
      expanded.add(key);
    }
    tag.name = name;
    tag.local = local;
    tag.uri = uri;
    tag.attributeCount = count;
    tag.ns = ns;
    return tag;
  }

  /** Leaves the innermost element: the prefixes it declared are unbound. */
  close(): void {
    const declared = this.declared.pop();
    if (declared === undefined) return;
    for (const prefix of declared) {
      const stack = this.bindings.get(prefix) as string[];
      stack.pop();
      if (prefix === '') this.defaultUri = stack.length > 0 ? (stack[stack.length - 1] as string) : '';
    }
  }
}

/** A qualified name has one colon, with a non-empty prefix and local part on either side. */
function checkLocal(name: string, prefix: string, local: string = prefix): void {
  if (prefix === '' || local === '' || local.indexOf(':') >= 0) throw new NamespaceError(`malformed name: ${name}.`);
}

/** The reserved prefixes and namespaces go only with each other. */
function checkPair(prefix: string, uri: string): void {
  if (prefix === 'xml' && uri !== XML_NS) throw new NamespaceError(`xml prefix must be bound to ${XML_NS}.`);
  if (prefix === 'xmlns') throw new NamespaceError(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}.`);
  if (uri === XMLNS_NAMESPACE) {
    throw new NamespaceError(
      prefix === ''
        ? `the default namespace may not be set to ${uri}.`
        : `may not assign a prefix (even "xmlns") to the URI ${uri}.`,
    );
  }
  if (uri === XML_NS && prefix !== 'xml') {
    throw new NamespaceError(
      prefix === ''
        ? `the default namespace may not be set to ${uri}.`
        : `may not assign the ${uri} namespace to a prefix other than "xml".`,
    );
  }
}
