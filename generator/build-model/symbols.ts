/**
 * The symbol table the model is built over, passed as plain data to every pass: the raw
 * contract, one lookup map per symbol space (filled by indexSchemas and indexWsdls, read-only
 * afterwards), and what the passes build (the types defined so far and the work list of those
 * still to define). Also the lookups and the lenient repairs every pass shares.
 */
import { GeneratorError } from '../errors.ts';
import type { Leniency } from '../lenient.ts';
import { SOAP_ENCODING_NS, WSDL_NS } from '../parse/namespaces.ts';
import { XSD_NS, qnameKey, type ElementDecl, type QName, type SourceLocation, type TypeDef, type TypeRef } from '../model.ts';
import type {
  RawAttribute,
  RawAttributeGroupDef,
  RawBinding,
  RawComplexType,
  RawContract,
  RawElement,
  RawGroupDef,
  RawMessage,
  RawPortType,
  RawSchema,
  RawSimpleType,
} from '../parse/raw.ts';

/** Namespaces an xs:import may name without a schemaLocation: their types are not declared by schemas we load. */
const WELL_KNOWN_IMPORTS = new Set([XSD_NS, SOAP_ENCODING_NS, WSDL_NS]);

/** A global declaration and the schema it is declared in. */
export interface Declared<T> {
  readonly raw: T;
  readonly schema: RawSchema;
}

/** A type referenced (or declared) but not defined yet. */
export interface PendingType {
  readonly id: string;
  readonly raw: RawComplexType | RawSimpleType;
  readonly schema: RawSchema;
  readonly name: QName;
  readonly path: readonly string[] | undefined;
  /** Documentation of the element holding an anonymous type, used when the type has none. */
  readonly documentation: string | undefined;
}

/** How a complex type with simple content and a complex base derives from that base. */
export interface SimpleContentBase {
  readonly base: TypeRef;
  readonly derivation: 'extension' | 'restriction';
}

export interface SymbolTable {
  readonly raw: RawContract;
  /** Set when reading leniently: where repairs are reported. */
  readonly lenient: Leniency | undefined;

  // Schema symbol spaces, by qnameKey.
  readonly typeDecls: Map<string, Declared<RawComplexType | RawSimpleType>>;
  readonly elementDecls: Map<string, Declared<RawElement>>;
  readonly attributeDecls: Map<string, Declared<RawAttribute>>;
  readonly groupDecls: Map<string, Declared<RawGroupDef>>;
  readonly attributeGroupDecls: Map<string, Declared<RawAttributeGroupDef>>;
  // WSDL symbol spaces, by qnameKey.
  readonly messages: Map<string, RawMessage>;
  readonly portTypes: Map<string, RawPortType>;
  /** Every declared binding, SOAP or not. */
  readonly bindings: Map<string, RawBinding>;

  /** The types defined so far, by id. */
  readonly types: Map<string, TypeDef>;
  /** Ids of every type queued so far (defined or still pending). */
  readonly queued: Set<string>;
  readonly pending: PendingType[];
  /** The raw declaration of each complex type, for recognising conventions once all types exist. */
  readonly rawComplex: Map<string, RawComplexType>;
  /** Complex types with simple content whose value type (and restricted attributes) come from a complex base. */
  readonly simpleContentBases: Map<string, SimpleContentBase>;
  /** Lenient reading: elements made up for parts whose element is not declared (typed as raw XML). */
  readonly madeUpElements: Map<string, ElementDecl>;
}

export function symbolTable(raw: RawContract, lenient: Leniency | undefined): SymbolTable {
  return {
    raw,
    lenient,
    typeDecls: new Map(),
    elementDecls: new Map(),
    attributeDecls: new Map(),
    groupDecls: new Map(),
    attributeGroupDecls: new Map(),
    messages: new Map(),
    portTypes: new Map(),
    bindings: new Map(),
    types: new Map(),
    queued: new Set(),
    pending: [],
    rawComplex: new Map(),
    simpleContentBases: new Map(),
    madeUpElements: new Map(),
  };
}

/** Strict: throws `error`. Lenient: reports it, with what is done instead, and goes on. */
export function repair(table: SymbolTable, error: GeneratorError, instead: string): void {
  if (!table.lenient) throw error;
  table.lenient.warn(`${error.message}; ${instead}`, error.location);
}

export function indexSchemas(table: SymbolTable): void {
  for (const schema of table.raw.schemas) {
    const add = <T extends { name?: string; location: SourceLocation }>(map: Map<string, Declared<T>>, items: readonly T[], what: string) => {
      for (const item of items) {
        const key = qnameKey({ namespace: schema.targetNamespace, name: item.name! });
        const previous = map.get(key);
        if (previous) {
          const at = previous.raw.location;
          repair(table, 
            new GeneratorError('DUPLICATE_DECLARATION', `${what} ${key} is declared twice (first at ${at.file}:${at.line}:${at.column})`, item.location),
            'the first declaration is used',
          );
          continue;
        }
        map.set(key, { raw: item, schema });
      }
    };
    add(table.typeDecls, [...schema.complexTypes, ...schema.simpleTypes], 'type');
    add(table.elementDecls, schema.elements, 'element');
    add(table.attributeDecls, schema.attributes, 'attribute');
    add(table.groupDecls, schema.groups, 'group');
    add(table.attributeGroupDecls, schema.attributeGroups, 'attribute group');
  }
}

/** An xs:import without schemaLocation must name a namespace some loaded schema declares. */
export function checkImports(table: SymbolTable): void {
  const namespaces = new Set(table.raw.schemas.map((s) => s.targetNamespace));
  for (const schema of table.raw.schemas) {
    for (const imp of schema.imports) {
      if (imp.schemaLocation === undefined && !WELL_KNOWN_IMPORTS.has(imp.namespace) && !namespaces.has(imp.namespace)) {
        repair(table, 
          new GeneratorError(
            'UNRESOLVED_REFERENCE',
            `xs:import of namespace "${imp.namespace}" has no schemaLocation and no loaded schema has that target namespace`,
            imp.location,
          ),
          'the import is ignored',
        );
      }
    }
  }
}

/** Fills the WSDL symbol spaces (a later declaration of a name replaces an earlier one). */
export function indexWsdls(table: SymbolTable): void {
  for (const w of table.raw.wsdls) {
    for (const m of w.messages) table.messages.set(qnameKey(m.name), m);
    for (const p of w.portTypes) table.portTypes.set(qnameKey(p.name), p);
    for (const b of w.bindings) table.bindings.set(qnameKey(b.name), b);
  }
}

/**
 * Lenient only: the one declaration of `map` with the local name of `q`, reported, where the
 * QName itself names none (a wrong or undeclared prefix, an unqualified name).
 */
export function byLocalName<V>(table: SymbolTable, map: ReadonlyMap<string, V>, q: QName, what: string, at: SourceLocation): V | undefined {
  if (!table.lenient) return undefined;
  const suffix = `}${q.name}`;
  const matches = [...map.entries()].filter(([k]) => k.endsWith(suffix));
  if (matches.length !== 1) return undefined;
  const [key, found] = matches[0]!;
  table.lenient.warn(`${what} {${q.namespace}}${q.name} is not declared; ${key}, the only ${what} of that name, is used`, at);
  return found;
}

export function unresolved(what: string, q: QName, referrer: string, at: SourceLocation): GeneratorError {
  return new GeneratorError('UNRESOLVED_REFERENCE', `${what} {${q.namespace}}${q.name} (referenced by ${referrer}) is not declared`, at);
}

export function required<T>(value: T | undefined, message: string, at: SourceLocation): T {
  if (value === undefined) throw new GeneratorError('INVALID_CONTRACT', message, at);
  return value;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
