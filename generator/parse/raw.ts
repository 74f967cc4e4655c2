/**
 * Raw records: what the parse stage reads out of the documents, with every prefixed name
 * already turned into a QName and every node located. Nothing is resolved against anything
 * else yet; that is build-model's job.
 */
import type { EnumValue, Facets, QName, SourceLocation } from '../model.ts';

export interface RawSchema {
  readonly kind: 'schema';
  readonly targetNamespace: string;
  readonly elementFormQualified: boolean;
  readonly attributeFormQualified: boolean;
  readonly imports: readonly RawImport[];
  readonly elements: readonly RawElement[];
  readonly complexTypes: readonly RawComplexType[];
  readonly simpleTypes: readonly RawSimpleType[];
  readonly attributes: readonly RawAttribute[];
  /** Named model groups (`xs:group name=...`). */
  readonly groups: readonly RawGroupDef[];
  /** Named attribute groups (`xs:attributeGroup name=...`). */
  readonly attributeGroups: readonly RawAttributeGroupDef[];
  readonly location: SourceLocation;
}

export interface RawImport {
  readonly namespace: string;
  readonly schemaLocation?: string;
  readonly location: SourceLocation;
}

export interface RawElement {
  readonly kind: 'element';
  readonly name?: string;
  readonly ref?: QName;
  readonly type?: QName;
  readonly inlineType?: RawComplexType | RawSimpleType;
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly nillable: boolean;
  readonly form?: 'qualified' | 'unqualified';
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawAttribute {
  readonly kind: 'attribute';
  readonly name?: string;
  readonly ref?: QName;
  readonly type?: QName;
  readonly inlineType?: RawSimpleType;
  readonly use: 'optional' | 'required' | 'prohibited';
  readonly default?: string;
  readonly fixed?: string;
  readonly form?: 'qualified' | 'unqualified';
  /**
   * `wsdl:arrayType` on a reference to `soapenc:arrayType` (a SOAP-encoded array's items): the
   * item type and the dimensions written after it (`xsd:string[]` -> string, `[]`).
   */
  readonly arrayType?: { readonly type: QName; readonly dimensions: string };
  readonly documentation?: string;
  readonly location: SourceLocation;
}

/** `xs:sequence`, `xs:choice` or `xs:all`, with its occurrence and particles in order. */
export interface RawModelGroup {
  readonly kind: 'sequence' | 'choice' | 'all';
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly particles: readonly RawParticle[];
  readonly location: SourceLocation;
}

/** `xs:any`: elements the schema does not name. */
export interface RawAny {
  readonly kind: 'any';
  /** The namespace constraint as written (`##any` when absent). */
  readonly namespace: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly location: SourceLocation;
}

/** `xs:group ref=...` inside a content model. */
export interface RawGroupRef {
  readonly kind: 'groupRef';
  readonly ref: QName;
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly location: SourceLocation;
}

export type RawParticle = RawElement | RawModelGroup | RawAny | RawGroupRef;

/** A named model group: `xs:group name=...` holding one sequence, choice or all. */
export interface RawGroupDef {
  readonly kind: 'group';
  readonly name: string;
  readonly particle: RawModelGroup;
  readonly location: SourceLocation;
}

/** A named attribute group: its attributes and the attribute groups it refers to. */
export interface RawAttributeGroupDef {
  readonly kind: 'attributeGroup';
  readonly name: string;
  readonly attributes: readonly RawAttribute[];
  readonly attributeGroups: readonly RawAttributeGroupRef[];
  readonly location: SourceLocation;
}

export interface RawAttributeGroupRef {
  readonly ref: QName;
  readonly location: SourceLocation;
}

export interface RawComplexType {
  readonly kind: 'complexType';
  readonly name?: string;
  readonly abstract: boolean;
  readonly mixed: boolean;
  /** complexContent or simpleContent base (an extension's or a restriction's). */
  readonly base?: QName;
  /** How the type derives from `base`. */
  readonly derivation?: 'extension' | 'restriction';
  /** `xs:simpleContent`: the element holds character data (of `base`'s simple type) and attributes. */
  readonly simpleContent: boolean;
  /** The content model (the type's own part of it, for an extension); absent when empty. */
  readonly content?: RawModelGroup | RawGroupRef;
  readonly attributes: readonly RawAttribute[];
  readonly attributeGroups: readonly RawAttributeGroupRef[];
  /** `xs:anyAttribute` is declared (attributes the schema does not name are allowed; they are not kept). */
  readonly anyAttribute: boolean;
  /** WCF `IsDictionary` appinfo set to true. */
  readonly isDictionary: boolean;
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawSimpleType {
  readonly kind: 'simpleType';
  readonly name?: string;
  readonly variety: 'restriction' | 'list';
  /** restriction: the base type, by name or inline. */
  readonly base?: QName;
  readonly inlineBase?: RawSimpleType;
  /** list: the item type, by name or inline. */
  readonly itemType?: QName;
  readonly inlineItem?: RawSimpleType;
  readonly enumerations: readonly EnumValue[];
  readonly facets: Facets;
  /** WCF `ActualType` appinfo. */
  readonly actualType?: QName;
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawPart {
  readonly name: string;
  readonly element?: QName;
  readonly type?: QName;
  readonly location: SourceLocation;
}

export interface RawMessage {
  readonly name: QName;
  readonly parts: readonly RawPart[];
  readonly location: SourceLocation;
}

export interface RawPortTypeMessage {
  readonly name?: string;
  readonly message: QName;
  readonly action?: string;
  readonly location: SourceLocation;
}

export interface RawPortTypeOperation {
  readonly name: string;
  readonly input?: RawPortTypeMessage;
  readonly output?: RawPortTypeMessage;
  readonly faults: readonly (RawPortTypeMessage & { readonly name: string })[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawPortType {
  readonly name: QName;
  readonly operations: readonly RawPortTypeOperation[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawSoapHeader {
  readonly message: QName;
  readonly part: string;
  readonly use: 'literal' | 'encoded';
  readonly location: SourceLocation;
}

export interface RawBindingMessage {
  readonly name?: string;
  /** soap:body: the parts it names (undefined = all), its use and namespace. */
  readonly body?: {
    readonly parts?: readonly string[];
    readonly use: 'literal' | 'encoded';
    readonly namespace?: string;
    /** `encodingStyle`: the encodings named (a list of URIs), for encoded use. */
    readonly encodingStyle?: string;
  };
  readonly headers: readonly RawSoapHeader[];
  readonly location: SourceLocation;
}

export interface RawBindingOperation {
  readonly name: string;
  readonly soapAction?: string;
  readonly style?: 'document' | 'rpc';
  readonly input?: RawBindingMessage;
  readonly output?: RawBindingMessage;
  readonly location: SourceLocation;
}

export interface RawBinding {
  readonly name: QName;
  readonly type: QName;
  /** The binding's soap:binding (1.1) or soap12:binding; absent for non-SOAP bindings. */
  readonly soap?: { readonly version: '1.1' | '1.2'; readonly style?: 'document' | 'rpc'; readonly transport: string };
  /** The namespace-qualified name of the binding extension element, when it is not SOAP. */
  readonly otherExtension?: string;
  readonly operations: readonly RawBindingOperation[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawPort {
  readonly name: string;
  readonly binding: QName;
  readonly address?: string;
  readonly location: SourceLocation;
}

export interface RawService {
  readonly name: QName;
  readonly ports: readonly RawPort[];
  readonly documentation?: string;
  readonly location: SourceLocation;
}

export interface RawWsdl {
  readonly kind: 'wsdl';
  readonly name?: string;
  readonly targetNamespace: string;
  readonly documentation?: string;
  readonly messages: readonly RawMessage[];
  readonly portTypes: readonly RawPortType[];
  readonly bindings: readonly RawBinding[];
  readonly services: readonly RawService[];
  readonly location: SourceLocation;
}

/** Everything read from a loaded contract: the WSDL documents and every schema, inline or imported. */
export interface RawContract {
  readonly wsdls: readonly RawWsdl[];
  readonly schemas: readonly RawSchema[];
}
