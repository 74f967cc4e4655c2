/**
 * Descriptors compiled once per `Schema` object (cached in a WeakMap) into the shapes the writer
 * and the streaming reader need: resolved type references, base-first field lists, per-type
 * child lookup tables keyed by local name, simple-type codecs and the xsi:type name index.
 * Nothing here is recomputed per message.
 *
 * Floor 1 of the runtime (errors, values, compiled descriptors): imports floor 0, values.ts and
 * derived-codecs.ts.
 */

import { enumCodec, flagsCodec, listCodec, restrictionCodec } from './derived-codecs.js';
import type { ComplexDesc, FieldDesc, Schema, TypeDesc, XmlTypeName } from './schema.js';
import { primitiveCodec, type SimpleCodec } from './values.js';
import { SOAP_ENCODING_NS, XSD_NS } from './xml-namespaces.js';

/** soapenc:Array, the xsi:type of every SOAP-encoded array. */
const SOAP_ARRAY: XmlTypeName = { ns: SOAP_ENCODING_NS, name: 'Array' };

/** How an element's content is read and written. */
export const K_SIMPLE = 0;
export const K_COMPLEX = 1;
export const K_ARRAY = 2;
export const K_DICT = 3;
/** A dictionary entry element (synthetic; holds Key and Value). */
export const K_ENTRY = 4;
/** An element of type xs:anyType: its content is kept as raw XML (a string). */
export const K_RAW = 5;
/** xs:any: elements no other field names, each kept whole as raw XML (strings). */
export const K_ANY = 6;

export interface CompiledField {
  readonly name: string;
  readonly ns: string;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  /** maxOccurs other than 1: the property holds an array of occurrences. */
  readonly repeated: boolean;
  readonly typeKey: string;
  readonly kind: number;
  /** K_SIMPLE: the codec. */
  readonly codec: SimpleCodec | undefined;
  /** K_COMPLEX: the declared type. */
  readonly complex: CompiledComplex | undefined;
  /** K_ARRAY: the item element. */
  readonly item: CompiledField | undefined;
  /** K_DICT: the entry element (kind K_ENTRY); K_ENTRY: undefined. */
  readonly entry: CompiledField | undefined;
  /** K_ENTRY: the Key and Value elements. */
  readonly key: CompiledField | undefined;
  readonly value: CompiledField | undefined;
  /** Next field of the same container with the same local name but another namespace. */
  alt: CompiledField | undefined;
  /** A member of an xs:choice: the choice's index in CompiledComplex.choices (-1: none), and its branch. */
  readonly choice: number;
  readonly branch: number;
  /** K_ANY: whether an element of this namespace may be kept by the wildcard. */
  readonly accepts: ((ns: string) => boolean) | undefined;
  /** The QName of the value's type, written as xsi:type in SOAP-encoded messages (none for raw XML or anonymous types). */
  readonly xmlType: XmlTypeName | undefined;
  /** K_ARRAY: a SOAP-encoded array (soapenc:Array), whose items may have any element name. */
  readonly soapArray: boolean;
}

export interface CompiledAttribute {
  readonly name: string;
  readonly ns: string;
  readonly required: boolean;
  readonly codec: SimpleCodec;
  /** The property in the TypeScript value. */
  readonly prop: string;
}

export interface CompiledComplex {
  readonly key: string;
  readonly desc: ComplexDesc;
  /** All fields, base-most type first, in sequence order. */
  readonly fields: CompiledField[];
  /** Child lookup by local name (namespace checked on the hit, then along `alt`). */
  readonly byLocal: Map<string, CompiledField>;
  readonly attributes: CompiledAttribute[];
  /** The xs:choice groups, by index (see CompiledField.choice). */
  readonly choices: CompiledChoice[];
  /** The fields outside any xs:choice a value must have (minOccurs of 1 or more; not xs:any). */
  readonly required: CompiledField[];
  /** The xs:any fields (K_ANY), in order: an element no field names goes to the first that accepts it. */
  readonly wildcards: CompiledField[];
  /** xs:simpleContent: the codec of the character data (the `$value` property). */
  text: SimpleCodec | undefined;
  /** Mixed content: the whole content is kept as raw XML in `$value` (this K_RAW field). */
  content: CompiledField | undefined;
  /** This type's key and the keys of all its bases. */
  readonly ancestors: Set<string>;
  /** Some other ComplexDesc derives from this one (xsi:type worth resolving on read). */
  hasSubtypes: boolean;
}

export interface CompiledChoice {
  /** A branch must be present (minOccurs of the choice 1 or more). */
  readonly required: boolean;
  /** The members of each branch, in branch order. */
  readonly branches: CompiledField[][];
}

export class CompiledSchema {
  readonly types: Schema['types'];
  private readonly complexes = new Map<string, CompiledComplex>();
  private readonly codecs = new Map<string, SimpleCodec>();
  /** `{ns}name` of every ComplexDesc with an xmlName -> its key. */
  readonly byXmlName = new Map<string, string>();
  /**
   * One string object per namespace URI the descriptors use. Compiled fields hold these, and the
   * reader maps each URI saxes reports onto them once, so the per-element namespace check is
   * a pointer comparison instead of a character-by-character one.
   */
  private readonly namespaces = new Map<string, string>();
  /** Keys of the ComplexDescs some other ComplexDesc names as its base. */
  private readonly bases = new Set<string>();
  /** Types registered by `complex` whose fields are still to be compiled (see `complex`). */
  private readonly unfilled: { compiled: CompiledComplex; chain: ComplexDesc[] }[] = [];
  private filling = false;

  constructor(schema: Schema) {
    this.types = schema.types;
    for (const key of Object.keys(this.types)) {
      const t = this.types[key];
      if (t?.kind !== 'complex') continue;
      if (t.xmlName !== undefined) this.byXmlName.set(`{${t.xmlName.ns}}${t.xmlName.name}`, key);
      if (t.base !== undefined && t.base !== key) this.bases.add(t.base);
    }
  }

  typeDesc(key: string): TypeDesc | undefined {
    return Object.hasOwn(this.types, key) ? this.types[key] : undefined;
  }

  complexDesc(key: string): ComplexDesc | undefined {
    const t = this.typeDesc(key);
    return t?.kind === 'complex' ? t : undefined;
  }

  /** The codec for a simple type reference (primitive or key of a simple TypeDesc). */
  codec(typeKey: string): SimpleCodec {
    const cached = this.codecs.get(typeKey) ?? primitiveCodec(typeKey);
    if (cached !== undefined) return cached;
    const t = this.typeDesc(typeKey);
    let codec: SimpleCodec;
    switch (t?.kind) {
      case 'enum':
        codec = enumCodec(t.values);
        break;
      case 'flags':
        codec = flagsCodec(t.values);
        break;
      case 'list':
        codec = listCodec(this.codec(t.item));
        break;
      case 'restriction':
        codec = restrictionCodec(this.codec(t.base), t);
        break;
      default:
        throw new Error(`runtime schema: "${typeKey}" is not a simple type`);
    }
    this.codecs.set(typeKey, codec);
    return codec;
  }

  complex(key: string): CompiledComplex {
    const cached = this.complexes.get(key);
    if (cached !== undefined) return cached;
    const desc = this.complexDesc(key);
    if (desc === undefined) throw new Error(`runtime schema: "${key}" is not a complex type`);
    // The chain base-most first; a cycle in `base` is a descriptor bug.
    const chain: ComplexDesc[] = [];
    const ancestors = new Set<string>();
    for (let k: string | undefined = key; k !== undefined;) {
      if (ancestors.has(k)) throw new Error(`runtime schema: "${key}" derives from itself`);
      const d = this.complexDesc(k);
      if (d === undefined) throw new Error(`runtime schema: base "${k}" of "${key}" is not a complex type`);
      ancestors.add(k);
      chain.unshift(d);
      k = d.base;
    }
    const compiled: CompiledComplex = {
      key,
      desc,
      fields: [],
      byLocal: new Map(),
      attributes: [],
      choices: [],
      required: [],
      wildcards: [],
      text: undefined,
      content: undefined,
      ancestors,
      // A type with a descendant has a direct one.
      hasSubtypes: this.bases.has(key),
    };
    // Registered before the fields are compiled, so recursive types terminate. The fields are
    // compiled from a work list by the outermost call, not by recursion, so a chain of thousands
    // of types (each holding the next) does not exhaust the stack.
    this.complexes.set(key, compiled);
    this.unfilled.push({ compiled, chain });
    if (this.filling) return compiled;
    this.filling = true;
    try {
      for (let next = this.unfilled.pop(); next !== undefined; next = this.unfilled.pop())
        this.fill(next.compiled, next.chain);
    } catch (e) {
      // Forget half-compiled types so a later call reports the same error instead of using them.
      for (const u of this.unfilled) this.complexes.delete(u.compiled.key);
      this.unfilled.length = 0;
      this.complexes.delete(key);
      throw e;
    } finally {
      this.filling = false;
    }
    return compiled;
  }

  private fill(compiled: CompiledComplex, chain: readonly ComplexDesc[]): void {
    for (const d of chain) {
      // Choice indexes are per descriptor; a derived type's come after its bases'.
      const offset = compiled.choices.length;
      for (const c of d.choices ?? []) compiled.choices.push({ required: c.min > 0, branches: [] });
      for (const f of d.fields) {
        const cf = this.field(f, offset);
        compiled.fields.push(cf);
        if (cf.kind === K_ANY) compiled.wildcards.push(cf);
        else addLookup(compiled.byLocal, cf);
        if (cf.choice >= 0) {
          const branches = (compiled.choices[cf.choice] as CompiledChoice).branches;
          (branches[cf.branch] ??= []).push(cf);
        } else if (cf.min >= 1 && cf.kind !== K_ANY) {
          compiled.required.push(cf);
        }
      }
      // A branch without elements (an empty xs:sequence) has no members to put it in its place.
      for (const c of compiled.choices) for (let b = 0; b < c.branches.length; b++) c.branches[b] ??= [];
      for (const a of d.attributes ?? []) {
        compiled.attributes.push({
          name: a.name,
          ns: a.ns,
          required: a.required,
          codec: this.codec(a.type),
          prop: a.prop ?? a.name,
        });
      }
      if (d.text === 'xs:anyType') compiled.content = this.field({ name: '$value', ns: '', type: 'xs:anyType' });
      else if (d.text !== undefined) compiled.text = this.codec(d.text);
    }
  }

  /** Compiles a field; `choiceOffset` shifts its choice index (see `fill`). */
  field(f: FieldDesc, choiceOffset = 0): CompiledField {
    // Descriptors leave out the usual values (see FieldDesc); compiled fields have them all.
    const max = f.max ?? 1;
    const base = {
      name: f.name,
      ns: this.intern(f.ns),
      min: f.min ?? 1,
      max,
      nillable: f.nillable ?? false,
      repeated: max !== 1,
      typeKey: f.type,
      choice: f.choice !== undefined ? f.choice + choiceOffset : -1,
      branch: f.branch ?? -1,
    };
    const none = {
      codec: undefined,
      complex: undefined,
      item: undefined,
      entry: undefined,
      key: undefined,
      value: undefined,
      alt: undefined,
      accepts: undefined,
      xmlType: undefined,
      soapArray: false,
    };
    if (f.type === 'xs:anyType') return { ...base, ...none, kind: K_RAW };
    if (f.type === 'xs:any') return { ...base, ...none, kind: K_ANY, accepts: namespaceTest(f) };
    if (primitiveCodec(f.type) !== undefined)
      return { ...base, ...none, kind: K_SIMPLE, codec: this.codec(f.type), xmlType: this.simpleXmlType(f.type) };
    const t = this.typeDesc(f.type);
    switch (t?.kind) {
      case undefined:
        throw new Error(`runtime schema: unknown type "${f.type}" for element "${f.name}"`);
      case 'complex':
        return { ...base, ...none, kind: K_COMPLEX, complex: this.complex(f.type), xmlType: t.xmlName };
      case 'array': {
        const soapArray = t.soapEncoded === true;
        const xmlType = soapArray ? SOAP_ARRAY : t.xmlName;
        return { ...base, ...none, kind: K_ARRAY, item: this.field(t.item), xmlType, soapArray };
      }
      case 'dictionary': {
        const entry: CompiledField = {
          name: t.entry.name,
          ns: this.intern(t.entry.ns),
          min: 0,
          max: -1,
          nillable: false,
          repeated: true,
          typeKey: f.type,
          choice: -1,
          branch: -1,
          ...none,
          kind: K_ENTRY,
          key: this.field(t.key),
          value: this.field(t.value),
        };
        return { ...base, ...none, kind: K_DICT, entry, xmlType: t.xmlName };
      }
      default:
        return { ...base, ...none, kind: K_SIMPLE, codec: this.codec(f.type), xmlType: this.simpleXmlType(f.type) };
    }
  }

  /**
   * The QName of a simple type for xsi:type: a primitive's XSD name, a named type's own, an
   * anonymous restriction's base's; an anonymous enumeration, flags or list is a string.
   */
  simpleXmlType(typeKey: string): XmlTypeName {
    for (let key = typeKey, hops = 0; hops < 64; hops++) {
      if (primitiveCodec(key) !== undefined) return { ns: XSD_NS, name: key.slice(3) };
      const t = this.typeDesc(key);
      if (t === undefined || t.kind === 'complex' || t.kind === 'array' || t.kind === 'dictionary') break;
      if (t.xmlName !== undefined) return t.xmlName;
      if (t.kind !== 'restriction') break;
      key = t.base;
    }
    return { ns: XSD_NS, name: 'string' };
  }

  private intern(ns: string): string {
    const known = this.namespaces.get(ns);
    if (known !== undefined) return known;
    this.namespaces.set(ns, ns);
    return ns;
  }

  /** The descriptors' string object for this namespace URI, or `uri` itself when none uses it. */
  canonicalNs(uri: string): string {
    return this.namespaces.get(uri) ?? uri;
  }

  /** Resolves `{ns}name` (an xsi:type) to a ComplexDesc key, if the schema has one. */
  complexByXmlName(ns: string, name: string): string | undefined {
    return this.byXmlName.get(`{${ns}}${name}`);
  }
}

/** The namespace test of an xs:any field. */
function namespaceTest(f: FieldDesc): (ns: string) => boolean {
  const list = f.namespaces;
  if (list !== undefined) return (ns) => list.includes(ns);
  const other = f.otherThan;
  if (other !== undefined) return (ns) => ns !== other && ns !== '';
  return () => true;
}

/** Why a value breaks an xs:choice of its type: the offending value and the reason. */
export interface ChoiceViolation {
  readonly value: unknown;
  readonly reason: string;
}

/**
 * The branch of each xs:choice of `type` that `obj` sets (-1: none): of the branches holding
 * every member that is set, the first whose required members are all set (else the first, whose
 * missing members the caller reports). Members of different branches set together, or no
 * branch of a required choice set (when every branch needs something), are a violation.
 */
export function chooseBranches(type: CompiledComplex, obj: object): number[] | ChoiceViolation {
  const chosen: number[] = [];
  for (const choice of type.choices) {
    const set = new Set<string>();
    for (const members of choice.branches) {
      for (const f of members) if (getOwn(obj, f.name) !== undefined) set.add(f.name);
    }
    if (set.size === 0) {
      const canBeEmpty = !choice.required || choice.branches.some((members) => members.every((f) => f.min === 0));
      if (!canBeEmpty)
        return { value: undefined, reason: `one branch of a choice is required: ${alternatives(choice)}` };
      chosen.push(-1);
      continue;
    }
    let holding = -1;
    let complete = -1;
    for (let b = 0; b < choice.branches.length && complete < 0; b++) {
      const members = choice.branches[b] as CompiledField[];
      if (![...set].every((n) => members.some((f) => f.name === n))) continue;
      if (holding < 0) holding = b;
      if (members.every((f) => f.min === 0 || set.has(f.name))) complete = b;
    }
    if (holding < 0) {
      const names = [...set].join(', ');
      return {
        value: names,
        reason: `members of different branches of a choice are set: ${names} (branches: ${alternatives(choice)})`,
      };
    }
    chosen.push(complete >= 0 ? complete : holding);
  }
  return chosen;
}

/** Something a complex value lacks: which member (`.Name`, `.@name`, '' for a choice), its value and why. */
export interface MissingMember {
  /** `missing`: a required element or attribute, or a branch of a required choice; `choice`: members of two branches set. */
  readonly kind: 'missing' | 'choice';
  readonly member: string;
  readonly value: unknown;
  readonly reason: string;
}

/**
 * Calls `visit` with each thing `obj` lacks that `type` requires, in order, while `visit` returns
 * true: required elements (of each xs:choice, those of the branch present), required attributes,
 * and a choice it breaks.
 */
export function forEachMissing(type: CompiledComplex, obj: object, visit: (missing: MissingMember) => boolean): void {
  for (const f of type.required) {
    if (
      getOwn(obj, f.name) === undefined &&
      !visit({ kind: 'missing', member: `.${f.name}`, value: undefined, reason: 'required element is missing' })
    )
      return;
  }
  for (const a of type.attributes) {
    if (
      a.required &&
      getOwn(obj, a.prop) === undefined &&
      !visit({ kind: 'missing', member: `.@${a.name}`, value: undefined, reason: 'required attribute is missing' })
    )
      return;
  }
  if (type.choices.length === 0) return;
  const chosen = chooseBranches(type, obj);
  if (!Array.isArray(chosen)) {
    visit({
      kind: chosen.value === undefined ? 'missing' : 'choice',
      member: '',
      value: chosen.value,
      reason: chosen.reason,
    });
    return;
  }
  for (let c = 0; c < type.choices.length; c++) {
    for (const f of (type.choices[c] as CompiledChoice).branches[chosen[c] as number] ?? []) {
      if (
        f.min >= 1 &&
        getOwn(obj, f.name) === undefined &&
        !visit({ kind: 'missing', member: `.${f.name}`, value: undefined, reason: 'required element is missing' })
      )
        return;
    }
  }
}

/** A choice's branches for messages: `{A} or {B, C}`. */
function alternatives(choice: CompiledChoice): string {
  return choice.branches.map((members) => `{${members.map((f) => f.name).join(', ')}}`).join(' or ');
}

function addLookup(map: Map<string, CompiledField>, f: CompiledField): void {
  const first = map.get(f.name);
  if (first === undefined) {
    map.set(f.name, f);
    return;
  }
  let last = first;
  while (last.alt !== undefined) last = last.alt;
  last.alt = f;
}

const cache = new WeakMap<Schema, CompiledSchema>();

/** The compiled form of `schema`, built on first use and shared by every later message. */
export function compiledSchema(schema: Schema): CompiledSchema {
  let c = cache.get(schema);
  if (c === undefined) {
    c = new CompiledSchema(schema);
    cache.set(schema, c);
  }
  return c;
}

/** Assigns an own data property; `__proto__` goes through defineProperty so it never reaches the prototype. */
export function setProp(obj: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[name] = value;
  }
}

/** Reads an own property only (never `constructor` or `__proto__` from the prototype). */
export function getOwn(obj: object, name: string): unknown {
  // Absent members (the common case for optional fields) cost one lookup.
  const value = (obj as Record<string, unknown>)[name];
  return value !== undefined && Object.hasOwn(obj, name) ? value : undefined;
}
