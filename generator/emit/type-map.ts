/**
 * How model types become TypeScript types and runtime type keys. Pure functions of the IR and
 * the names; documented, row by row, in the README's mapping table.
 */
import { GeneratorError } from '../errors.ts';
import { qnameKey, type AnyField, type AttributeField, type BuiltinName, type ComplexType, type ElementField, type Model, type Particle, type SourceLocation, type TypeDef, type TypeRef } from '../model.ts';
import type { Names } from '../names.ts';

/** The runtime primitive (templates/runtime/schema.ts PrimitiveName) each XSD built-in is read and written as. */
const PRIMITIVE: Readonly<Record<BuiltinName, string | undefined>> = {
  // raw XML: the element's content, kept as written (see XmlFragment)
  anyType: 'xs:anyType',
  anySimpleType: 'xs:string',
  string: 'xs:string',
  normalizedString: 'xs:string',
  token: 'xs:string',
  language: 'xs:string',
  Name: 'xs:string',
  NCName: 'xs:string',
  NMTOKEN: 'xs:string',
  NMTOKENS: 'xs:string',
  ID: 'xs:string',
  IDREF: 'xs:string',
  IDREFS: 'xs:string',
  ENTITY: 'xs:string',
  ENTITIES: 'xs:string',
  anyURI: 'xs:string',
  QName: 'xs:string',
  NOTATION: 'xs:string',
  gYearMonth: 'xs:string',
  gYear: 'xs:string',
  gMonthDay: 'xs:string',
  gDay: 'xs:string',
  gMonth: 'xs:string',
  boolean: 'xs:boolean',
  byte: 'xs:byte',
  short: 'xs:short',
  int: 'xs:int',
  unsignedByte: 'xs:unsignedByte',
  unsignedShort: 'xs:unsignedShort',
  unsignedInt: 'xs:unsignedInt',
  long: 'xs:long',
  unsignedLong: 'xs:unsignedLong',
  integer: 'xs:integer',
  nonNegativeInteger: 'xs:nonNegativeInteger',
  positiveInteger: 'xs:positiveInteger',
  nonPositiveInteger: 'xs:nonPositiveInteger',
  negativeInteger: 'xs:negativeInteger',
  decimal: 'xs:decimal',
  float: 'xs:float',
  double: 'xs:double',
  dateTime: 'xs:dateTime',
  date: 'xs:date',
  time: 'xs:time',
  duration: 'xs:duration',
  base64Binary: 'xs:base64Binary',
  hexBinary: 'xs:hexBinary',
};

/** The TypeScript type of each runtime primitive. */
const PRIMITIVE_TS: Readonly<Record<string, string>> = {
  'xs:anyType': 'XmlFragment',
  'xs:string': 'string',
  'xs:boolean': 'boolean',
  'xs:byte': 'number',
  'xs:short': 'number',
  'xs:int': 'number',
  'xs:unsignedByte': 'number',
  'xs:unsignedShort': 'number',
  'xs:unsignedInt': 'number',
  'xs:long': 'bigint',
  'xs:unsignedLong': 'bigint',
  'xs:integer': 'bigint',
  'xs:nonNegativeInteger': 'bigint',
  'xs:positiveInteger': 'bigint',
  'xs:nonPositiveInteger': 'bigint',
  'xs:negativeInteger': 'bigint',
  'xs:decimal': 'string',
  'xs:float': 'number',
  'xs:double': 'number',
  'xs:dateTime': 'string',
  'xs:date': 'string',
  'xs:time': 'string',
  'xs:duration': 'string',
  'xs:base64Binary': 'Uint8Array',
  'xs:hexBinary': 'Uint8Array',
};

export class TypeMapper {
  private readonly byId: ReadonlyMap<string, TypeDef>;
  /** Complex type id -> the complex types that extend it directly. */
  private readonly derived = new Map<string, string[]>();

  constructor(
    model: Model,
    private readonly names: Names,
  ) {
    this.byId = new Map(model.types.map((t) => [t.id, t]));
    for (const t of model.types) {
      if (t.kind === 'complex' && t.base?.kind === 'type') this.derived.set(t.base.id, [...(this.derived.get(t.base.id) ?? []), t.id]);
    }
  }

  type(id: string): TypeDef {
    const t = this.byId.get(id);
    if (!t) throw new Error(`internal: no type ${id}`);
    return t;
  }

  tsName(id: string): string {
    const n = this.names.types[id];
    if (n === undefined) throw new Error(`internal: no name for type ${id}`);
    return n;
  }

  /** The runtime key of a type reference: a primitive name or the TypeScript name of a type. */
  runtimeKey(ref: TypeRef, at: SourceLocation): string {
    if (ref.kind === 'type') return this.tsName(ref.id);
    const primitive = PRIMITIVE[ref.name];
    if (primitive === undefined) {
      throw new GeneratorError('UNSUPPORTED', `xs:${ref.name} content cannot be typed; it is not supported`, at);
    }
    return primitive;
  }

  /**
   * The TypeScript type of a value of `ref` (without null or array wrapping). A complex type
   * other types derive from stands for a union: the type itself (unless abstract) and each
   * concrete descendant with its `$type` set, so a derived value can be given where the base is
   * declared, and is written with xsi:type.
   */
  tsType(ref: TypeRef, at: SourceLocation): string {
    if (ref.kind === 'type') return this.derived.has(ref.id) ? this.polymorphic(ref.id) : this.tsName(ref.id);
    return PRIMITIVE_TS[this.runtimeKey(ref, at)]!;
  }

  private polymorphic(id: string): string {
    const descendants: string[] = [];
    for (const queue = [...(this.derived.get(id) ?? [])]; queue.length > 0; ) {
      const d = queue.shift()!;
      if (descendants.includes(d)) continue;
      descendants.push(d);
      queue.push(...(this.derived.get(d) ?? []));
    }
    const concrete = (t: string) => !(this.type(t) as ComplexType).abstract;
    const members = [
      ...(concrete(id) ? [this.tsName(id)] : []),
      ...descendants
        .filter(concrete)
        .map((d) => this.tsName(d))
        .sort()
        .map((n) => `(${n} & { $type: '${n}' })`),
    ];
    return members.length > 0 ? members.join(' | ') : this.tsName(id);
  }

  /** The TypeScript type of a field's property: arrays for repeated elements, `| null` when nillable. */
  fieldType(field: ElementField): string {
    const single = this.tsType(field.type, field.location);
    const item = field.nillable ? `${single} | null` : single;
    if (field.maxOccurs === 'unbounded' || field.maxOccurs > 1) return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
    return item;
  }
}

/** True for the anonymous KeyValuePair entry types of WCF dictionaries: they are not emitted. */
export function dictionaryEntryIds(model: Model): Set<string> {
  const ids = new Set<string>();
  for (const t of model.types) {
    if (t.kind === 'complex' && t.convention?.kind === 'dictionary') {
      const entry = t.fields[0];
      if (entry?.kind === 'element' && entry.type.kind === 'type') ids.add(entry.type.id);
    }
  }
  return ids;
}

/** Every element of a content model, choice branches included, in document order. */
export function elementsOf(particles: readonly Particle[]): ElementField[] {
  return particles.flatMap((p) => (p.kind === 'element' ? [p] : p.kind === 'choice' ? p.branches.flatMap(elementsOf) : []));
}

/** Every xs:any of a content model, choice branches included, in document order. */
function anysOf(particles: readonly Particle[]): AnyField[] {
  return particles.flatMap((p) => (p.kind === 'any' ? [p] : p.kind === 'choice' ? p.branches.flatMap(anysOf) : []));
}

/** The property names of a complex type's members that are not elements (see the README's type mapping). */
export interface ContentProperties {
  /** Each xs:any's property: `$any`, then `$any2`, ... (numbered across the type and its bases). */
  readonly any: ReadonlyMap<AnyField, string>;
  /**
   * Each attribute's property: its local name, or `@name` where that is taken by an element,
   * another attribute or a `$` member of the type or its bases.
   */
  readonly attributes: ReadonlyMap<AttributeField, string>;
}

/** Property names for a complex type's xs:any particles and attributes, given its base chain. */
export function contentProperties(t: ComplexType, map: TypeMapper): ContentProperties {
  const chain: ComplexType[] = [];
  for (let c: TypeDef | undefined = t; c?.kind === 'complex'; c = c.base?.kind === 'type' ? map.type(c.base.id) : undefined) chain.unshift(c);
  const taken = new Set<string>(['$type', '$value']);
  for (const c of chain) for (const e of elementsOf(c.fields)) taken.add(e.name);
  const any = new Map<AnyField, string>();
  const attributes = new Map<AttributeField, string>();
  let anyCount = 0;
  for (const c of chain) {
    for (const a of anysOf(c.fields)) {
      anyCount++;
      const name = anyCount === 1 ? '$any' : `$any${anyCount}`;
      any.set(a, name);
      taken.add(name);
    }
    const local = new Map<string, number>();
    for (const a of c.attributes) local.set(a.name, (local.get(a.name) ?? 0) + 1);
    for (const a of c.attributes) {
      if (a.use === 'prohibited') continue;
      const name = taken.has(a.name) || (local.get(a.name) ?? 0) > 1 ? `@${a.name}` : a.name;
      attributes.set(a, name);
      taken.add(name);
    }
  }
  return { any, attributes };
}

/** True when some type of the model holds raw XML (xs:any, an element of type xs:anyType, or mixed content). */
export function usesXmlFragment(model: Model): boolean {
  const isAnyType = (r: TypeRef | undefined) => r?.kind === 'builtin' && r.name === 'anyType';
  const inParticles = (ps: readonly Particle[]): boolean =>
    ps.some((p) => p.kind === 'any' || (p.kind === 'element' && isAnyType(p.type)) || (p.kind === 'choice' && p.branches.some(inParticles)));
  // Global elements count where a message uses them (as a body or a header).
  const used = new Set(
    model.bindings.flatMap((b) => b.operations).flatMap((op) =>
      [op.input, ...(op.output ? [op.output] : [])].flatMap((m) => [
        ...(m.content.kind === 'element' ? [m.content.element] : []),
        ...m.headers.map((h) => h.element),
      ]).map((q) => qnameKey(q)),
    ),
  );
  return (
    model.types.some((t) => t.kind === 'complex' && (inParticles(t.fields) || isAnyType(t.text))) ||
    model.elements.some((e) => isAnyType(e.type) && used.has(qnameKey(e.name)))
  );
}
