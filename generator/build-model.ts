import path from 'node:path';
import { compact } from './compact.ts';
import { GeneratorError } from './errors.ts';
import type { Leniency } from './lenient.ts';
import { GENERATOR_LIMITS } from './limits.ts';
import { SOAP_ENCODING_NS, WSDL_NS } from './parse/namespaces.ts';
import {
  BUILTIN_TYPES,
  WCF_SERIALIZATION_NS,
  XSD_NS,
  qnameKey,
  type AnyField,
  type AttributeDecl,
  type AttributeField,
  type Binding,
  type BodyContent,
  type BuiltinName,
  type ComplexType,
  type ElementDecl,
  type ElementField,
  type FaultUse,
  type HeaderPart,
  type MessagePart,
  type MessageUse,
  type Model,
  type NamespaceConstraint,
  type Operation,
  type Particle,
  type QName,
  type Service,
  type SourceLocation,
  type TypeDef,
  type TypeRef,
  type WcfConvention,
} from './model.ts';
import type {
  RawAny,
  RawAttribute,
  RawAttributeGroupDef,
  RawAttributeGroupRef,
  RawBinding,
  RawBindingMessage,
  RawComplexType,
  RawContract,
  RawElement,
  RawGroupDef,
  RawMessage,
  RawParticle,
  RawPortType,
  RawPortTypeMessage,
  RawSchema,
  RawSimpleType,
} from './parse/raw.ts';

/** The SOAP 1.1 encoding namespace (rpc/encoded contracts import it, often without a location). */
/** Namespaces an xs:import may name without a schemaLocation: their types are not declared by schemas we load. */
const WELL_KNOWN_IMPORTS = new Set([XSD_NS, SOAP_ENCODING_NS, WSDL_NS]);

/** How particles inside a model group occur, from the groups around them. */
interface OccurrenceContext {
  /** Some enclosing group may be absent (minOccurs 0): every particle becomes optional. */
  readonly optional: boolean;
  /** Some enclosing group repeats: every element becomes a repeated element. */
  readonly repeated: boolean;
}

const ONCE: OccurrenceContext = { optional: false, repeated: false };

const BUILTINS = new Set<string>(BUILTIN_TYPES);

/**
 * Builds the IR from raw records: resolves every QName through one map per symbol space,
 * gives anonymous types ids, recognises the WCF conventions and assembles bindings and
 * operations. Throws a located GeneratorError for the first reference it cannot resolve.
 *
 * Nothing here recurses along references: a type reference is recorded and the type is defined
 * later from a work list, so a chain of ten thousand types costs a loop, not a stack.
 */
export function buildModel(raw: RawContract, source: string, lenient?: Leniency): Model {
  return new ModelBuilder(raw, lenient).build(source);
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
  /** Documentation of the element holding an anonymous type, used when the type has none. */
  readonly documentation: string | undefined;
}

class ModelBuilder {
  private readonly typeDecls = new Map<string, Declared<RawComplexType | RawSimpleType>>();
  private readonly elementDecls = new Map<string, Declared<RawElement>>();
  private readonly attributeDecls = new Map<string, Declared<RawAttribute>>();
  private readonly groupDecls = new Map<string, Declared<RawGroupDef>>();
  private readonly attributeGroupDecls = new Map<string, Declared<RawAttributeGroupDef>>();
  /** Complex types with simple content whose value type (and restricted attributes) come from a complex base. */
  private readonly simpleContentBases = new Map<string, { readonly base: TypeRef; readonly derivation: 'extension' | 'restriction' }>();
  private readonly types = new Map<string, TypeDef>();
  /** Ids of every type queued so far (defined or still pending). */
  private readonly queued = new Set<string>();
  private readonly pending: PendingType[] = [];
  /** The raw declaration of each complex type, for recognising conventions once all types exist. */
  private readonly rawComplex = new Map<string, RawComplexType>();
  private readonly messages = new Map<string, RawMessage>();
  private readonly portTypes = new Map<string, RawPortType>();
  /** Every declared binding, SOAP or not. */
  private readonly bindings = new Map<string, RawBinding>();

  /** Lenient reading: elements made up for parts whose element is not declared (typed as raw XML). */
  private readonly madeUpElements = new Map<string, ElementDecl>();

  constructor(
    private readonly raw: RawContract,
    private readonly lenient: Leniency | undefined,
  ) {}

  /** Strict: throws `error`. Lenient: reports it, with what is done instead, and goes on. */
  private repair(error: GeneratorError, instead: string): void {
    if (!this.lenient) throw error;
    this.lenient.warn(`${error.message}; ${instead}`, error.location);
  }

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
    this.inheritSimpleContent();
    this.keepMixedContentRaw();
    this.addConventions();
    for (const t of this.types.values()) this.checkDerivation(t);

    const wsdl = this.raw.wsdls[0];
    if (!wsdl) {
      throw new GeneratorError('NOT_A_CONTRACT', `${source} holds no wsdl:definitions`, this.raw.schemas[0]?.location);
    }
    for (const w of this.raw.wsdls) {
      for (const m of w.messages) this.messages.set(qnameKey(m.name), m);
      for (const p of w.portTypes) this.portTypes.set(qnameKey(p.name), p);
      for (const b of w.bindings) this.bindings.set(qnameKey(b.name), b);
    }
    const bindings = this.buildBindings();
    const bound = new Set(bindings.map((b) => qnameKey(b.name)));
    const services: Service[] = this.raw.wsdls.flatMap((w) =>
      w.services.map((s) =>
        compact({
          kind: 'service' as const,
          name: s.name,
          ports: s.ports.flatMap((p) => {
            const declared = this.bindings.get(qnameKey(p.binding)) ?? this.byLocalName(this.bindings, p.binding, 'binding', p.location);
            if (!declared) {
              this.repair(unresolved('binding', p.binding, `wsdl:port ${p.name}`, p.location), 'the port is left out');
              return [];
            }
            // A port of a binding that is not generated (not SOAP, or left out) is not listed.
            if (!bound.has(qnameKey(declared.name))) return [];
            return [{ kind: 'port' as const, name: p.name, binding: declared.name, address: p.address ?? '', location: p.location }];
          }),
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
      elements: [...elements, ...this.madeUpElements.values()].sort((a, b) => compare(qnameKey(a.name), qnameKey(b.name))),
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
            this.repair(
              new GeneratorError('DUPLICATE_DECLARATION', `${what} ${key} is declared twice (first at ${at.file}:${at.line}:${at.column})`, item.location),
              'the first declaration is used',
            );
            continue;
          }
          map.set(key, { raw: item, schema });
        }
      };
      add(this.typeDecls, [...schema.complexTypes, ...schema.simpleTypes], 'type');
      add(this.elementDecls, schema.elements, 'element');
      add(this.attributeDecls, schema.attributes, 'attribute');
      add(this.groupDecls, schema.groups, 'group');
      add(this.attributeGroupDecls, schema.attributeGroups, 'attribute group');
    }
  }

  /** An xs:import without schemaLocation must name a namespace some loaded schema declares. */
  private checkImports(): void {
    const namespaces = new Set(this.raw.schemas.map((s) => s.targetNamespace));
    for (const schema of this.raw.schemas) {
      for (const imp of schema.imports) {
        if (imp.schemaLocation === undefined && !WELL_KNOWN_IMPORTS.has(imp.namespace) && !namespaces.has(imp.namespace)) {
          this.repair(
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
  private defineType(
    t: RawComplexType | RawSimpleType,
    schema: RawSchema,
    name: QName,
    path: readonly string[] | undefined,
    documentation?: string,
  ): TypeRef {
    const id = path ? `{${schema.targetNamespace}}${path.join('/')}` : qnameKey(name);
    if (!this.queued.has(id)) {
      this.queued.add(id);
      this.pending.push({ id, raw: t, schema, name, path, documentation });
    }
    return { kind: 'type', id };
  }

  /** Defines queued types until none is left (defining one may queue more). */
  private definePending(): void {
    for (let i = 0; i < this.pending.length; i++) this.define(this.pending[i]!);
    this.pending.length = 0;
  }

  private define({ id, raw: t, schema, name, path, documentation }: PendingType): void {
    const common = compact({
      id,
      name,
      origin: path ? { kind: 'anonymous' as const, path: [...path] } : { kind: 'named' as const },
      documentation: t.documentation ?? documentation,
      location: t.location,
    });
    const own = path ?? [name.name];
    if (t.kind === 'complexType') {
      // Mixed content is kept whole as raw XML (see keepMixedContentRaw). Simple content has no
      // elements for text to be mixed with, whatever it says.
      const mixed = t.mixed && !t.simpleContent;
      const content = mixed ? [] : this.content(t, schema, own, name.name);
      // Lenient: a SOAP-encoded array that restates no content keeps its items as raw XML.
      const fields: Particle[] =
        this.lenient && t.base?.namespace === SOAP_ENCODING_NS && content.length === 0
          ? [{ kind: 'any', namespaces: { kind: 'any' }, processContents: 'skip', minOccurs: 0, maxOccurs: 'unbounded', location: t.location }]
          : content;
      const attributes = this.attributeFields(t, schema, own, new Set());
      const derivation = this.derivation(t, id, name.name);
      const type: ComplexType = compact({
        ...common,
        kind: 'complex' as const,
        ...derivation,
        ...(mixed ? { text: MIXED_CONTENT } : {}),
        abstract: t.abstract,
        mixed,
        fields,
        attributes,
      });
      this.types.set(id, type);
      this.rawComplex.set(id, t);
      return;
    }
    this.types.set(id, this.simpleType(t, schema, common, own));
  }

  /**
   * A complex type's base, by how it derives: a complexContent extension has a `base` (xs:anyType
   * counts as none), a complexContent restriction only records what it `restricts`, and simple
   * content has the `text` type of its value: the simple base itself, or (for a complex base)
   * the base's, filled in by inheritSimpleContent once every type is defined.
   */
  private derivation(t: RawComplexType, id: string, name: string): Pick<ComplexType, 'base' | 'restricts' | 'text'> {
    if (!t.base) {
      if (t.simpleContent) {
        this.repair(new GeneratorError('INVALID_CONTRACT', `xs:simpleContent of type ${name} has no base`, t.location), 'its value is a string');
        return { text: { kind: 'builtin', name: 'string' } };
      }
      return {};
    }
    if (t.base.namespace === SOAP_ENCODING_NS) {
      this.repair(
        new GeneratorError(
          'UNSUPPORTED',
          `complex type ${name} derives from SOAP encoding type soapenc:${t.base.name} (SOAP-encoded arrays and structs are not supported)`,
          t.location,
        ),
        'its own content is used, and where it has none its items are kept as raw XML',
      );
      return {};
    }
    const base = this.resolveType(t.base, `the base of complex type ${name}`, t.location, 'base');
    const baseIsComplex = base.kind === 'type' && this.typeDecls.get(base.id)?.raw.kind === 'complexType';
    if (t.simpleContent) {
      if (!baseIsComplex) {
        if (base.kind === 'builtin' && (base.name === 'anyType' || base.name === 'anySimpleType')) return { text: { kind: 'builtin', name: 'string' } };
        return { text: base };
      }
      this.simpleContentBases.set(id, { base, derivation: t.derivation ?? 'extension' });
      return t.derivation === 'restriction' ? { restricts: base } : { base };
    }
    if (!baseIsComplex) {
      if (base.kind === 'builtin' && base.name === 'anyType') return {};
      this.repair(
        new GeneratorError('UNSUPPORTED', `complex type ${name} has complex content derived from simple type ${t.base.name}`, t.location),
        'it is read as simple content',
      );
      return { text: base };
    }
    return t.derivation === 'restriction' ? { restricts: base } : { base };
  }

  /**
   * Gives each complex type with simple content and a complex base the value type of that base
   * (following the chain), and a restriction the base's attributes it does not restate.
   */
  private inheritSimpleContent(): void {
    for (const [id, { base, derivation }] of this.simpleContentBases) {
      const type = this.types.get(id) as ComplexType;
      let text: TypeRef | undefined;
      const inherited: AttributeField[] = [];
      const seen = new Set<string>([id]);
      for (let ref: TypeRef | undefined = base; ref?.kind === 'type' && !seen.has(ref.id) && seen.size <= GENERATOR_LIMITS.maxDerivationDepth; ) {
        seen.add(ref.id);
        const b = this.types.get(ref.id);
        if (b?.kind !== 'complex') break;
        inherited.push(...b.attributes);
        if (b.text) {
          text = b.text;
          break;
        }
        ref = this.simpleContentBases.get(ref.id)?.base;
      }
      if (!text) {
        this.repair(
          new GeneratorError('UNSUPPORTED', `xs:simpleContent of type ${type.name.name} derives from a complex type without simple content`, type.location),
          'its value is a string',
        );
        text = { kind: 'builtin', name: 'string' };
      }
      const own = new Set(type.attributes.map((a) => `{${a.namespace}}${a.name}`));
      const attributes =
        derivation === 'restriction' ? [...type.attributes, ...inherited.filter((a) => !own.has(`{${a.namespace}}${a.name}`))] : type.attributes;
      this.types.set(id, { ...type, text, attributes });
    }
  }

  /**
   * Mixed content (character data between the child elements) is kept whole as raw XML, the
   * `text` of the type being xs:anyType (`$value: XmlFragment`): typed members could not say
   * where the text goes, and dropping it would lose data. A mixed type has no element members;
   * this gives the same to a type that extends one without saying mixed itself, as XSD reads it.
   */
  private keepMixedContentRaw(): void {
    // Whether a type has mixed content, itself or through its bases: each chain walked once.
    const known = new Map<string, boolean>();
    const isMixed = (id: string): boolean => {
      const chain = new Set<string>();
      let answer = false;
      for (let at: string | undefined = id; at !== undefined; ) {
        const cached = known.get(at);
        if (cached !== undefined) {
          answer = cached;
          break;
        }
        const t = this.types.get(at);
        if (t?.kind !== 'complex' || chain.has(at)) break;
        chain.add(at);
        if (t.mixed) {
          answer = true;
          break;
        }
        at = t.base?.kind === 'type' ? t.base.id : undefined;
      }
      for (const c of chain) known.set(c, answer);
      return answer;
    };
    // XSD: mixed content may extend only mixed or empty content. A mixed type extending element
    // content would have its inherited elements swallowed by its raw content.
    for (const [id, t] of this.types) {
      if (t.kind !== 'complex' || !t.mixed || t.base?.kind !== 'type') continue;
      const ancestors: ComplexType[] = [];
      const seen = new Set<string>([id]);
      for (let ref: TypeRef | undefined = t.base; ref?.kind === 'type' && !seen.has(ref.id); ) {
        seen.add(ref.id);
        const b = this.types.get(ref.id);
        if (b?.kind !== 'complex') break;
        ancestors.push(b);
        ref = b.base;
      }
      // Up to the first mixed ancestor: that one answers for what lies above it.
      const firstMixed = ancestors.findIndex((b) => b.mixed);
      const elementBase = ancestors.slice(0, firstMixed < 0 ? undefined : firstMixed).find((b) => b.fields.length > 0);
      if (!elementBase) continue;
      const inherited = ancestors.flatMap((b) => b.attributes);
      this.repair(
        new GeneratorError(
          'INVALID_CONTRACT',
          `complex type ${t.name.name} has mixed content but extends ${elementBase.name.name}, whose content is elements only (XSD lets mixed content extend only mixed or empty content)`,
          t.location,
        ),
        'it is read without its base: its whole content, the inherited elements included, is kept as raw XML, and the inherited attributes are its own',
      );
      const { base: _dropped, ...rest } = t;
      this.types.set(id, { ...rest, attributes: [...inherited, ...t.attributes] });
    }
    for (const [id, t] of this.types) {
      if (t.kind === 'complex' && !t.mixed && !t.text && isMixed(id)) this.types.set(id, { ...t, mixed: true, fields: [], text: MIXED_CONTENT });
    }
  }

  /**
   * A complex type's content model as particles: nested sequences, xs:all and group references
   * are flattened, a choice that occurs at most once stays a choice, and repetition or
   * optionality of an enclosing group is carried to the particles inside it.
   */
  private content(t: RawComplexType, schema: RawSchema, own: readonly string[], typeName: string): Particle[] {
    if (!t.content) return [];
    const particles = this.particles([t.content], schema, own, ONCE, new Set());
    try {
      checkDistinctNames(particles, typeName, t.location);
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      this.repair(e, 'later occurrences are left out');
      return withoutRepeatedNames(particles);
    }
    return particles;
  }

  private particles(
    items: readonly RawParticle[],
    schema: RawSchema,
    parent: readonly string[],
    ctx: OccurrenceContext,
    groups: ReadonlySet<string>,
  ): Particle[] {
    const out: Particle[] = [];
    for (const p of items) {
      switch (p.kind) {
        case 'element':
          out.push(occur(this.field(p, schema, parent), ctx));
          break;
        case 'any':
          out.push(anyField(p, schema, ctx));
          break;
        case 'groupRef': {
          const { group, schema: groupSchema, groups: inner } = this.group(p.ref, p.location, groups);
          out.push(...this.particles([{ ...group.particle, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs }], groupSchema, parent, ctx, inner));
          break;
        }
        default: {
          const inner: OccurrenceContext = {
            optional: ctx.optional || p.minOccurs === 0,
            repeated: ctx.repeated || p.maxOccurs === 'unbounded' || p.maxOccurs > 1,
          };
          if (p.kind === 'choice' && !inner.repeated) {
            const branches = p.particles.flatMap((b) => this.branches(b, schema, parent, groups));
            if (branches.length > 0) out.push({ kind: 'choice', minOccurs: inner.optional ? 0 : 1, branches, location: p.location });
          } else {
            // A repeated choice is every branch's elements, each optional and repeated.
            out.push(...this.particles(p.particles, schema, parent, p.kind === 'choice' ? { optional: true, repeated: true } : inner, groups));
          }
        }
      }
    }
    return out;
  }

  /** The branches one particle of a (non-repeated) choice contributes: nested choices are spliced in. */
  private branches(p: RawParticle, schema: RawSchema, parent: readonly string[], groups: ReadonlySet<string>): Particle[][] {
    if (p.kind === 'groupRef') {
      const { group, schema: groupSchema, groups: inner } = this.group(p.ref, p.location, groups);
      return this.branches({ ...group.particle, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs }, groupSchema, parent, inner);
    }
    const repeated = p.maxOccurs === 'unbounded' || p.maxOccurs > 1;
    if (p.kind === 'choice' && !repeated) return p.particles.flatMap((b) => this.branches(b, schema, parent, groups));
    if (p.kind === 'sequence' || p.kind === 'all' || p.kind === 'choice') {
      const ctx = p.kind === 'choice' ? { optional: true, repeated: true } : { optional: p.minOccurs === 0, repeated };
      return [this.particles(p.particles, schema, parent, ctx, groups)];
    }
    return [this.particles([p], schema, parent, ONCE, groups)];
  }

  /** A named model group, and the set of groups being expanded (a group may not contain itself). */
  private group(ref: QName, at: SourceLocation, expanding: ReadonlySet<string>): { group: RawGroupDef; schema: RawSchema; groups: ReadonlySet<string> } {
    const key = qnameKey(ref);
    const declared = this.groupDecls.get(key) ?? this.byLocalName(this.groupDecls, ref, 'group', at);
    if (!declared) {
      this.repair(unresolved('group', ref, 'a content model', at), 'the reference is left out');
      const empty: RawGroupDef = { kind: 'group', name: ref.name, particle: { kind: 'sequence', minOccurs: 1, maxOccurs: 1, particles: [], location: at }, location: at };
      return { group: empty, schema: this.raw.schemas[0]!, groups: expanding };
    }
    if (expanding.has(key)) throw new GeneratorError('INVALID_CONTRACT', `group ${ref.name} contains itself`, at);
    return { group: declared.raw, schema: declared.schema, groups: new Set([...expanding, key]) };
  }

  /** The attributes of a type or attribute group, with those of the attribute groups it refers to. */
  private attributeFields(
    t: { readonly attributes: readonly RawAttribute[]; readonly attributeGroups: readonly RawAttributeGroupRef[] },
    schema: RawSchema,
    own: readonly string[],
    expanding: ReadonlySet<string>,
  ): AttributeField[] {
    const out = t.attributes.map((a) => this.attributeField(a, schema, own));
    for (const g of t.attributeGroups) {
      const key = qnameKey(g.ref);
      const declared = this.attributeGroupDecls.get(key) ?? this.byLocalName(this.attributeGroupDecls, g.ref, 'attribute group', g.location);
      if (!declared) {
        this.repair(unresolved('attribute group', g.ref, own.join('/'), g.location), 'the reference is left out');
        continue;
      }
      if (expanding.has(key)) throw new GeneratorError('INVALID_CONTRACT', `attribute group ${g.ref.name} contains itself`, g.location);
      out.push(...this.attributeFields(declared.raw, declared.schema, own, new Set([...expanding, key])));
    }
    const seen = new Set<string>();
    return out.filter((a) => {
      const key = `{${a.namespace}}${a.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
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
        : this.resolveType(required(t.itemType, `${what} has an xs:list without itemType`, t.location), `the item type of ${what}`, t.location, 'simple');
      // A list of a named enumeration is a [Flags] enum too (the enumeration may not be defined yet).
      const itemDecl = !itemRaw && t.itemType ? this.typeDecls.get(qnameKey(t.itemType))?.raw : undefined;
      if (itemDecl?.kind === 'simpleType' && itemDecl.variety === 'restriction' && itemDecl.enumerations.length > 0) {
        return { ...common, kind: 'flags', values: itemDecl.enumerations };
      }
      return { ...common, kind: 'list', item };
    }
    const base = t.inlineBase
      ? this.defineType(t.inlineBase, schema, common.name, [...own, 'base'])
      : this.resolveType(required(t.base, `${what} has an xs:restriction without base`, t.location), `the base of ${what}`, t.location, 'simple');
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
      const target = this.elementDecls.get(qnameKey(e.ref)) ?? this.byLocalName(this.elementDecls, e.ref, 'element', e.location);
      if (!target) {
        this.repair(unresolved('element', e.ref, `an element reference in ${parent.join('/')}`, e.location), 'the element is typed as raw XML');
        return { kind: 'element', name: e.ref.name, namespace: e.ref.namespace, type: { kind: 'builtin', name: 'anyType' }, minOccurs: e.minOccurs, maxOccurs: e.maxOccurs, nillable: false, location: e.location };
      }
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
    if (e.inlineType) return this.defineType(e.inlineType, schema, { namespace: schema.targetNamespace, name: e.name! }, path, e.documentation);
    if (e.type) return this.resolveType(e.type, `element ${e.name ?? '?'}`, e.location);
    return { kind: 'builtin', name: 'anyType' }; // XSD: an element with no type is xs:anyType
  }

  private attributeField(a: RawAttribute, schema: RawSchema, parent: readonly string[]): AttributeField {
    if (a.ref) {
      const target = this.attributeDecls.get(qnameKey(a.ref)) ?? this.byLocalName(this.attributeDecls, a.ref, 'attribute', a.location);
      if (!target) {
        this.repair(unresolved('attribute', a.ref, `an attribute reference in ${parent.join('/')}`, a.location), 'the attribute is typed as a string');
        return compact({ kind: 'attribute' as const, name: a.ref.name, namespace: a.ref.namespace, type: { kind: 'builtin' as const, name: 'string' as const }, use: a.use, location: a.location });
      }
      return compact({
        kind: 'attribute' as const,
        name: a.ref.name,
        namespace: a.ref.namespace,
        type: this.simpleTypeOf(target.raw, target.schema, [`attribute:${a.ref.name}`]),
        use: a.use,
        default: a.default ?? target.raw.default,
        fixed: a.fixed ?? target.raw.fixed,
        documentation: a.documentation ?? target.raw.documentation,
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
      documentation: a.documentation,
      location: a.location,
    });
  }

  private simpleTypeOf(a: RawAttribute, schema: RawSchema, path: readonly string[]): TypeRef {
    if (a.inlineType) return this.defineType(a.inlineType, schema, { namespace: schema.targetNamespace, name: a.name ?? '' }, path);
    if (a.type) return this.resolveType(a.type, `attribute ${a.name ?? '?'}`, a.location, 'simple');
    return { kind: 'builtin', name: 'anySimpleType' };
  }

  /**
   * The one place a type QName becomes a TypeRef. Lenient: a name that resolves to nothing is
   * looked up by its local name (a declared type), for a value as a global element's name (that
   * element's anonymous type), as an XSD built-in, else it is xs:anyType (raw XML), or a string
   * where `use` needs a simple value.
   */
  private resolveType(q: QName, referrer: string, at: SourceLocation, use: TypeUse = 'value'): TypeRef {
    const fallback: BuiltinName = use === 'simple' ? 'string' : 'anyType';
    if (q.namespace === XSD_NS && BUILTINS.has(q.name)) return { kind: 'builtin', name: q.name as BuiltinName };
    const declared = this.typeDecls.get(qnameKey(q)) ?? this.byLocalName(this.typeDecls, q, 'type', at);
    if (declared) return this.defineType(declared.raw, declared.schema, { namespace: declared.schema.targetNamespace, name: declared.raw.name! }, undefined);
    const error = unresolved('type', q, referrer, at);
    // A common mistake: type="tns:Foo" where Foo is a global element with an anonymous type.
    // (Only an anonymous one: following the element's own type attribute could go round in circles.)
    // Only for an element's or a part's value: a base or a simple type must be a type.
    const element = this.lenient && use === 'value' ? this.elementDecls.get(qnameKey(q)) : undefined;
    if (this.lenient && element?.raw.inlineType) {
      this.lenient.warn(`${error.message}; the anonymous type of element {${q.namespace}}${q.name} is used`, at);
      return this.elementType(element.raw, element.schema, [`element:${q.name}`]);
    }
    if (this.lenient && BUILTINS.has(q.name)) {
      this.lenient.warn(`${error.message}; the XSD built-in xs:${q.name} is used`, at);
      return { kind: 'builtin', name: q.name as BuiltinName };
    }
    this.repair(error, use === 'value' ? 'it is typed as raw XML' : use === 'base' ? 'the type has no base' : 'it is typed as a string');
    return { kind: 'builtin', name: fallback };
  }

  /**
   * Lenient only: the one declaration of `map` with the local name of `q`, reported, where the
   * QName itself names none (a wrong or undeclared prefix, an unqualified name).
   */
  private byLocalName<V>(map: ReadonlyMap<string, V>, q: QName, what: string, at: SourceLocation): V | undefined {
    if (!this.lenient) return undefined;
    const suffix = `}${q.name}`;
    const matches = [...map.entries()].filter(([k]) => k.endsWith(suffix));
    if (matches.length !== 1) return undefined;
    const [key, found] = matches[0]!;
    this.lenient.warn(`${what} {${q.namespace}}${q.name} is not declared; ${key}, the only ${what} of that name, is used`, at);
    return found;
  }

  private convention(
    t: RawComplexType,
    name: QName,
    fields: readonly Particle[],
    attributes: readonly AttributeField[],
  ): WcfConvention | undefined {
    const only = fields.length === 1 && !t.base && attributes.length === 0 ? fields[0] : undefined;
    if (only?.kind !== 'element' || only.maxOccurs === 1) return undefined;
    if (t.isDictionary && only.type.kind === 'type') {
      const entry = this.types.get(only.type.id);
      if (entry?.kind === 'complex' && entry.fields.length === 2 && !entry.base) {
        const [key, value] = entry.fields as [Particle, Particle];
        if (key.kind === 'element' && value.kind === 'element' && key.name === 'Key' && value.name === 'Value') {
          return { kind: 'dictionary', entry: { name: only.name, namespace: only.namespace }, key, value };
        }
      }
    }
    if (name.name.startsWith('ArrayOf')) return { kind: 'array', item: only };
    return undefined;
  }

  /**
   * Follows a type's chain of bases (extension, restriction, list item) to the first built-in:
   * a cycle is CIRCULAR_DERIVATION, and a chain longer than GENERATOR_LIMITS.maxDerivationDepth
   * is LIMIT_EXCEEDED (so every later stage may walk chains freely). A complex type's `base` is
   * always complex (simple content is `text`).
   */
  private checkDerivation(t: TypeDef): void {
    const max = GENERATOR_LIMITS.maxDerivationDepth;
    const seen = new Set<string>([t.id]);
    const chain: string[] = [t.name.name];
    let current: TypeDef | undefined = t;
    for (let next = baseOf(t); next?.kind === 'type'; next = current ? baseOf(current) : undefined) {
      const baseId: string = next.id;
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
        const portType = this.portTypes.get(qnameKey(b.type)) ?? this.byLocalName(this.portTypes, b.type, 'portType', b.location);
        if (!portType) {
          this.repair(unresolved('portType', b.type, `wsdl:binding ${b.name.name}`, b.location), 'the binding is left out');
          continue;
        }
        const style = b.soap.style ?? 'document';
        const operations = b.operations.flatMap((op): Operation[] => {
          const abstract = portType.operations.find((o) => o.name === op.name);
          if (!abstract) {
            const error = new GeneratorError('UNRESOLVED_REFERENCE', `operation ${op.name} of binding ${b.name.name} is not in portType ${portType.name.name}`, op.location);
            this.repair(error, 'the operation is left out');
            return [];
          }
          if (!abstract.input) {
            this.repair(
              new GeneratorError('UNSUPPORTED', `operation ${op.name} has no input (notification operations are not supported)`, abstract.location),
              'the operation is left out',
            );
            return [];
          }
          const input = abstract.input;
          const opStyle = op.style ?? style;
          const use = (direction: 'input' | 'output', m: RawPortTypeMessage, bound: RawBindingMessage | undefined) =>
            this.messageUse(m, bound, { binding: b, operation: op.name, direction, style: opStyle, location: op.location });
          try {
            return [
              compact({
                kind: 'operation' as const,
                name: op.name,
                soapAction: op.soapAction ?? '',
                style: opStyle,
                input: use('input', input, op.input),
                output: abstract.output ? use('output', abstract.output, op.output) : undefined,
                faults: abstract.faults.flatMap((f): FaultUse[] => {
                  try {
                    const message = this.message(f.message, `fault ${f.name} of ${op.name}`, f.location);
                    return [{ kind: 'fault', name: f.name, message: message.name, parts: message.parts.map((p) => this.part(p, message)) }];
                  } catch (e) {
                    if (!(e instanceof GeneratorError)) throw e;
                    this.repair(e, `fault ${f.name} is left out`);
                    return [];
                  }
                }),
                documentation: abstract.documentation,
                location: op.location,
              }),
            ];
          } catch (e) {
            // Lenient: an operation whose messages cannot be read is left out.
            if (!(e instanceof GeneratorError)) throw e;
            this.repair(e, `operation ${op.name} is left out`);
            return [];
          }
        });
        bindings.push(
          compact({
            kind: 'binding' as const,
            name: b.name,
            portType: portType.name,
            soapVersion: b.soap.version,
            style,
            transport: b.soap.transport,
            operations,
            documentation: b.documentation,
            portTypeDocumentation: portType.documentation,
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

  private messageUse(abstract: RawPortTypeMessage, bound: RawBindingMessage | undefined, at: MessageSite): MessageUse {
    const what = `${at.operation} ${at.direction}`;
    const message = this.message(abstract.message, what, abstract.location);
    const wanted = bound?.body?.parts;
    const body = message.parts
      .filter((p) => wanted === undefined || wanted.includes(p.name))
      .map((p) => this.part(p, message));
    const headers = (bound?.headers ?? []).flatMap((h): HeaderPart[] => {
      try {
        const headerMessage = this.message(h.message, `a soap:header of ${what}`, h.location);
        const part = headerMessage.parts.find((p) => p.name === h.part);
        if (!part) {
          throw new GeneratorError('UNRESOLVED_REFERENCE', `soap:header part "${h.part}" is not in message ${h.message.name}`, h.location);
        }
        if (!part.element) {
          throw new GeneratorError('UNSUPPORTED', `soap:header part "${h.part}" has no element (type-based headers are not supported)`, part.location);
        }
        const element = this.requireElement(part.element, `part ${h.part} of message ${h.message.name}`, part.location);
        return [{ kind: 'header', message: headerMessage.name, part: h.part, element, use: h.use, location: h.location }];
      } catch (e) {
        if (!(e instanceof GeneratorError)) throw e;
        this.repair(e, 'the header is left out');
        return [];
      }
    });
    const use = bound?.body?.use ?? 'literal';
    if (use === 'encoded' && this.lenient) {
      this.lenient.warn(`${what} is ${at.style}/encoded; it is written and read like ${at.style}/literal (no xsi:type, no multi-reference values)`, at.location);
    }
    return compact({
      kind: 'messageUse' as const,
      message: message.name,
      body,
      content: this.bodyContent(body, bound?.body?.namespace, at),
      use,
      encodedAsLiteral: use === 'encoded' && this.lenient ? (true as const) : undefined,
      namespace: bound?.body?.namespace,
      headers,
      action: abstract.action,
    });
  }

  /**
   * How the parts lie in soap:Body. rpc: a wrapper element named after the operation in the
   * soap:body namespace (the binding's target namespace when none is given), holding an
   * unqualified accessor per type part (or the element of an element part). document: the one
   * element part itself, or else every part a Body child of its own.
   */
  private bodyContent(body: readonly MessagePart[], namespace: string | undefined, at: MessageSite): BodyContent {
    const suffix = at.direction === 'input' ? 'Request' : 'Response';
    if (at.style === 'rpc') {
      const element = { namespace: namespace ?? at.binding.name.namespace, name: at.direction === 'input' ? at.operation : `${at.operation}Response` };
      return { kind: 'wrapper', element, type: this.messageType(body, at, `${at.operation}${suffix}`, element.namespace) };
    }
    const [only, ...more] = body;
    if (only?.element && more.length === 0) return { kind: 'element', element: only.element };
    return { kind: 'parts', type: this.messageType(body, at, `${at.operation}${suffix}`, at.binding.type.namespace) };
  }

  /**
   * The complex type of an rpc wrapper or a bare body: one field per part. Bindings of one
   * portType that lay a message out alike (SOAP 1.1 and 1.2 bindings, typically) share it.
   */
  private messageType(body: readonly MessagePart[], at: MessageSite, name: string, namespace: string): TypeRef {
    const shared = `{${namespace}}message:${at.binding.type.name}/${at.operation}/${at.direction}`;
    const fields = body.map((p): ElementField => {
      if (p.element) {
        const decl = this.elementDecls.get(qnameKey(p.element));
        return {
          kind: 'element',
          name: p.element.name,
          namespace: p.element.namespace,
          type: decl ? this.elementType(decl.raw, decl.schema, [`element:${p.element.name}`]) : { kind: 'builtin', name: 'anyType' },
          minOccurs: 1,
          maxOccurs: 1,
          nillable: decl?.raw.nillable ?? false,
          location: p.location,
        };
      }
      return { kind: 'element', name: p.name, namespace: '', type: p.type!, minOccurs: 1, maxOccurs: 1, nillable: false, location: p.location };
    });
    checkDistinctNames(fields, name, at.location);
    const previous = this.types.get(shared);
    const same = previous?.kind === 'complex' && withoutLocations(previous.fields) === withoutLocations(fields);
    const id = previous === undefined || same ? shared : `${shared}@${at.binding.name.name}`;
    if (same) return { kind: 'type', id };
    this.types.set(id, {
      kind: 'complex',
      id,
      name: { namespace, name },
      origin: { kind: 'message', operation: at.operation, direction: at.direction, name },
      abstract: false,
      mixed: false,
      fields,
      attributes: [],
      location: at.location,
    });
    return { kind: 'type', id };
  }

  private message(q: QName, referrer: string, at: SourceLocation): RawMessage {
    const m = this.messages.get(qnameKey(q)) ?? this.byLocalName(this.messages, q, 'message', at);
    if (!m) throw unresolved('message', q, referrer, at);
    return m;
  }

  private part(p: RawMessage['parts'][number], message: RawMessage): MessagePart {
    const element = p.element ? this.requireElement(p.element, `part ${p.name} of message ${message.name.name}`, p.location) : undefined;
    const type = p.type ? this.resolveType(p.type, `part ${p.name} of message ${message.name.name}`, p.location) : undefined;
    if (!element && !type) {
      throw new GeneratorError('INVALID_CONTRACT', `part ${p.name} of message ${message.name.name} has neither element nor type`, p.location);
    }
    return compact({ kind: 'part' as const, name: p.name, element, type, location: p.location });
  }

  /**
   * The QName of a declared global element. Lenient: one found by its local name, or else an
   * element of that name typed as raw XML (made up for the model, reported).
   */
  private requireElement(q: QName, referrer: string, at: SourceLocation): QName {
    const key = qnameKey(q);
    if (this.elementDecls.has(key) || this.madeUpElements.has(key)) return q;
    const found = this.byLocalName(this.elementDecls, q, 'element', at);
    if (found) return { namespace: found.schema.targetNamespace, name: found.raw.name! };
    this.repair(unresolved('element', q, referrer, at), 'it is typed as raw XML');
    this.madeUpElements.set(key, { kind: 'elementDecl', name: q, type: { kind: 'builtin', name: 'anyType' }, nillable: false, location: at });
    return q;
  }
}

/**
 * Where a type name is used, for lenient repairs: an element's or a part's value (raw XML when
 * unresolved), a complex type's base (raw XML: no base), or a simple value (a string).
 */
type TypeUse = 'value' | 'base' | 'simple';

/** The `text` of a type with mixed content: its whole content as raw XML. */
const MIXED_CONTENT: TypeRef = { kind: 'builtin', name: 'anyType' };

/** Where a message is used: for naming and locating the types built for its body. */
interface MessageSite {
  readonly binding: RawBinding;
  readonly operation: string;
  readonly direction: 'input' | 'output';
  readonly style: 'document' | 'rpc';
  readonly location: SourceLocation;
}

/** A value as JSON without its source locations, for comparing declarations. */
function withoutLocations(value: unknown): string {
  return JSON.stringify(value, (k, v: unknown) => (k === 'location' ? undefined : v));
}

/** An element or `xs:any` with the occurrence its enclosing groups impose. */
function occur<T extends ElementField | AnyField>(p: T, ctx: OccurrenceContext): T {
  if (!ctx.optional && !ctx.repeated) return p;
  return { ...p, minOccurs: ctx.optional ? 0 : p.minOccurs, maxOccurs: ctx.repeated ? 'unbounded' : p.maxOccurs };
}

function anyField(p: RawAny, schema: RawSchema, ctx: OccurrenceContext): AnyField {
  const tns = schema.targetNamespace;
  let namespaces: NamespaceConstraint;
  if (p.namespace === '##any') namespaces = { kind: 'any' };
  else if (p.namespace === '##other') namespaces = { kind: 'not', namespace: tns };
  else {
    const list = p.namespace.split(/\s+/).filter((n) => n !== '').map((n) => (n === '##targetNamespace' ? tns : n === '##local' ? '' : n));
    namespaces = { kind: 'list', namespaces: [...new Set(list)] };
  }
  return occur(
    { kind: 'any', namespaces, processContents: p.processContents, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs, location: p.location },
    ctx,
  );
}

/**
 * Every element name of a content model must be one property of the TypeScript value: an
 * element may repeat across the branches of one choice, but not elsewhere.
 */
function checkDistinctNames(particles: readonly Particle[], typeName: string, at: SourceLocation): void {
  const names = (list: readonly Particle[]): string[] =>
    list.flatMap((p) => (p.kind === 'element' ? [p.name] : p.kind === 'choice' ? [...new Set(p.branches.flatMap((b) => names(b)))] : []));
  const seen = new Set<string>();
  for (const name of names(particles)) {
    if (seen.has(name)) {
      throw new GeneratorError('UNSUPPORTED', `element ${name} occurs more than once in the content of type ${typeName} (outside the branches of one xs:choice)`, at);
    }
    seen.add(name);
  }
  for (const p of particles) if (p.kind === 'choice') for (const b of p.branches) checkDistinctNames(b, typeName, at);
}

/** Lenient: a content model with each element name kept at its first occurrence only. */
function withoutRepeatedNames(particles: readonly Particle[]): Particle[] {
  const seen = new Set<string>();
  const keep = (list: readonly Particle[]): Particle[] =>
    list.flatMap((p): Particle[] => {
      if (p.kind === 'element') {
        if (seen.has(p.name)) return [];
        seen.add(p.name);
        return [p];
      }
      if (p.kind !== 'choice') return [p];
      // Branches may share names; after the choice, every branch's names are taken.
      const before = [...seen];
      const after = new Set(seen);
      const branches = p.branches.map((b) => {
        seen.clear();
        for (const n of before) seen.add(n);
        const kept = keep(b);
        for (const n of seen) after.add(n);
        return kept;
      });
      seen.clear();
      for (const n of after) seen.add(n);
      return [{ ...p, branches }];
    });
  return keep(particles);
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
