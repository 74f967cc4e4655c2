/**
 * The intermediate model (IR): plain, readonly, JSON-serialisable data.
 *
 * It is built once by build-model/ and never mutated afterwards. It is lossless for the wire:
 * every fact the emitter needs to write or read a message byte-for-byte equivalent to what the
 * contract describes is here (namespaces, element order, occurrence, nillability, extension
 * bases, enum literals, flags lists, SOAP binding details). Every node carries the source
 * location it came from so that later stages can report errors at `file:line:col`.
 *
 * Every type reference is resolved: a `TypeRef` either names an XSD built-in or points at a
 * `TypeDef` in `Model.types` by its `id`.
 */

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const WCF_SERIALIZATION_NS = 'http://schemas.microsoft.com/2003/10/Serialization/';
export const WCF_ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';

export interface SourceLocation {
  /** The document as it was named when loaded: a path relative to the root contract, or a URL. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface QName {
  /** Namespace URI; '' for no namespace. */
  readonly namespace: string;
  readonly name: string;
}

/** The XSD built-in simple types the model knows by name. */
export const BUILTIN_TYPES = [
  'anyType',
  'anySimpleType',
  'string',
  'normalizedString',
  'token',
  'language',
  'Name',
  'NCName',
  'NMTOKEN',
  'NMTOKENS',
  'ID',
  'IDREF',
  'IDREFS',
  'ENTITY',
  'ENTITIES',
  'anyURI',
  'QName',
  'NOTATION',
  'boolean',
  'decimal',
  'integer',
  'nonPositiveInteger',
  'negativeInteger',
  'nonNegativeInteger',
  'positiveInteger',
  'long',
  'int',
  'short',
  'byte',
  'unsignedLong',
  'unsignedInt',
  'unsignedShort',
  'unsignedByte',
  'float',
  'double',
  'duration',
  'dateTime',
  'date',
  'time',
  'gYearMonth',
  'gYear',
  'gMonthDay',
  'gDay',
  'gMonth',
  'hexBinary',
  'base64Binary',
] as const;

export type BuiltinName = (typeof BUILTIN_TYPES)[number];

export type TypeRef =
  | { readonly kind: 'builtin'; readonly name: BuiltinName }
  | { readonly kind: 'type'; readonly id: string };

// ---------------------------------------------------------------------------------------------
// Types

/** An element inside a complex type's content, in document (= wire) order. */
export interface ElementField {
  readonly kind: 'element';
  /** The XML local name, also the TypeScript property name. */
  readonly name: string;
  /** The namespace the element is written in on the wire ('' when unqualified). */
  readonly namespace: string;
  readonly type: TypeRef;
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly nillable: boolean;
  readonly documentation?: string;
  readonly location: SourceLocation;
}

/**
 * `xs:choice` that occurs at most once: one branch is present (or none, when `minOccurs` is 0).
 * A choice that repeats, or one inside a repeated group, is flattened into repeated elements
 * instead (the order of elements of different names is then not kept).
 */
export interface ChoiceField {
  readonly kind: 'choice';
  /** 0 or 1. */
  readonly minOccurs: number;
  /** The alternatives in document order: each one element, or a sequence's particles. */
  readonly branches: readonly (readonly Particle[])[];
  readonly location: SourceLocation;
}

/** Which namespaces an `xs:any` accepts. */
export type NamespaceConstraint =
  | { readonly kind: 'any' }
  /** `##other`: any namespace but this one, and not unqualified. */
  | { readonly kind: 'not'; readonly namespace: string }
  /** A list (`##targetNamespace` and `##local` already resolved; '' is unqualified). */
  | { readonly kind: 'list'; readonly namespaces: readonly string[] };

/** `xs:any`: elements the schema does not name, kept as raw XML. */
export interface AnyField {
  readonly kind: 'any';
  readonly namespaces: NamespaceConstraint;
  readonly processContents: 'strict' | 'lax' | 'skip';
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly location: SourceLocation;
}

/**
 * One item of a complex type's content, in document (= wire) order. Nested sequences, `xs:all`
 * and `xs:group` references are flattened into their particles when the model is built.
 */
export type Particle = ElementField | ChoiceField | AnyField;

export interface AttributeField {
  readonly kind: 'attribute';
  readonly name: string;
  /** '' when unqualified. */
  readonly namespace: string;
  readonly type: TypeRef;
  readonly use: 'optional' | 'required' | 'prohibited';
  readonly default?: string;
  readonly fixed?: string;
  readonly documentation?: string;
  readonly location: SourceLocation;
}

/** Array and dictionary conventions recognised on a complex type (WCF's, and SOAP encoding's arrays). */
export type WcfConvention =
  /**
   * `ArrayOfX`: a wrapper whose only content is one repeated element: a list of X. With
   * `soapEncoded`, a restriction of `soapenc:Array` (SOAP 1.1 section 5.4.2): written with
   * `soapenc:arrayType` and items named as `item` says, read with items of any name.
   */
  | { readonly kind: 'array'; readonly item: ElementField; readonly soapEncoded?: true }
  /**
   * `IsDictionary` annotation: repeated entries, each an element holding Key then Value.
   * `entry` is the repeated element (its type is the anonymous KeyValuePair type).
   */
  | {
      readonly kind: 'dictionary';
      readonly entry: { readonly name: string; readonly namespace: string };
      readonly key: ElementField;
      readonly value: ElementField;
    };

/** Where a type came from: a named declaration, an anonymous one nested in a parent, or a message body. */
export type TypeOrigin =
  | { readonly kind: 'named' }
  /** `path`: names of the enclosing declarations, outermost first (an element, then fields). */
  | { readonly kind: 'anonymous'; readonly path: readonly string[] }
  /**
   * Built by the model for the rpc wrapper or bare body of an operation (see BodyContent), shared
   * by the bindings that lay it out alike; `name` is what the type is called (`AddRequest`).
   */
  | { readonly kind: 'message'; readonly operation: string; readonly direction: 'input' | 'output'; readonly name: string };

interface TypeCommon {
  /** Unique key: `{namespace}name` for named types, `{namespace}Outer/inner` for anonymous ones. */
  readonly id: string;
  /** The name the contract gives (for anonymous types, the innermost enclosing name). */
  readonly name: QName;
  readonly origin: TypeOrigin;
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface ComplexType extends TypeCommon {
  readonly kind: 'complex';
  /** The complex `xs:extension` base: its fields come first on the wire, its attributes apply. */
  readonly base?: TypeRef;
  /**
   * The base of an `xs:restriction` (complexContent): informative only, since a restriction
   * restates its whole content in `fields`.
   */
  readonly restricts?: TypeRef;
  readonly abstract: boolean;
  /** Mixed content: `fields` is empty and `text` is xs:anyType (the content kept as raw XML). */
  readonly mixed: boolean;
  /** The content model, in order (attributes aside). Empty for simple content. */
  readonly fields: readonly Particle[];
  /**
   * `xs:simpleContent`: the simple type of the element's character data (for a type extending
   * another complex type with simple content, the same as the base's). xs:anyType for mixed
   * content.
   */
  readonly text?: TypeRef;
  /** Attributes declared here and in referenced attribute groups (a base's are not repeated). */
  readonly attributes: readonly AttributeField[];
  /** Set when the type follows a recognised WCF convention. */
  readonly convention?: WcfConvention;
}

export interface EnumValue {
  readonly value: string;
  /** WCF `EnumerationValue` annotation: the numeric value behind the literal, when declared. */
  readonly enumerationValue?: string;
  /** xs:documentation of the literal. */
  readonly documentation?: string;
}

/** `xs:restriction` with `xs:enumeration` facets. */
export interface EnumType extends TypeCommon {
  readonly kind: 'enum';
  readonly base: TypeRef;
  readonly values: readonly EnumValue[];
  /** WCF `ActualType` annotation: the .NET enum's backing type. */
  readonly actualType?: QName;
}

/** `xs:list` of an enumeration: a WCF [Flags] enum, written as space-separated names. */
export interface FlagsType extends TypeCommon {
  readonly kind: 'flags';
  readonly values: readonly EnumValue[];
}

/** `xs:list` of any other simple type. */
export interface ListType extends TypeCommon {
  readonly kind: 'list';
  readonly item: TypeRef;
}

export interface Facets {
  readonly patterns?: readonly string[];
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly whiteSpace?: 'preserve' | 'replace' | 'collapse';
}

/** `xs:restriction` of a simple type by facets other than enumeration. */
export interface RestrictionType extends TypeCommon {
  readonly kind: 'restriction';
  readonly base: TypeRef;
  readonly facets: Facets;
  /** The WCF Serialization namespace's well-known types. */
  readonly wellKnown?: 'guid' | 'char' | 'duration';
}

export type SimpleTypeDef = EnumType | FlagsType | ListType | RestrictionType;
export type TypeDef = ComplexType | SimpleTypeDef;

// ---------------------------------------------------------------------------------------------
// Global declarations

export interface ElementDecl {
  readonly kind: 'elementDecl';
  readonly name: QName;
  readonly type: TypeRef;
  readonly nillable: boolean;
  readonly location: SourceLocation;
}

export interface AttributeDecl {
  readonly kind: 'attributeDecl';
  readonly name: QName;
  readonly type: TypeRef;
  readonly location: SourceLocation;
}

// ---------------------------------------------------------------------------------------------
// WSDL

export interface MessagePart {
  readonly kind: 'part';
  readonly name: string;
  /** document style: the element the part is. */
  readonly element?: QName;
  /** rpc style: the type of the part's accessor element. */
  readonly type?: TypeRef;
  readonly location: SourceLocation;
}

export interface HeaderPart {
  readonly kind: 'header';
  readonly message: QName;
  readonly part: string;
  readonly element: QName;
  readonly use: 'literal' | 'encoded';
  readonly location: SourceLocation;
}

/**
 * What soap:Body holds, and so what TypeScript value a message is:
 * - `element`: document style with one element part: that element (its value is the message);
 * - `wrapper`: rpc style: an element named after the operation (`Op`, `OpResponse`) in the
 *   soap:body namespace, holding one accessor element per part; `type` is a complex type the
 *   model builds for it (its fields are the accessors);
 * - `parts`: document style with zero or several parts, or a part with a type: each part is a
 *   child of soap:Body itself ("bare"); `type` is a complex type the model builds whose fields
 *   are those elements.
 */
export type BodyContent =
  | { readonly kind: 'element'; readonly element: QName }
  | { readonly kind: 'wrapper'; readonly element: QName; readonly type: TypeRef }
  | { readonly kind: 'parts'; readonly type: TypeRef };

/** One direction of an operation as the binding puts it on the wire. */
export interface MessageUse {
  readonly kind: 'messageUse';
  readonly message: QName;
  /** The parts that go in soap:Body (all parts unless soap:body names some). */
  readonly body: readonly MessagePart[];
  /** How those parts are laid out in soap:Body. */
  readonly content: BodyContent;
  /**
   * `encoded`: SOAP 1.1 section 5 encoding (the only encoding style supported): every value is
   * written with its xsi:type, arrays as soapenc:Array, and multi-reference values are read.
   */
  readonly use: 'literal' | 'encoded';
  /** rpc style: the namespace of the operation wrapper element. */
  readonly namespace?: string;
  readonly headers: readonly HeaderPart[];
  /** WS-Addressing action of the portType message (`wsaw:Action`), when declared. */
  readonly action?: string;
}

export interface FaultUse {
  readonly kind: 'fault';
  readonly name: string;
  readonly message: QName;
  readonly parts: readonly MessagePart[];
}

export interface Operation {
  readonly kind: 'operation';
  readonly name: string;
  readonly soapAction: string;
  readonly style: 'document' | 'rpc';
  readonly input: MessageUse;
  /** Absent for one-way operations. */
  readonly output?: MessageUse;
  readonly faults: readonly FaultUse[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface Binding {
  readonly kind: 'binding';
  readonly name: QName;
  readonly portType: QName;
  readonly soapVersion: '1.1' | '1.2';
  readonly style: 'document' | 'rpc';
  readonly transport: string;
  readonly operations: readonly Operation[];
  readonly documentation?: string;
  /** wsdl:documentation of the portType the binding implements. */
  readonly portTypeDocumentation?: string;
  readonly location: SourceLocation;
}

export interface Port {
  readonly kind: 'port';
  readonly name: string;
  readonly binding: QName;
  readonly address: string;
  readonly location: SourceLocation;
}

export interface Service {
  readonly kind: 'service';
  readonly name: QName;
  readonly ports: readonly Port[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface Model {
  readonly kind: 'model';
  /** The root contract as named on the command line (path relative to the working folder, or URL). */
  readonly source: string;
  readonly name: string;
  readonly targetNamespace: string;
  readonly documentation?: string;
  readonly services: readonly Service[];
  readonly bindings: readonly Binding[];
  /** Sorted by id. */
  readonly types: readonly TypeDef[];
  /** Sorted by namespace, then name. */
  readonly elements: readonly ElementDecl[];
  /** Sorted by namespace, then name. */
  readonly attributes: readonly AttributeDecl[];
  /** Lenient reading only: what was repaired, as `file:line:col: message` lines (see lenient.ts). */
  readonly warnings?: readonly string[];
}

export function qnameKey(q: QName): string {
  return `{${q.namespace}}${q.name}`;
}
