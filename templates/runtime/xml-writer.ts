/**
 * Writes values as XML elements from compiled descriptors, validating as it goes.
 *
 * Namespace strategy (deterministic, compact, no insignificant whitespace):
 * - an element in the in-scope default namespace is written unprefixed;
 * - otherwise, if its namespace is bound to a prefix in scope, that prefix is used;
 * - otherwise the element declares it as the default namespace (`<x xmlns="urn">`, as WCF does);
 *   an unqualified element under a non-empty default namespace gets `xmlns=""`;
 * - array and dictionary wrappers whose items live in another namespace declare a prefix for it
 *   (`q1`, `q2`, ... numbered per message) once, on the wrapper, instead of on every item;
 * - `xsi` is bound to `i` only on elements that need it (nil, xsi:type).
 *
 * Floor 2 of the runtime (XML reading and writing): imports floors 0 and 1, and xml-fragment.ts.
 */

import {
  K_ANY,
  K_ARRAY,
  K_COMPLEX,
  K_DICT,
  K_RAW,
  K_SIMPLE,
  chooseBranches,
  getOwn,
  type CompiledComplex,
  type CompiledField,
  type CompiledSchema,
} from './compiled.js';
import { SoapValidationError } from './errors.js';
import type { ArrayDesc } from './schema.js';
import { InvalidValue } from './values.js';
import { escapeAttr, escapeText } from './xml-escape.js';
import { prepareFragment } from './xml-fragment.js';
import { SOAP_ENCODING_NS, XML_NS, XSD_NS, XSI_NS } from './xml-namespaces.js';

/** A prefix binding in scope; a linked list from the innermost declaration outwards. */
export interface Binding {
  readonly prefix: string;
  readonly uri: string;
  readonly next: Binding | undefined;
}

export function lookupPrefix(b: Binding | undefined, uri: string): string | undefined {
  if (uri === XML_NS) return 'xml';
  for (let x = b; x !== undefined; x = x.next) {
    if (x.uri === uri) {
      // A closer declaration of the same prefix would shadow this one.
      for (let y = b; y !== x && y !== undefined; y = y.next) if (y.prefix === x.prefix) return undefined;
      return x.prefix;
    }
  }
  return undefined;
}

/**
 * Deepest element nesting the writer produces in a message, Envelope and Body included: the
 * reader's default `maxDepth`, so whatever is written can be read back (raw XML fragments
 * count with their own nesting). A deeper value, or one that contains itself, is refused with
 * SoapValidationError at its path instead of overflowing the stack.
 */
export const MAX_WRITE_DEPTH = 256;

interface ElementName {
  readonly qname: string;
  readonly decls: string;
  readonly innerDef: string;
}

export class XmlWriter {
  out = '';
  /**
   * SOAP 1.1 encoding (an encoded message's body): every value is written with its xsi:type,
   * arrays as soapenc:Array with soapenc:arrayType, and the outermost elements with
   * `soap:encodingStyle` (this attribute, prefix included). The prefixes of xsi, xsd and soapenc
   * must then be bound in the bindings given.
   */
  encodingStyle: string | undefined = undefined;
  private prefixCount = 0;
  /** The depth the writer started at: elements written there are the outermost ones. */
  private readonly outermost: number;
  /** Elements open where the next one is written (see MAX_WRITE_DEPTH). */
  private depth: number;
  /**
   * Path segments of the element being written, for validation messages: names, and array
   * indexes as numbers (formatted only when a message needs them).
   */
  private readonly path: (string | number)[] = [];

  /** `depth`: the elements the output will be inside (a message body: Envelope and Body, 2). */
  constructor(
    private readonly schema: CompiledSchema,
    depth = 0,
  ) {
    this.depth = depth;
    this.outermost = depth;
  }

  fail(value: unknown, reason: string): never {
    let p = '';
    for (const seg of this.path) {
      if (typeof seg === 'number') p += `[${seg}]`;
      else p += p === '' || seg.startsWith('[') ? seg : `.${seg}`;
    }
    throw new SoapValidationError(p, value, reason);
  }

  newPrefix(): string {
    return `q${++this.prefixCount}`;
  }

  /** Writes a field's occurrences (none, one, or an array of them when repeated). */
  writeField(f: CompiledField, value: unknown, def: string, bindings: Binding | undefined): void {
    if (value === undefined) {
      if (f.min >= 1) {
        this.path.push(f.name);
        this.fail(value, 'required element is missing');
      }
      return;
    }
    if (!f.repeated) {
      this.path.push(f.name);
      this.writeElement(f, value, def, bindings);
      this.path.pop();
      return;
    }
    this.path.push(f.name);
    if (!Array.isArray(value)) this.fail(value, 'expected an array (repeated element)');
    const items = value as readonly unknown[];
    if (items.length < f.min) this.fail(value, `expected at least ${f.min} occurrences, got ${items.length}`);
    if (f.max >= 0 && items.length > f.max)
      this.fail(value, `expected at most ${f.max} occurrences, got ${items.length}`);
    this.writeItems(f, items, def, bindings);
    this.path.pop();
  }

  /** Writes one element of `f` for each item; the name is resolved once for all of them. */
  private writeItems(f: CompiledField, items: readonly unknown[], def: string, bindings: Binding | undefined): void {
    const name = f.kind === K_ANY ? undefined : this.name(f, def, bindings);
    if (name !== undefined && f.kind === K_SIMPLE && this.encodingStyle === undefined && this.depth < MAX_WRITE_DEPTH) {
      this.writeSimpleItems(f, items, name, bindings);
      return;
    }
    for (let i = 0; i < items.length; i++) {
      this.path.push(i);
      if (name === undefined) this.writeElement(f, items[i], def, bindings);
      else this.writeNamed(f, items[i], name, bindings);
      this.path.pop();
    }
  }

  /**
   * What writeNamed writes for each item of a simple field (a long list of ids or names is the
   * common case of a large request), with the tags built once and an item's index put on the
   * path only when the item is refused. Literal messages only: an encoded item carries its type.
   */
  private writeSimpleItems(
    f: CompiledField,
    items: readonly unknown[],
    name: ElementName,
    bindings: Binding | undefined,
  ): void {
    const codec = f.codec as NonNullable<CompiledField['codec']>;
    const start = `<${name.qname}${name.decls}>`;
    const end = `</${name.qname}>`;
    for (let i = 0; i < items.length; i++) {
      const value = items[i];
      if (value === undefined || value === null) {
        this.path.push(i);
        this.writeNamed(f, value, name, bindings);
        this.path.pop();
        continue;
      }
      let text: string;
      try {
        text = codec.format(value);
      } catch (e) {
        this.path.push(i);
        if (e instanceof InvalidValue) this.fail(value, e.reason);
        throw e;
      }
      this.out += text === '' ? `<${name.qname}${name.decls}/>` : start + characterData(codec, text) + end;
    }
  }

  /**
   * Writes one element for `f` holding `value` (null = xsi:nil). `def` is the default namespace
   * in scope, `bindings` the prefixes in scope. The caller has pushed the path segment.
   */
  writeElement(f: CompiledField, value: unknown, def: string, bindings: Binding | undefined): void {
    if (f.kind === K_ANY) {
      if (value === undefined) this.fail(value, 'value is undefined');
      // xs:any: the value is a whole element, written as given (checked, namespaces made to fit).
      this.out += this.fragment(value, def, true, MAX_WRITE_DEPTH - this.depth);
      return;
    }
    this.writeNamed(f, value, this.name(f, def, bindings), bindings);
  }

  /** The element's qualified name, the declaration that makes it resolvable, and the default namespace inside it. */
  private name(f: CompiledField, def: string, bindings: Binding | undefined): ElementName {
    if (f.ns === def) return { qname: f.name, decls: '', innerDef: def };
    const p = lookupPrefix(bindings, f.ns);
    if (p !== undefined) return { qname: `${p}:${f.name}`, decls: '', innerDef: def };
    return { qname: f.name, decls: ` xmlns="${escapeAttr(f.ns)}"`, innerDef: f.ns };
  }

  private writeNamed(f: CompiledField, value: unknown, name: ElementName, bindings: Binding | undefined): void {
    if (value === undefined) this.fail(value, 'value is undefined');
    if (this.depth >= MAX_WRITE_DEPTH)
      this.fail(value, `elements would nest more than ${MAX_WRITE_DEPTH} levels deep (does the value contain itself?)`);
    const { qname, innerDef } = name;
    let decls = name.decls;
    if (this.encodingStyle !== undefined) {
      if (this.depth === this.outermost) decls += this.encodingStyle;
      // Complex values get theirs in writeComplex (a derived value names its own type).
      if (value !== null && f.kind !== K_COMPLEX) decls += this.encodedType(f, value, bindings);
    }
    if (value === null) {
      if (!f.nillable) this.fail(value, 'null is not allowed (element is not nillable)');
      const xsi = lookupPrefix(bindings, XSI_NS);
      this.out +=
        xsi !== undefined
          ? `<${qname}${decls} ${xsi}:nil="true"/>`
          : `<${qname}${decls} i:nil="true" xmlns:i="${XSI_NS}"/>`;
      return;
    }
    if (f.kind === K_SIMPLE) {
      const text = this.format(f, value);
      const content = characterData(f.codec as NonNullable<CompiledField['codec']>, text);
      this.out += text === '' ? `<${qname}${decls}/>` : `<${qname}${decls}>${content}</${qname}>`;
      return;
    }
    if (f.kind === K_RAW) {
      const content = this.fragment(value, innerDef, false, MAX_WRITE_DEPTH - this.depth - 1);
      this.out += content === '' ? `<${qname}${decls}/>` : `<${qname}${decls}>${content}</${qname}>`;
      return;
    }
    this.depth++;
    this.writeContainer(f, value, qname, decls, innerDef, bindings);
    this.depth--;
  }

  private writeContainer(
    f: CompiledField,
    value: unknown,
    qname: string,
    decls: string,
    innerDef: string,
    bindings: Binding | undefined,
  ): void {
    switch (f.kind) {
      case K_COMPLEX:
        this.writeComplex(f.complex as CompiledComplex, value, qname, decls, innerDef, bindings);
        return;
      case K_ARRAY: {
        if (!Array.isArray(value)) this.fail(value, 'expected an array');
        const item = f.item as CompiledField;
        let inner = bindings;
        if (item.ns !== innerDef && item.ns !== '' && lookupPrefix(bindings, item.ns) === undefined) {
          const p = this.newPrefix();
          decls += ` xmlns:${p}="${escapeAttr(item.ns)}"`;
          inner = { prefix: p, uri: item.ns, next: bindings };
        }
        const items = value as readonly unknown[];
        if (items.length === 0) {
          this.out += `<${qname}${decls}/>`;
          return;
        }
        this.out += `<${qname}${decls}>`;
        this.writeItems(item, items, innerDef, inner);
        this.out += `</${qname}>`;
        return;
      }
      case K_DICT: {
        if (!(value instanceof Map)) this.fail(value, 'expected a Map (dictionary)');
        const entry = f.entry as CompiledField;
        const key = entry.key as CompiledField;
        const val = entry.value as CompiledField;
        let inner = bindings;
        for (const ns of [entry.ns, key.ns, val.ns]) {
          if (ns !== innerDef && ns !== '' && lookupPrefix(inner, ns) === undefined) {
            const p = this.newPrefix();
            decls += ` xmlns:${p}="${escapeAttr(ns)}"`;
            inner = { prefix: p, uri: ns, next: inner };
          }
        }
        const map = value as ReadonlyMap<unknown, unknown>;
        if (map.size === 0) {
          this.out += `<${qname}${decls}/>`;
          return;
        }
        this.out += `<${qname}${decls}>`;
        // The entry element's name, resolved once for all entries.
        const { qname: eName, decls: eDecls, innerDef: entryDef } = this.name(entry, innerDef, inner);
        const eOpen = `<${eName}${eDecls}>`;
        for (const [k, v] of map) {
          this.path.push(`[${typeof k === 'string' ? JSON.stringify(k) : String(k)}]`);
          if (k === null || k === undefined) this.fail(k, 'dictionary key must not be null');
          this.out += eOpen;
          this.path.push(key.name);
          this.writeElement(key, k, entryDef, inner);
          this.path.pop();
          if (v !== undefined || val.min >= 1) {
            this.path.push(val.name);
            this.writeElement(val, v, entryDef, inner);
            this.path.pop();
          }
          this.out += `</${eName}>`;
          this.path.pop();
        }
        this.out += `</${qname}>`;
        return;
      }
      default:
        this.fail(value, 'element kind cannot be written');
    }
  }

  /**
   * The xsi:type of a simple value or array in an encoded message, with the namespace
   * declaration its name needs; an array also gets `soapenc:arrayType` (`xsd:string[3]`).
   */
  private encodedType(f: CompiledField, value: unknown, bindings: Binding | undefined): string {
    if (f.xmlType === undefined) return '';
    let decls = '';
    const qname = (ns: string, name: string): string => {
      const p = lookupPrefix(bindings, ns);
      if (p !== undefined) return `${p}:${name}`;
      const fresh = this.newPrefix();
      decls += ` xmlns:${fresh}="${escapeAttr(ns)}"`;
      bindings = { prefix: fresh, uri: ns, next: bindings };
      return `${fresh}:${name}`;
    };
    const xsi = lookupPrefix(bindings, XSI_NS) as string;
    let attrs = ` ${xsi}:type="${escapeAttr(qname(f.xmlType.ns, f.xmlType.name))}"`;
    if (f.kind === K_ARRAY && f.soapArray && Array.isArray(value)) {
      // The items' type, then one rank per level of nesting: `xsd:string[][2]` for two string arrays.
      let item = f.item as CompiledField;
      let ranks = '';
      let itemType = item.xmlType;
      while (item.kind === K_ARRAY && item.soapArray) {
        // A named array type names the items; an anonymous one (`T[][]`) adds a rank.
        itemType = (this.schema.typeDesc(item.typeKey) as ArrayDesc).xmlName;
        if (itemType !== undefined) break;
        ranks += '[]';
        item = item.item as CompiledField;
        itemType = item.xmlType;
      }
      const name = itemType === undefined ? qname(XSD_NS, 'anyType') : qname(itemType.ns, itemType.name);
      attrs += ` ${qname(SOAP_ENCODING_NS, 'arrayType')}="${escapeAttr(`${name}${ranks}[${value.length}]`)}"`;
    }
    return decls + attrs;
  }

  private format(f: { readonly codec?: CompiledField['codec'] }, value: unknown): string {
    try {
      return (f.codec as NonNullable<CompiledField['codec']>).format(value);
    } catch (e) {
      if (e instanceof InvalidValue) this.fail(value, e.reason);
      throw e;
    }
  }

  private writeComplex(
    declared: CompiledComplex,
    value: unknown,
    qname: string,
    decls: string,
    def: string,
    bindings: Binding | undefined,
  ): void {
    if (
      typeof value !== 'object' ||
      value === null ||
      Array.isArray(value) ||
      value instanceof Map ||
      value instanceof Uint8Array
    ) {
      this.fail(value, 'expected an object');
    }
    const obj = value as object;
    let type = declared;
    let attrs = '';
    let inner = bindings;
    const $type = getOwn(obj, '$type');
    if ($type !== undefined && $type !== declared.key) {
      const sub =
        typeof $type === 'string' && this.schema.complexDesc($type) !== undefined
          ? this.schema.complex($type)
          : undefined;
      if (sub === undefined || !sub.ancestors.has(declared.key)) {
        this.fail($type, `$type must name a type derived from ${declared.key}`);
      }
      const xmlName = sub.desc.xmlName;
      if (xmlName === undefined) this.fail($type, `type ${sub.key} has no XML name for xsi:type`);
      type = sub;
      let xsi = lookupPrefix(inner, XSI_NS);
      if (xsi === undefined) {
        xsi = 'i';
        decls += ` xmlns:i="${XSI_NS}"`;
        inner = { prefix: 'i', uri: XSI_NS, next: inner };
      }
      let tp: string | undefined;
      if (xmlName.ns === '') {
        // An unprefixed QName resolves against the default namespace, which must then be empty.
        if (def !== '') this.fail($type, `type ${sub.key} has no namespace but the default namespace is ${def}`);
        tp = '';
      } else {
        tp = lookupPrefix(inner, xmlName.ns);
        if (tp === undefined) {
          tp = this.newPrefix();
          decls += ` xmlns:${tp}="${escapeAttr(xmlName.ns)}"`;
          inner = { prefix: tp, uri: xmlName.ns, next: inner };
        }
      }
      attrs += ` ${xsi}:type="${tp === '' ? '' : `${tp}:`}${escapeAttr(xmlName.name)}"`;
    } else if (this.encodingStyle !== undefined && declared.desc.xmlName !== undefined) {
      // An encoded message types every value; an anonymous type has no name to give.
      const xmlName = declared.desc.xmlName;
      let tp = lookupPrefix(inner, xmlName.ns);
      if (tp === undefined) {
        tp = this.newPrefix();
        decls += ` xmlns:${tp}="${escapeAttr(xmlName.ns)}"`;
        inner = { prefix: tp, uri: xmlName.ns, next: inner };
      }
      attrs += ` ${lookupPrefix(inner, XSI_NS) as string}:type="${tp}:${escapeAttr(xmlName.name)}"`;
    }
    if (type.desc.abstract) this.fail(value, `type ${type.key} is abstract; set $type to a derived type`);
    for (const a of type.attributes) {
      const v = getOwn(obj, a.prop);
      if (v === undefined) {
        if (a.required) {
          this.path.push(`@${a.name}`);
          this.fail(v, 'required attribute is missing');
        }
        continue;
      }
      this.path.push(`@${a.name}`);
      const lex = this.format(a, v);
      this.path.pop();
      let an = a.name;
      if (a.ns !== '') {
        let p = lookupPrefix(inner, a.ns);
        if (p === undefined) {
          p = this.newPrefix();
          decls += ` xmlns:${p}="${escapeAttr(a.ns)}"`;
          inner = { prefix: p, uri: a.ns, next: inner };
        }
        an = `${p}:${a.name}`;
      }
      attrs += ` ${an}="${escapeAttr(lex)}"`;
    }
    if (type.content !== undefined || type.text !== undefined) {
      // Simple content: `$value` is the character data; mixed content: the content as raw XML.
      const what =
        type.content !== undefined
          ? 'the content of an element with mixed content'
          : 'the value of an element with simple content';
      const v = getOwn(obj, '$value');
      this.path.push('$value');
      if (v === undefined) this.fail(v, `${what} ($value) is missing`);
      const content =
        type.text !== undefined
          ? escapeText(this.format({ codec: type.text }, v))
          : this.fragment(v, def, false, MAX_WRITE_DEPTH - this.depth);
      this.path.pop();
      this.out += content === '' ? `<${qname}${decls}${attrs}/>` : `<${qname}${decls}${attrs}>${content}</${qname}>`;
      return;
    }
    const branches = type.choices.length > 0 ? this.branchesOf(type, obj) : undefined;
    // Self-close when no field will produce an element (absent, or an empty repeated array).
    let empty = true;
    for (const f of type.fields) {
      if (branches !== undefined && f.choice >= 0 && branches[f.choice] !== f.branch) continue;
      const v = getOwn(obj, f.name);
      if (v !== undefined && !(f.repeated && Array.isArray(v) && v.length === 0)) {
        empty = false;
        break;
      }
    }
    if (empty) {
      this.writeContent(type, obj, def, inner, branches); // reports missing required fields
      this.out += `<${qname}${decls}${attrs}/>`;
      return;
    }
    this.out += `<${qname}${decls}${attrs}>`;
    this.writeContent(type, obj, def, inner, branches);
    this.out += `</${qname}>`;
  }

  /**
   * Writes the fields of a complex value (not its element): every field in order, and of each
   * xs:choice only the chosen branch. Also used for a bare soap:Body.
   */
  writeContent(
    type: CompiledComplex,
    obj: object,
    def: string,
    bindings: Binding | undefined,
    branches?: readonly number[],
  ): void {
    const chosen = branches ?? (type.choices.length > 0 ? this.branchesOf(type, obj) : undefined);
    for (const f of type.fields) {
      if (chosen !== undefined && f.choice >= 0 && chosen[f.choice] !== f.branch) continue;
      this.writeField(f, getOwn(obj, f.name), def, bindings);
    }
  }

  /** The branch of each xs:choice the value sets (see chooseBranches in compiled.ts). */
  private branchesOf(type: CompiledComplex, obj: object): number[] {
    const chosen = chooseBranches(type, obj);
    if (!Array.isArray(chosen)) this.fail(chosen.value, chosen.reason);
    return chosen;
  }

  /** A raw XML value checked and prepared for where it goes (see xml-fragment.ts). */
  private fragment(value: unknown, target: string, element: boolean, maxDepth: number): string {
    try {
      return prepareFragment(value, target, element, maxDepth);
    } catch (e) {
      if (e instanceof InvalidValue) this.fail(value, e.reason);
      throw e;
    }
  }
}

/** A simple value's lexical form as character data: escaped, unless its codec never needs it. */
function characterData(codec: NonNullable<CompiledField['codec']>, text: string): string {
  return codec.markupFree ? text : escapeText(text);
}
