/**
 * Where a reference becomes a TypeRef: a type QName resolved through the symbol table, or an
 * anonymous type given its id. Either way the type is queued to be defined later (define-types.ts),
 * so nothing recurses along references: a chain of ten thousand types costs a loop, not a stack.
 */
import { BUILTIN_TYPES, XSD_NS, qnameKey, type BuiltinName, type ElementField, type QName, type SourceLocation, type TypeRef } from '../model.ts';
import { SOAP_ENCODING_NS } from '../parse/namespaces.ts';
import type { RawAttribute, RawComplexType, RawElement, RawSchema, RawSimpleType } from '../parse/raw.ts';
import { byLocalName, repair, unresolved, type SymbolTable } from './symbols.ts';

const BUILTINS = new Set<string>(BUILTIN_TYPES);

/**
 * Where a type name is used, for lenient repairs: an element's or a part's value (raw XML when
 * unresolved), a complex type's base (raw XML: no base), or a simple value (a string).
 */
export type TypeUse = 'value' | 'base' | 'simple';

/**
 * The reference to a named or anonymous type, queueing its definition the first time.
 * `path` is the chain of enclosing names for anonymous types (undefined for named ones); it
 * makes the id unique. Recursive types are fine: the IR refers to types by id.
 */
export function defineType(
  table: SymbolTable,
  t: RawComplexType | RawSimpleType,
  schema: RawSchema,
  name: QName,
  path: readonly string[] | undefined,
  documentation?: string,
): TypeRef {
  const id = path ? `{${schema.targetNamespace}}${path.join('/')}` : qnameKey(name);
  if (!table.queued.has(id)) {
    table.queued.add(id);
    table.pending.push({ id, raw: t, schema, name, path, documentation });
  }
  return { kind: 'type', id };
}

/**
 * The one place a type QName becomes a TypeRef. Lenient: a name that resolves to nothing is
 * looked up by its local name (a declared type), for a value as a global element's name (that
 * element's anonymous type), as an XSD built-in, else it is xs:anyType (raw XML), or a string
 * where `use` needs a simple value.
 */
export function resolveType(table: SymbolTable, q: QName, referrer: string, at: SourceLocation, use: TypeUse = 'value'): TypeRef {
  const fallback: BuiltinName = use === 'simple' ? 'string' : 'anyType';
  if (q.namespace === XSD_NS && BUILTINS.has(q.name)) return { kind: 'builtin', name: q.name as BuiltinName };
  const encoded = q.namespace === SOAP_ENCODING_NS ? soapEncodingType(table, q.name, at) : undefined;
  if (encoded) return encoded;
  const declared = table.typeDecls.get(qnameKey(q)) ?? byLocalName(table, table.typeDecls, q, 'type', at);
  if (declared) return defineType(table, declared.raw, declared.schema, { namespace: declared.schema.targetNamespace, name: declared.raw.name! }, undefined);
  const error = unresolved('type', q, referrer, at);
  // A common mistake: type="tns:Foo" where Foo is a global element with an anonymous type.
  // (Only an anonymous one: following the element's own type attribute could go round in circles.)
  // Only for an element's or a part's value: a base or a simple type must be a type.
  const element = table.lenient && use === 'value' ? table.elementDecls.get(qnameKey(q)) : undefined;
  if (table.lenient && element?.raw.inlineType) {
    table.lenient.warn(`${error.message}; the anonymous type of element {${q.namespace}}${q.name} is used`, at);
    return elementType(table, element.raw, element.schema, [`element:${q.name}`]);
  }
  if (table.lenient && BUILTINS.has(q.name)) {
    table.lenient.warn(`${error.message}; the XSD built-in xs:${q.name} is used`, at);
    return { kind: 'builtin', name: q.name as BuiltinName };
  }
  repair(table, error, use === 'value' ? 'it is typed as raw XML' : use === 'base' ? 'the type has no base' : 'it is typed as a string');
  return { kind: 'builtin', name: fallback };
}

/**
 * The types of the SOAP 1.1 encoding schema (section 5): its simple types (`soapenc:string`,
 * `soapenc:int`, ... each an XSD built-in that may also carry `id` and `href`, which the runtime
 * reads; `soapenc:base64` is xs:base64Binary) are those built-ins; `soapenc:Array` used as a
 * type itself is an array whose items are raw XML. Others (`soapenc:Struct`) are not mapped.
 */
function soapEncodingType(table: SymbolTable, name: string, at: SourceLocation): TypeRef | undefined {
  if (BUILTINS.has(name) && name !== 'anyType') return { kind: 'builtin', name: name as BuiltinName };
  if (name === 'base64') return { kind: 'builtin', name: 'base64Binary' };
  if (name !== 'Array') return undefined;
  const id = qnameKey({ namespace: SOAP_ENCODING_NS, name });
  if (!table.types.has(id)) {
    table.types.set(id, {
      kind: 'complex',
      id,
      name: { namespace: SOAP_ENCODING_NS, name },
      origin: { kind: 'named' },
      abstract: false,
      mixed: false,
      fields: [],
      attributes: [],
      location: at,
      convention: { kind: 'array', soapEncoded: true, item: soapArrayItem('item', { kind: 'builtin', name: 'anyType' }, at) },
    });
  }
  return { kind: 'type', id };
}

/** The item element of a SOAP-encoded array: written as `name`, read under any name (see WcfConvention). */
export function soapArrayItem(name: string, type: TypeRef, at: SourceLocation): ElementField {
  return { kind: 'element', name, namespace: '', type, minOccurs: 0, maxOccurs: 'unbounded', nillable: false, location: at };
}

export function elementType(table: SymbolTable, e: RawElement, schema: RawSchema, path: readonly string[]): TypeRef {
  if (e.inlineType) return defineType(table, e.inlineType, schema, { namespace: schema.targetNamespace, name: e.name! }, path, e.documentation);
  if (e.type) return resolveType(table, e.type, `element ${e.name ?? '?'}`, e.location);
  return { kind: 'builtin', name: 'anyType' }; // XSD: an element with no type is xs:anyType
}

export function simpleTypeOf(table: SymbolTable, a: RawAttribute, schema: RawSchema, path: readonly string[]): TypeRef {
  if (a.inlineType) return defineType(table, a.inlineType, schema, { namespace: schema.targetNamespace, name: a.name ?? '' }, path);
  if (a.type) return resolveType(table, a.type, `attribute ${a.name ?? '?'}`, a.location, 'simple');
  return { kind: 'builtin', name: 'anySimpleType' };
}
