import path from 'node:path';
import { compact } from './compact.ts';
import { GeneratorError } from './errors.ts';
import { GENERATOR_LIMITS } from './limits.ts';
import {
  BUILTIN_TYPES,
  WCF_SERIALIZATION_NS,
  XSD_NS,
  qnameKey,
  type AttributeDecl,
  type AttributeField,
  type Binding,
  type BuiltinName,
  type ComplexType,
  type ElementDecl,
  type ElementField,
  type FaultUse,
  type HeaderPart,
  type MessagePart,
  type MessageUse,
  type Model,
  type Operation,
  type QName,
  type Service,
  type SourceLocation,
  type TypeDef,
  type TypeRef,
  type WcfConvention,
} from './model.ts';
import type {
  RawAttribute,
  RawBindingMessage,
  RawComplexType,
  RawContract,
  RawElement,
  RawMessage,
  RawPortType,
  RawPortTypeMessage,
  RawSchema,
  RawSimpleType,
} from './parse/raw.ts';

const BUILTINS = new Set<string>(BUILTIN_TYPES);

/**
 * Builds the IR from raw records: resolves every QName through one map per symbol space,
 * gives anonymous types ids, recognises the WCF conventions and assembles bindings and
 * operations. Throws a located GeneratorError for the first reference it cannot resolve.
 *
 * Nothing here recurses along references: a type reference is recorded and the type is defined
 * later from a work list, so a chain of ten thousand types costs a loop, not a stack.
 */
export function buildModel(raw: RawContract, source: string): Model {
  return new ModelBuilder(raw).build(source);
}

interface Declared<T> {
  readonly raw: T;
  readonly schema: RawSchema;
}

/** A type referenced (or declared) but not defined yet. */
interface PendingType {
  readonly id: string;
  readonly raw: RawComplexType | RawSimpleType;
  readonly schema: RawSchema;
  readonly name: QName;
  readonly path: readonly string[] | undefined;
}

class ModelBuilder {
  private readonly typeDecls = new Map<string, Declared<RawComplexType | RawSimpleType>>();
  private readonly elementDecls = new Map<string, Declared<RawElement>>();
  private readonly attributeDecls = new Map<string, Declared<RawAttribute>>();
  private readonly types = new Map<string, TypeDef>();
  /** Ids of every type queued so far (defined or still pending). */
  private readonly queued = new Set<string>();
  private readonly pending: PendingType[] = [];
  /** The raw declaration of each complex type, for recognising conventions once all types exist. */
  private readonly rawComplex = new Map<string, RawComplexType>();
  private readonly messages = new Map<string, RawMessage>();
  private readonly portTypes = new Map<string, RawPortType>();

  constructor(private readonly raw: RawContract) {}

  build(source: string): Model {
    this.indexSchemas();
    this.checkImports();
    const elements: ElementDecl[] = [];
    const attributes: AttributeDecl[] = [];
    for (const schema of this.raw.schemas) {
      for (const t of [...schema.complexTypes, ...schema.simpleTypes]) {
        this.defineType(t, schema, { namespace: schema.targetNamespace, name: t.name! }, undefined);
      }
      for (const e of schema.elements) elements.push(this.globalElement(e, schema));
      for (const a of schema.attributes) {
        const name = { namespace: schema.targetNamespace, name: a.name! };
        attributes.push({ kind: 'attributeDecl', name, type: this.simpleTypeOf(a, schema, [a.name!]), location: a.location });
      }
    }
    this.definePending();
    this.addConventions();
    for (const t of this.types.values()) this.checkDerivation(t);

    const wsdl = this.raw.wsdls[0];
    if (!wsdl) {
      throw new GeneratorError('NOT_A_CONTRACT', `${source} holds no wsdl:definitions`, this.raw.schemas[0]?.location);
    }
    for (const w of this.raw.wsdls) {
      for (const m of w.messages) this.messages.set(qnameKey(m.name), m);
      for (const p of w.portTypes) this.portTypes.set(qnameKey(p.name), p);
    }
    const bindings = this.buildBindings();
    const bound = new Set(bindings.map((b) => qnameKey(b.name)));
    const services: Service[] = this.raw.wsdls.flatMap((w) =>
      w.services.map((s) =>
        compact({
          kind: 'service' as const,
          name: s.name,
          ports: s.ports
            .filter((p) => {
              if (bound.has(qnameKey(p.binding))) return true;
              if (this.raw.wsdls.some((x) => x.bindings.some((b) => qnameKey(b.name) === qnameKey(p.binding)))) return false;
              throw unresolved('binding', p.binding, `wsdl:port ${p.name}`, p.location);
            })
            .map((p) => ({ kind: 'port' as const, name: p.name, binding: p.binding, address: p.address ?? '', location: p.location })),
          documentation: s.documentation,
          location: s.location,
        }),
      ),
    );

    this.definePending(); // nothing new in practice: message parts name types the schemas declared
    return compact({
      kind: 'model' as const,
      source,
      name: wsdl.name ?? services[0]?.name.name ?? path.basename(source).replace(/\.[^.]*$/, ''),
      targetNamespace: wsdl.targetNamespace,
      documentation: wsdl.documentation,
      services,
      bindings,
      types: [...this.types.values()].sort((a, b) => compare(a.id, b.id)),
      elements: elements.sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name))),
      attributes: attributes.sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name))),
    });
  }

  // ---------------------------------------------------------------------------------------
  // Schemas

  private indexSchemas(): void {
    for (const schema of this.raw.schemas) {
      const add = <T extends { name?: string; location: SourceLocation }>(map: Map<string, Declared<T>>, items: readonly T[], what: string) => {
        for (const item of items) {
          const key = qnameKey({ namespace: schema.targetNamespace, name: item.name! });
          const previous = map.get(key);
          if (previous) {
            const at = previous.raw.location;
            throw new GeneratorError(
              'DUPLICATE_DECLARATION',
              `${what} ${key} is declared twice (first at ${at.file}:${at.line}:${at.column})`,
              item.location,
            );
          }
          map.set(key, { raw: item, schema });
        }
      };
      add(this.typeDecls, [...schema.complexTypes, ...schema.simpleTypes], 'type');
      add(this.elementDecls, schema.elements, 'element');
      add(this.attributeDecls, schema.attributes, 'attribute');
    }
  }

  /** An xs:import without schemaLocation must name a namespace some loaded schema declares. */
  private checkImports(): void {
    const namespaces = new Set(this.raw.schemas.map((s) => s.targetNamespace));
    for (const schema of this.raw.schemas) {
      for (const imp of schema.imports) {
        if (imp.schemaLocation === undefined && imp.namespace !== XSD_NS && !namespaces.has(imp.namespace)) {
          throw new GeneratorError(
            'UNRESOLVED_REFERENCE',
            `xs:import of namespace "${imp.namespace}" has no schemaLocation and no loaded schema has that target namespace`,
            imp.location,
          );
        }
      }
    }
  }

  private globalElement(e: RawElement, schema: RawSchema): ElementDecl {
    const name = { namespace: schema.targetNamespace, name: e.name! };
    return {
      kind: 'elementDecl',
      name,
      type: this.elementType(e, schema, [`element:${e.name!}`]),
      nillable: e.nillable,
      location: e.location,
    };
  }

  /**
   * The reference to a named or anonymous type, queueing its definition the first time.
   * `path` is the chain of enclosing names for anonymous types (undefined for named ones); it
   * makes the id unique. Recursive types are fine: the IR refers to types by id.
   */
  private defineType(t: RawComplexType | RawSimpleType, schema: RawSchema, name: QName, path: readonly string[] | undefined): TypeRef {
    const id = path ? `{${schema.targetNamespace}}${path.join('/')}` : qnameKey(name);
    if (!this.queued.has(id)) {
      this.queued.add(id);
      this.pending.push({ id, raw: t, schema, name, path });
    }
    return { kind: 'type', id };
  }

  /** Defines queued types until none is left (defining one may queue more). */
  private definePending(): void {
    for (let i = 0; i < this.pending.length; i++) this.define(this.pending[i]!);
    this.pending.length = 0;
  }

  private define({ id, raw: t, schema, name, path }: PendingType): void {
    const common = compact({
      id,
      name,
      origin: path ? { kind: 'anonymous' as const, path: [...path] } : { kind: 'named' as const },
      documentation: t.documentation,
      location: t.location,
    });
    const own = path ?? [name.name];
    if (t.kind === 'complexType') {
      const fields = t.sequence.map((e) => this.field(e, schema, own));
      const attributes = t.attributes.map((a) => this.attributeField(a, schema, own));
      const base = t.base ? this.resolveType(t.base, `the base of complex type ${name.name}`, t.location) : undefined;
      const type: ComplexType = compact({
        ...common,
        kind: 'complex' as const,
        base,
        abstract: t.abstract,
        mixed: t.mixed,
        fields,
        attributes,
      });
      this.types.set(id, type);
      this.rawComplex.set(id, t);
      return;
    }
    this.types.set(id, this.simpleType(t, schema, common, own));
  }

  /** Adds the WCF convention to each complex type that follows one (all types are defined by now). */
  private addConventions(): void {
    for (const [id, raw] of this.rawComplex) {
      const type = this.types.get(id) as ComplexType;
      const convention = this.convention(raw, type.name, type.fields, type.attributes);
      if (convention) this.types.set(id, { ...type, convention });
    }
  }

  private simpleType(
    t: RawSimpleType,
    schema: RawSchema,
    common: Pick<ComplexType, 'id' | 'name' | 'origin' | 'location'> & { documentation?: string },
    own: readonly string[],
  ): TypeDef {
    const what = `simple type ${common.name.name}`;
    if (t.variety === 'list') {
      const itemRaw = t.inlineItem;
      if (itemRaw && itemRaw.variety === 'restriction' && itemRaw.enumerations.length > 0) {
        return { ...common, kind: 'flags', values: itemRaw.enumerations };
      }
      const item = itemRaw
        ? this.defineType(itemRaw, schema, common.name, [...own, 'item'])
        : this.resolveType(required(t.itemType, `${what} has an xs:list without itemType`, t.location), `the item type of ${what}`, t.location);
      // A list of a named enumeration is a [Flags] enum too (the enumeration may not be defined yet).
      const itemDecl = !itemRaw && t.itemType ? this.typeDecls.get(qnameKey(t.itemType))?.raw : undefined;
      if (itemDecl?.kind === 'simpleType' && itemDecl.variety === 'restriction' && itemDecl.enumerations.length > 0) {
        return { ...common, kind: 'flags', values: itemDecl.enumerations };
      }
      return { ...common, kind: 'list', item };
    }
    const base = t.inlineBase
      ? this.defineType(t.inlineBase, schema, common.name, [...own, 'base'])
      : this.resolveType(required(t.base, `${what} has an xs:restriction without base`, t.location), `the base of ${what}`, t.location);
    if (t.enumerations.length > 0) {
      return compact({ ...common, kind: 'enum' as const, base, values: t.enumerations, actualType: t.actualType });
    }
    const wellKnown =
      common.name.namespace === WCF_SERIALIZATION_NS && common.origin.kind === 'named' && ['guid', 'char', 'duration'].includes(common.name.name)
        ? (common.name.name as 'guid' | 'char' | 'duration')
        : undefined;
    return compact({ ...common, kind: 'restriction' as const, base, facets: t.facets, wellKnown });
  }

  private field(e: RawElement, schema: RawSchema, parent: readonly string[]): ElementField {
    if (e.ref) {
      const target = this.elementDecls.get(qnameKey(e.ref));
      if (!target) throw unresolved('element', e.ref, `an element reference in ${parent.join('/')}`, e.location);
      return compact({
        kind: 'element' as const,
        name: e.ref.name,
        namespace: e.ref.namespace,
        type: this.elementType(target.raw, target.schema, [`element:${e.ref.name}`]),
        minOccurs: e.minOccurs,
        maxOccurs: e.maxOccurs,
        nillable: target.raw.nillable,
        documentation: e.documentation ?? target.raw.documentation,
        location: e.location,
      });
    }
    const name = e.name!;
    const qualified = e.form ? e.form === 'qualified' : schema.elementFormQualified;
    return compact({
      kind: 'element' as const,
      name,
      namespace: qualified ? schema.targetNamespace : '',
      type: this.elementType(e, schema, [...parent, name]),
      minOccurs: e.minOccurs,
      maxOccurs: e.maxOccurs,
      nillable: e.nillable,
      documentation: e.documentation,
      location: e.location,
    });
  }

  private elementType(e: RawElement, schema: RawSchema, path: readonly string[]): TypeRef {
    if (e.inlineType) return this.defineType(e.inlineType, schema, { namespace: schema.targetNamespace, name: e.name! }, path);
    if (e.type) return this.resolveType(e.type, `element ${e.name ?? '?'}`, e.location);
    return { kind: 'builtin', name: 'anyType' }; // XSD: an element with no type is xs:anyType
  }

  private attributeField(a: RawAttribute, schema: RawSchema, parent: readonly string[]): AttributeField {
    if (a.ref) {
      const target = this.attributeDecls.get(qnameKey(a.ref));
      if (!target) throw unresolved('attribute', a.ref, `an attribute reference in ${parent.join('/')}`, a.location);
      return compact({
        kind: 'attribute' as const,
        name: a.ref.name,
        namespace: a.ref.namespace,
        type: this.simpleTypeOf(target.raw, target.schema, [`attribute:${a.ref.name}`]),
        use: a.use,
        default: a.default ?? target.raw.default,
        fixed: a.fixed ?? target.raw.fixed,
        location: a.location,
      });
    }
    const qualified = a.form ? a.form === 'qualified' : schema.attributeFormQualified;
    return compact({
      kind: 'attribute' as const,
      name: a.name!,
      namespace: qualified ? schema.targetNamespace : '',
      type: this.simpleTypeOf(a, schema, [...parent, `@${a.name!}`]),
      use: a.use,
      default: a.default,
      fixed: a.fixed,
      location: a.location,
    });
  }

  private simpleTypeOf(a: RawAttribute, schema: RawSchema, path: readonly string[]): TypeRef {
    if (a.inlineType) return this.defineType(a.inlineType, schema, { namespace: schema.targetNamespace, name: a.name ?? '' }, path);
    if (a.type) return this.resolveType(a.type, `attribute ${a.name ?? '?'}`, a.location);
    return { kind: 'builtin', name: 'anySimpleType' };
  }

  /** The one place a type QName becomes a TypeRef. */
  private resolveType(q: QName, referrer: string, at: SourceLocation): TypeRef {
    if (q.namespace === XSD_NS && BUILTINS.has(q.name)) return { kind: 'builtin', name: q.name as BuiltinName };
    const declared = this.typeDecls.get(qnameKey(q));
    if (!declared) throw unresolved('type', q, referrer, at);
    return this.defineType(declared.raw, declared.schema, q, undefined);
  }

  private convention(
    t: RawComplexType,
    name: QName,
    fields: readonly ElementField[],
    attributes: readonly AttributeField[],
  ): WcfConvention | undefined {
    const only = fields.length === 1 && !t.base && attributes.length === 0 ? fields[0] : undefined;
    if (!only || only.maxOccurs === 1) return undefined;
    if (t.isDictionary && only.type.kind === 'type') {
      const entry = this.types.get(only.type.id);
      if (entry?.kind === 'complex' && entry.fields.length === 2 && !entry.base) {
        const [key, value] = entry.fields as [ElementField, ElementField];
        if (key.name === 'Key' && value.name === 'Value') {
          return { kind: 'dictionary', entry: { name: only.name, namespace: only.namespace }, key, value };
        }
      }
    }
    if (name.name.startsWith('ArrayOf')) return { kind: 'array', item: only };
    return undefined;
  }

  /**
   * Follows a type's chain of bases (extension, restriction, list item) to the first built-in:
   * a cycle is CIRCULAR_DERIVATION, a chain longer than GENERATOR_LIMITS.maxDerivationDepth is
   * LIMIT_EXCEEDED (so every later stage may walk chains freely), and a complex type extending
   * a simple one is xs:simpleContent, which is not supported.
   */
  private checkDerivation(t: TypeDef): void {
    const max = GENERATOR_LIMITS.maxDerivationDepth;
    const seen = new Set<string>([t.id]);
    const chain: string[] = [t.name.name];
    let current: TypeDef | undefined = t;
    for (let next = baseOf(t); next?.kind === 'type'; next = current ? baseOf(current) : undefined) {
      const baseId: string = next.id;
      const from: TypeDef = current!;
      current = this.types.get(baseId);
      chain.push(current?.name.name ?? baseId);
      if (seen.has(baseId)) {
        const kind = t.kind === 'complex' ? 'complex type' : 'simple type';
        const verb = t.kind === 'complex' ? ' extends ' : ' derives from ';
        throw new GeneratorError('CIRCULAR_DERIVATION', `${kind} ${t.name.name} derives from itself (${chain.join(verb)})`, t.location);
      }
      seen.add(baseId);
      if (seen.size > max + 1) {
        throw new GeneratorError(
          'LIMIT_EXCEEDED',
          `type ${t.name.name} has a chain of more than ${max} base types (${chain.slice(0, 3).join(', ')}, ...)`,
          t.location,
        );
      }
      if (from.kind === 'complex' && current && current.kind !== 'complex') {
        throw new GeneratorError(
          'UNSUPPORTED',
          `complex type ${t.name.name} extends simple type ${current.name.name} (xs:simpleContent) is not supported`,
          t.location,
        );
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // WSDL

  private buildBindings(): Binding[] {
    const bindings: Binding[] = [];
    const ignored: string[] = [];
    for (const w of this.raw.wsdls) {
      for (const b of w.bindings) {
        if (!b.soap) {
          ignored.push(`${b.name.name} (${b.otherExtension ?? 'no binding extension'})`);
          continue;
        }
        const portType = this.portTypes.get(qnameKey(b.type));
        if (!portType) throw unresolved('portType', b.type, `wsdl:binding ${b.name.name}`, b.location);
        const style = b.soap.style ?? 'document';
        const operations = b.operations.map((op): Operation => {
          const abstract = portType.operations.find((o) => o.name === op.name);
          if (!abstract) {
            throw new GeneratorError(
              'UNRESOLVED_REFERENCE',
              `operation ${op.name} of binding ${b.name.name} is not in portType ${portType.name.name}`,
              op.location,
            );
          }
          if (!abstract.input) {
            throw new GeneratorError('UNSUPPORTED', `operation ${op.name} has no input (notification operations are not supported)`, abstract.location);
          }
          const output = abstract.output ? this.messageUse(abstract.output, op.output, `${op.name} output`) : undefined;
          return compact({
            kind: 'operation' as const,
            name: op.name,
            soapAction: op.soapAction ?? '',
            style: op.style ?? style,
            input: this.messageUse(abstract.input, op.input, `${op.name} input`),
            output,
            faults: abstract.faults.map((f): FaultUse => {
              const message = this.message(f.message, `fault ${f.name} of ${op.name}`, f.location);
              return { kind: 'fault', name: f.name, message: f.message, parts: message.parts.map((p) => this.part(p, message)) };
            }),
            documentation: abstract.documentation,
            location: op.location,
          });
        });
        bindings.push(
          compact({
            kind: 'binding' as const,
            name: b.name,
            portType: b.type,
            soapVersion: b.soap.version,
            style,
            transport: b.soap.transport,
            operations,
            documentation: b.documentation,
            location: b.location,
          }),
        );
      }
    }
    if (bindings.length === 0) {
      const root = this.raw.wsdls[0]!;
      const why = ignored.length > 0 ? `; ignored: ${ignored.join(', ')}` : '';
      throw new GeneratorError('INVALID_CONTRACT', `the contract has no SOAP 1.1 or SOAP 1.2 binding${why}`, root.location);
    }
    return bindings;
  }

  private messageUse(abstract: RawPortTypeMessage, bound: RawBindingMessage | undefined, what: string): MessageUse {
    const message = this.message(abstract.message, what, abstract.location);
    const wanted = bound?.body?.parts;
    const body = message.parts
      .filter((p) => wanted === undefined || wanted.includes(p.name))
      .map((p) => this.part(p, message));
    const headers = (bound?.headers ?? []).map((h): HeaderPart => {
      const headerMessage = this.message(h.message, `a soap:header of ${what}`, h.location);
      const part = headerMessage.parts.find((p) => p.name === h.part);
      if (!part) {
        throw new GeneratorError('UNRESOLVED_REFERENCE', `soap:header part "${h.part}" is not in message ${h.message.name}`, h.location);
      }
      if (!part.element) {
        throw new GeneratorError('UNSUPPORTED', `soap:header part "${h.part}" has no element (type-based headers are not supported)`, part.location);
      }
      this.requireElement(part.element, `part ${h.part} of message ${h.message.name}`, part.location);
      return { kind: 'header', message: h.message, part: h.part, element: part.element, use: h.use, location: h.location };
    });
    return compact({
      kind: 'messageUse' as const,
      message: abstract.message,
      body,
      use: bound?.body?.use ?? 'literal',
      namespace: bound?.body?.namespace,
      headers,
      action: abstract.action,
    });
  }

  private message(q: QName, referrer: string, at: SourceLocation): RawMessage {
    const m = this.messages.get(qnameKey(q));
    if (!m) throw unresolved('message', q, referrer, at);
    return m;
  }

  private part(p: RawMessage['parts'][number], message: RawMessage): MessagePart {
    if (p.element) this.requireElement(p.element, `part ${p.name} of message ${message.name.name}`, p.location);
    const type = p.type ? this.resolveType(p.type, `part ${p.name} of message ${message.name.name}`, p.location) : undefined;
    if (!p.element && !type) {
      throw new GeneratorError('INVALID_CONTRACT', `part ${p.name} of message ${message.name.name} has neither element nor type`, p.location);
    }
    return compact({ kind: 'part' as const, name: p.name, element: p.element, type, location: p.location });
  }

  private requireElement(q: QName, referrer: string, at: SourceLocation): void {
    if (!this.elementDecls.has(qnameKey(q))) throw unresolved('element', q, referrer, at);
  }
}

/** The next type in a type's derivation chain: its base, or a list's item type. */
function baseOf(t: TypeDef): TypeRef | undefined {
  switch (t.kind) {
    case 'complex':
    case 'enum':
    case 'restriction':
      return t.base;
    case 'list':
      return t.item;
    default:
      return undefined;
  }
}

function unresolved(what: string, q: QName, referrer: string, at: SourceLocation): GeneratorError {
  return new GeneratorError('UNRESOLVED_REFERENCE', `${what} {${q.namespace}}${q.name} (referenced by ${referrer}) is not declared`, at);
}

function required<T>(value: T | undefined, message: string, at: SourceLocation): T {
  if (value === undefined) throw new GeneratorError('INVALID_CONTRACT', message, at);
  return value;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
