/**
 * SOAP 1.1 encoding (section 5), what rpc/encoded and document/encoded messages need beyond
 * literal ones: the XSD type names written as xsi:type and the check of those read (a value may
 * be typed by its declared type or a type derived from it), and multi-reference values. A
 * message's Body is kept as a small tree (`EncodedBody`) while it is parsed, since a reference
 * (`href="#id"`) may point forwards; once the Body has closed, the tree is replayed as events to
 * the typed reader with every reference replaced by the element it names. Unknown and duplicate
 * ids and reference cycles are refused with SoapValidationError; the replayed elements count
 * against `maxElements`, their nesting against `maxDepth` and their text against `maxBytes`, so
 * references that expand exponentially cannot make the reader work without bound, nor hand back
 * a value larger than a message without references could be. Nor can a small message make it
 * work long within those limits: what a replay repeats (elements and their attributes, text and
 * attribute values) is also held to `maxReferenceExpansion` times the Body's own, never less
 * than the REPLAY_FLOOR_ values.
 *
 * Floor 2 of the runtime (XML reading and writing): imports floors 0 and 1, and xml-parser.ts.
 */

import { SoapValidationError, XmlLimitError } from './errors.js';
import type { XmlLimits } from './limits.js';
import type { XmlTypeName } from './schema.js';
import { SOAP_ENCODING_NS, XSD_NS, type PrefixResolver, type XmlAttribute, type XmlTag } from './xml-namespaces.js';
import type { SaxHandler } from './xml-parser.js';

/**
 * What a Body's replay may give whatever its own size (see `maxReferenceExpansion`): a value
 * shared by many references is repeated once for each, as the stacks that write such messages
 * mean, but a few kilobytes of references to references cannot stand for millions of elements.
 */
const REPLAY_FLOOR_ITEMS = 100_000;
const REPLAY_FLOOR_TEXT = 1 << 20;

/** The value of `soap:encodingStyle` on encoded messages. */
export const SOAP_ENCODING_STYLE = SOAP_ENCODING_NS;

/** The XML Schema drafts' namespaces, which older SOAP stacks still write xsi:type names in. */
const DRAFT_XSD_NAMESPACES = ['http://www.w3.org/1999/XMLSchema', 'http://www.w3.org/2000/10/XMLSchema'];

/** Each derived XSD built-in and the built-in it derives from (the primitives have none). */
const BUILTIN_BASE: Readonly<Record<string, string>> = {
  normalizedString: 'string',
  token: 'normalizedString',
  language: 'token',
  Name: 'token',
  NCName: 'Name',
  NMTOKEN: 'token',
  ID: 'NCName',
  IDREF: 'NCName',
  ENTITY: 'NCName',
  integer: 'decimal',
  nonPositiveInteger: 'integer',
  negativeInteger: 'nonPositiveInteger',
  long: 'integer',
  int: 'long',
  short: 'int',
  byte: 'short',
  nonNegativeInteger: 'integer',
  unsignedLong: 'nonNegativeInteger',
  unsignedInt: 'unsignedLong',
  unsignedShort: 'unsignedInt',
  unsignedByte: 'unsignedShort',
  positiveInteger: 'nonNegativeInteger',
};

/**
 * An xsi:type name read as the XSD built-in it means: XSD's own, a SOAP encoding type of the
 * same name (`soapenc:int`; `soapenc:base64` is xs:base64Binary), or a draft schema's.
 */
function asBuiltin(t: XmlTypeName): string | undefined {
  if (t.ns === XSD_NS || DRAFT_XSD_NAMESPACES.includes(t.ns)) return t.name;
  if (t.ns === SOAP_ENCODING_NS) return t.name === 'base64' ? 'base64Binary' : t.name;
  return undefined;
}

/**
 * Whether a simple value declared of type `expected` may carry xsi:type `actual`: the type
 * itself or a built-in derived from it (`xsd:short` where `xsd:int` is declared). A value of a
 * contract's own simple type (an enumeration, a restriction) may also be typed by any XSD
 * built-in, as servers often type such values by their base; its value is still checked
 * against the contract's type when it is read.
 */
export function acceptsXsiType(expected: XmlTypeName, actual: XmlTypeName): boolean {
  if (expected.ns === actual.ns && expected.name === actual.name) return true;
  const want = asBuiltin(expected);
  const got = asBuiltin(actual);
  if (got === undefined) return false;
  if (want === undefined) return true;
  for (let t: string | undefined = got; t !== undefined; t = BUILTIN_BASE[t]) if (t === want) return true;
  return false;
}

/** An xsi:type value resolved to a QName (`xsd:int` -> {XSD}int); undefined when its prefix is not declared. */
export function xsiTypeName(value: string, resolve: PrefixResolver): XmlTypeName | undefined {
  const t = value.trim();
  const colon = t.indexOf(':');
  const ns = resolve(colon < 0 ? '' : t.slice(0, colon));
  if (ns === undefined) return colon < 0 ? { ns: '', name: t } : undefined;
  return { ns, name: colon < 0 ? t : t.slice(colon + 1) };
}

/** An element of an encoded Body as parsed: kept until the Body closes (see EncodedBody). */
interface EncodedNode {
  /** A copy of the start tag (the parser reuses its own). */
  readonly tag: XmlTag;
  /** Child elements and text, in document order. */
  readonly children: (EncodedNode | string)[];
  /** The element it is in, in the document: namespace declarations are looked up along these. */
  readonly parent: EncodedNode | undefined;
}

/**
 * Keeps the Body of an encoded message as a tree while it is parsed (open it on soap:Body),
 * then `replay`s one of its elements to a handler with the multi-reference values resolved.
 * Handlers that resolve prefixes while the tree is replayed use `resolve`, which answers as the
 * element being replayed sees its namespaces.
 */
export class EncodedBody {
  readonly root: EncodedNode;
  private current: EncodedNode;
  /** Elements by their `id` attribute. */
  private readonly ids = new Map<string, EncodedNode>();
  /** A duplicate id, reported when the tree is replayed (the error names the first element with it). */
  private duplicate: string | undefined = undefined;
  /** The element whose namespace declarations `resolve` follows during a replay. */
  private scope: EncodedNode | undefined = undefined;
  /** The Body's own elements and attributes, and characters of text and attribute values. */
  private items = 0;
  private textLength = 0;
  /** Elements replayed (maxElements counts them). */
  private replayed = 0;
  /** Elements and attributes replayed, and characters of text and attribute values. */
  private replayedItems = 0;
  private replayedText = 0;
  /** What a replay may give (see maxReferenceExpansion), set when it starts. */
  private itemBudget = 0;
  private textBudget = 0;
  /** Elements on the path being replayed (a reference to one of them is a cycle). */
  private readonly active = new Set<EncodedNode>();

  constructor(
    body: XmlTag,
    private readonly outer: PrefixResolver,
  ) {
    this.root = { tag: copyTag(body), children: [], parent: undefined };
    this.current = this.root;
  }

  /** Prefix resolution at the element being replayed (then the envelope's declarations). */
  readonly resolve: PrefixResolver = (prefix) => {
    for (let n = this.scope; n !== undefined; n = n.parent) {
      if (Object.hasOwn(n.tag.ns, prefix)) return n.tag.ns[prefix];
    }
    return this.outer(prefix);
  };

  open(tag: XmlTag): void {
    const node: EncodedNode = { tag: copyTag(tag), children: [], parent: this.current };
    this.items += 1 + node.tag.attributeCount;
    this.textLength += attributeText(node.tag);
    this.current.children.push(node);
    this.current = node;
    const id = plainAttribute(node.tag, 'id');
    if (id !== undefined) {
      if (this.ids.has(id)) this.duplicate ??= id;
      else this.ids.set(id, node);
    }
  }

  text(text: string): void {
    this.textLength += text.length;
    const children = this.current.children;
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += text;
    else children.push(text);
  }

  close(): void {
    this.current = this.current.parent ?? this.root;
  }

  /**
   * The message's root among the Body's entries (an rpc wrapper, a document element): the first
   * that is not a multi-reference value (one with an `id`, or marked `soapenc:root="0"`), else
   * the first. Stacks write the values referred to after the root or before it.
   */
  rootEntry(): EncodedNode | undefined {
    let first: EncodedNode | undefined;
    for (const c of this.root.children) {
      if (typeof c === 'string') continue;
      first ??= c;
      const notRoot = findAttribute(c.tag, SOAP_ENCODING_NS, 'root')?.value.trim() === '0';
      if (plainAttribute(c.tag, 'id') === undefined && !notRoot) return c;
    }
    return first;
  }

  /**
   * Feeds `handler` the events of `node` and its content, each element with an `href` replaced
   * by the element its `#id` names (its attributes but `id`, and its content; the referring
   * element keeps its own name and attributes).
   */
  replay(node: EncodedNode, handler: SaxHandler, limits: XmlLimits): void {
    if (this.duplicate !== undefined) {
      throw new SoapValidationError(
        pathOf(this.ids.get(this.duplicate) as EncodedNode),
        this.duplicate,
        `two elements have id "${this.duplicate}"`,
      );
    }
    this.replayed = 0;
    this.replayedItems = 0;
    this.replayedText = 0;
    const factor = limits.maxReferenceExpansion;
    this.itemBudget = Math.max(REPLAY_FLOOR_ITEMS, factor * this.items);
    this.textBudget = Math.max(REPLAY_FLOOR_TEXT, factor * this.textLength);
    this.visit(node, handler, limits, 1);
  }

  /** Counts an element replayed as `tag` against maxElements, maxBytes and maxReferenceExpansion. */
  private count(tag: XmlTag, limits: XmlLimits): void {
    if (++this.replayed > limits.maxElements) throw new XmlLimitError('maxElements', limits.maxElements);
    this.replayedItems += 1 + tag.attributeCount;
    if (this.replayedItems > this.itemBudget) {
      throw this.overExpansion(limits, `${this.itemBudget} elements and attributes`, this.items, REPLAY_FLOOR_ITEMS);
    }
    this.countText(attributeText(tag), limits);
  }

  private countText(length: number, limits: XmlLimits): void {
    this.replayedText += length;
    if (this.replayedText > limits.maxBytes) throw new XmlLimitError('maxBytes', limits.maxBytes);
    if (this.replayedText > this.textBudget) {
      const what = `${this.textBudget} characters of text and attribute values`;
      throw this.overExpansion(limits, what, this.textLength, REPLAY_FLOOR_TEXT);
    }
  }

  private overExpansion(limits: XmlLimits, what: string, own: number, floor: number): XmlLimitError {
    const factor = limits.maxReferenceExpansion;
    const why = factor * own > floor ? `${factor} times the Body's own ${own}` : 'the least any Body may give';
    return new XmlLimitError(
      'maxReferenceExpansion',
      factor,
      `the Body's references repeat more than ${what} (${why})`,
    );
  }

  private visit(node: EncodedNode, handler: SaxHandler, limits: XmlLimits, depth: number): void {
    if (depth > limits.maxDepth) throw new XmlLimitError('maxDepth', limits.maxDepth);
    const href = plainAttribute(node.tag, 'href');
    let source = node;
    let tag = node.tag;
    if (href !== undefined) {
      const target = href.startsWith('#') ? this.ids.get(href.slice(1)) : undefined;
      if (target === undefined) {
        const reason = href.startsWith('#')
          ? `href "${href}" names no element of the message (no id "${href.slice(1)}")`
          : `href "${href}" is not a reference within the message (#id); other references are not read`;
        throw new SoapValidationError(pathOf(node), href, reason);
      }
      if (target === node || this.active.has(target)) {
        throw new SoapValidationError(
          pathOf(node),
          href,
          `href "${href}" refers to an element that contains this reference (a reference cycle)`,
        );
      }
      // What the reference stands for must be one element's content: a reference that also has
      // content, or that names another reference, would have its value silently left out.
      if (plainAttribute(target.tag, 'href') !== undefined) {
        throw new SoapValidationError(pathOf(node), href, `href "${href}" names an element that is itself a reference`);
      }
      if (node.children.some((c) => typeof c !== 'string' || c.trim() !== '')) {
        throw new SoapValidationError(pathOf(node), href, `an element with href "${href}" has content of its own`);
      }
      source = target;
      tag = merged(node, target);
    }
    this.count(tag, limits);
    this.active.add(source);
    this.scope = source;
    handler.open(tag);
    for (const c of source.children) {
      if (typeof c === 'string') {
        this.countText(c.length, limits);
        this.scope = source;
        handler.text(c);
      } else {
        this.visit(c, handler, limits, depth + 1);
      }
    }
    this.scope = source;
    handler.close();
    this.active.delete(source);
  }
}

/** A start tag that may be kept: the parser reuses its records (see XmlTag). */
function copyTag(tag: XmlTag): XmlTag {
  const attributes: XmlAttribute[] = [];
  for (let i = 0; i < tag.attributeCount; i++) attributes.push({ ...(tag.attributes[i] as XmlAttribute) });
  return { name: tag.name, local: tag.local, uri: tag.uri, attributeCount: attributes.length, attributes, ns: tag.ns };
}

/** An unqualified attribute's value (SOAP 1.1's `id` and `href` are in no namespace). */
function plainAttribute(tag: XmlTag, local: string): string | undefined {
  return findAttribute(tag, '', local)?.value;
}

/** An attribute by namespace and local name. */
function findAttribute(tag: XmlTag, ns: string, local: string): XmlAttribute | undefined {
  for (let i = 0; i < tag.attributeCount; i++) {
    const a = tag.attributes[i] as XmlAttribute;
    if (a.local === local && a.uri === ns) return a;
  }
  return undefined;
}

/** The referring element with the referenced one's attributes (but `id`) added to its own (but `href`). */
function merged(ref: EncodedNode, target: EncodedNode): XmlTag {
  const attributes = ref.tag.attributes.filter((a) => !(a.local === 'href' && a.uri === ''));
  const own = new Set(attributes.map((a) => `${a.uri} ${a.local}`));
  for (const a of target.tag.attributes) {
    if (a.local === 'id' && a.uri === '') continue;
    if (!own.has(`${a.uri} ${a.local}`)) attributes.push(a);
  }
  const ns = Object.assign(Object.create(null) as Record<string, string>, ref.tag.ns, target.tag.ns);
  return {
    name: ref.tag.name,
    local: ref.tag.local,
    uri: ref.tag.uri,
    attributeCount: attributes.length,
    attributes,
    ns,
  };
}

/** Characters of a tag's attribute values. */
function attributeText(tag: XmlTag): number {
  let n = 0;
  for (let i = 0; i < tag.attributeCount; i++) n += (tag.attributes[i] as XmlAttribute).value.length;
  return n;
}

/** Where an element is in the Body, for error paths (`sayHelloResponse.greeting`). */
function pathOf(node: EncodedNode): string {
  const names: string[] = [];
  for (let n: EncodedNode | undefined = node; n?.parent !== undefined; n = n.parent) names.unshift(n.tag.local);
  return names.join('.');
}
