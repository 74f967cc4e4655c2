/**
 * Descriptors: the generated package describes its contract to the runtime with these plain
 * data tables (emitted into `schema.ts` of each package). The runtime reads and writes every
 * message from them; no WSDL is read at run time.
 *
 * Type references are strings: either a primitive (`xs:int`, see `PrimitiveName`) or the key of
 * a type in `Schema.types` (the TypeScript name the generator gave it).
 *
 * Floor 0 of the runtime (constants and types): imports nothing.
 */

/** XSD built-ins as the runtime converts them. Others are mapped onto these by the generator. */
export type PrimitiveName =
  // -> string, kept as written
  | 'xs:string'
  // -> boolean ("true"/"false"; "1"/"0" accepted when reading)
  | 'xs:boolean'
  // -> number, integer range-checked
  | 'xs:byte'
  | 'xs:short'
  | 'xs:int'
  | 'xs:unsignedByte'
  | 'xs:unsignedShort'
  | 'xs:unsignedInt'
  // -> bigint, range-checked where the type has a range
  | 'xs:long'
  | 'xs:unsignedLong'
  | 'xs:integer'
  | 'xs:nonNegativeInteger'
  | 'xs:positiveInteger'
  | 'xs:nonPositiveInteger'
  | 'xs:negativeInteger'
  // -> string holding the exact decimal lexical form
  | 'xs:decimal'
  // -> number; INF, -INF and NaN spelled as XSD requires
  | 'xs:float'
  | 'xs:double'
  // -> string in the XSD lexical form, validated, never converted through Date
  | 'xs:dateTime'
  | 'xs:date'
  | 'xs:time'
  | 'xs:duration'
  // -> Uint8Array
  | 'xs:base64Binary'
  | 'xs:hexBinary';

/**
 * An element in a complex type's content (or a body wrapper's, or a header's). Two pseudo types
 * carry raw XML (TypeScript `string`, see the generated `XmlFragment`): `xs:anyType`, an element
 * whose content is kept as written, and `xs:any`, a wildcard (its `name` is only the property,
 * `$any`): each element there that no other field names is kept whole.
 */
export interface FieldDesc {
  /** XML local name; also the property name in the TypeScript value. */
  readonly name: string;
  /** Namespace URI the element is written in; '' when unqualified. */
  readonly ns: string;
  /** A PrimitiveName, `xs:anyType`, `xs:any`, or a key of Schema.types. */
  readonly type: string;
  /** minOccurs (absent: 1). 0 means the property may be absent (undefined). */
  readonly min?: number;
  /** maxOccurs (absent: 1); -1 for unbounded. Above 1 the property is an array. */
  readonly max?: number;
  /** nillable (absent: false): null is written as xsi:nil="true". */
  readonly nillable?: boolean;
  /** A member of an xs:choice: the index of the choice in ComplexDesc.choices, and its branch. */
  readonly choice?: number;
  readonly branch?: number;
  /** `xs:any`: the namespaces accepted ('' for unqualified); absent for any namespace. */
  readonly namespaces?: readonly string[];
  /** `xs:any namespace="##other"`: every namespace but this one (and not unqualified). */
  readonly otherThan?: string;
}

/** An xs:choice of a complex type: its members are the fields that carry its index. */
export interface ChoiceDesc {
  /** 1: one branch must be present; 0: the choice may be absent. */
  readonly min: number;
}

export interface AttributeDesc {
  readonly name: string;
  readonly ns: string;
  /** A PrimitiveName or the key of a simple type in Schema.types. */
  readonly type: string;
  readonly required: boolean;
  /** The property in the TypeScript value, where it is not `name` (`@name` when an element has that name). */
  readonly prop?: string;
}

export interface ComplexDesc {
  readonly kind: 'complex';
  /** The XSD type's QName, written as xsi:type when a derived value stands for its base. Absent for anonymous types. */
  readonly xmlName?: { readonly name: string; readonly ns: string };
  /** Key of the base ComplexDesc; its fields come first on the wire. */
  readonly base?: string;
  /** Absent: false. */
  readonly abstract?: boolean;
  /** This type's own fields, in document order (base fields are not repeated here). */
  readonly fields: readonly FieldDesc[];
  /** The xs:choice groups the fields refer to. */
  readonly choices?: readonly ChoiceDesc[];
  /**
   * xs:simpleContent: the type of the character data, held in the `$value` property.
   * `xs:anyType` for mixed content: the whole content (text and elements) as raw XML.
   */
  readonly text?: string;
  /** Absent: none. */
  readonly attributes?: readonly AttributeDesc[];
}

/** An XSD type's QName: written as xsi:type (a derived value, or any value of a SOAP-encoded message). */
export interface XmlTypeName {
  readonly name: string;
  readonly ns: string;
}

/**
 * WCF `ArrayOfX`, or a SOAP-encoded array (`soapEncoded`, a restriction of soapenc:Array): a
 * wrapper element whose children are the items. TypeScript value: an array.
 */
export interface ArrayDesc {
  readonly kind: 'array';
  readonly xmlName?: XmlTypeName;
  /**
   * SOAP 1.1 encoding's array: in an encoded message it is written with `soapenc:arrayType`
   * (`xsd:string[3]`), and its items are read whatever their element names.
   */
  readonly soapEncoded?: boolean;
  /** The repeated item element (its min/max describe the repetition). */
  readonly item: FieldDesc;
}

/** WCF dictionary: repeated entries of Key and Value. TypeScript value: Map<K, V>. */
export interface DictionaryDesc {
  readonly kind: 'dictionary';
  readonly xmlName?: { readonly name: string; readonly ns: string };
  /** The repeated entry element's name and namespace. */
  readonly entry: { readonly name: string; readonly ns: string };
  readonly key: FieldDesc;
  readonly value: FieldDesc;
}

/** Enumeration: TypeScript value is one of the literals. */
export interface EnumDesc {
  readonly kind: 'enum';
  /** The type's QName, where a message is SOAP-encoded (its values are written with xsi:type). */
  readonly xmlName?: XmlTypeName;
  readonly values: readonly string[];
}

/** WCF [Flags]: a space-separated list of enum literals. TypeScript value: an array of literals. */
export interface FlagsDesc {
  readonly kind: 'flags';
  /** The type's QName, where a message is SOAP-encoded (its values are written with xsi:type). */
  readonly xmlName?: XmlTypeName;
  readonly values: readonly string[];
}

/** xs:list of a simple type. TypeScript value: an array. */
export interface ListDesc {
  readonly kind: 'list';
  /** The type's QName, where a message is SOAP-encoded (its values are written with xsi:type). */
  readonly xmlName?: XmlTypeName;
  readonly item: string;
}

/** Restriction of a simple type; the value has the base's TypeScript type. */
export interface RestrictionDesc {
  readonly kind: 'restriction';
  /** The type's QName, where a message is SOAP-encoded (its values are written with xsi:type). */
  readonly xmlName?: XmlTypeName;
  readonly base: string;
  /** XSD regular expressions (anchored at both ends, XSD dialect); the lexical value must match one. */
  readonly patterns?: readonly string[];
  /** Length facets: characters of a string, octets of binary data, items of a list. */
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export type TypeDesc = ComplexDesc | ArrayDesc | DictionaryDesc | EnumDesc | FlagsDesc | ListDesc | RestrictionDesc;

export interface Schema {
  readonly types: { readonly [key: string]: TypeDesc };
}

/** A SOAP header part: the property `name` of the headers object carries the header element. */
export interface HeaderDesc {
  /** Property name in the headers object (the WSDL part name). */
  readonly part: string;
  readonly element: FieldDesc;
}

/** One direction of an operation: the body wrapper element and the headers that go with it. */
export interface MessageDesc {
  /**
   * The soap:Body child: the element of a document/literal message, or the rpc wrapper (named
   * after the operation, its type's fields are the part accessors). With `bare`, no element:
   * `name` is '' and the fields of `type` (a ComplexDesc key) are the Body's children.
   */
  readonly body: FieldDesc;
  /** Document style with zero or several parts: each part is a child of soap:Body. */
  readonly bare?: boolean;
  /**
   * rpc style: `body` is the operation's wrapper. Read leniently: a response's wrapper may have
   * any name (SOAP 1.1 says the name is not significant), only its accessors are matched.
   */
  readonly rpc?: boolean;
  /**
   * SOAP 1.1 encoding (use="encoded"): values are written with xsi:type and `soap:encodingStyle`,
   * arrays as soapenc:Array; multi-reference values (`href`/`id`) are read.
   */
  readonly encoded?: boolean;
  readonly headers: readonly HeaderDesc[];
}

export interface OperationDesc {
  readonly name: string;
  readonly soapAction: string;
  readonly input: MessageDesc;
  /** Absent for one-way operations. */
  readonly output?: MessageDesc;
}

export interface ServiceDesc {
  readonly soapVersion: '1.1' | '1.2';
  readonly schema: Schema;
  /** The response header that carries a service-side exception (WCF/SuperOffice `ExceptionInfo`), if any. */
  readonly exceptionHeader?: string;
  /** The boolean response header that says whether the call succeeded (`Succeeded`), if any. */
  readonly succeededHeader?: string;
}
