/**
 * How model types become TypeScript types and runtime type keys. Pure functions of the IR and
 * the names; documented, row by row, in the README's mapping table.
 */
import { GeneratorError } from '../errors.ts';
import type { BuiltinName, ElementField, Model, SourceLocation, TypeDef, TypeRef } from '../model.ts';
import type { Names } from '../names.ts';

/** The runtime primitive (templates/runtime/schema.ts PrimitiveName) each XSD built-in is read and written as. */
const PRIMITIVE: Readonly<Record<BuiltinName, string | undefined>> = {
  anyType: undefined,
  anySimpleType: undefined,
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

  constructor(
    model: Model,
    private readonly names: Names,
  ) {
    this.byId = new Map(model.types.map((t) => [t.id, t]));
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

  /** The TypeScript type of a value of `ref` (without null or array wrapping). */
  tsType(ref: TypeRef, at: SourceLocation): string {
    if (ref.kind === 'type') return this.tsName(ref.id);
    return PRIMITIVE_TS[this.runtimeKey(ref, at)]!;
  }

  /** The TypeScript type of a field's property: arrays for repeated elements, `| null` when nillable. */
  fieldType(field: ElementField): string {
    const single = this.tsType(field.type, field.location);
    const item = field.nillable ? `${single} | null` : single;
    if (field.maxOccurs === 'unbounded' || field.maxOccurs > 1) return field.nillable ? `(${item})[]` : `${item}[]`;
    return item;
  }
}

/** True for the anonymous KeyValuePair entry types of WCF dictionaries: they are not emitted. */
export function dictionaryEntryIds(model: Model): Set<string> {
  const ids = new Set<string>();
  for (const t of model.types) {
    if (t.kind === 'complex' && t.convention?.kind === 'dictionary') {
      const entry = t.fields[0];
      if (entry?.type.kind === 'type') ids.add(entry.type.id);
    }
  }
  return ids;
}
