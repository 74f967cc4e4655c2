/**
 * Typed reading: `ValueReader` is the stack machine that builds one element's value from the
 * compiled descriptors while the parser's events stream by. Child elements are looked up by
 * local name then namespace in per-type maps, leaf text is concatenated only for the current
 * leaf, raw XML (xs:any, xs:anyType, mixed content) is kept by a `FragmentCapture`, and
 * container frames are recycled, so a message costs little beyond saxes' own tokenizing.
 *
 * Floor 2 of the runtime (XML reading and writing): imports floors 0 and 1, and xml-fragment.ts.
 */

import {
  K_ARRAY,
  K_COMPLEX,
  K_DICT,
  K_ENTRY,
  K_RAW,
  K_SIMPLE,
  forEachMissing,
  setProp,
  type CompiledComplex,
  type CompiledField,
  type CompiledSchema,
  type MissingMember,
} from './compiled.js';
import { SoapValidationError, XmlLimitError } from './errors.js';
import { namespaceName, type Reading } from './reading.js';
import { acceptsXsiType, xsiTypeName } from './soap-encoding.js';
import { InvalidValue } from './values.js';
import { FragmentCapture } from './xml-fragment.js';
import { SOAP_ENCODING_NS, XSI_NS, type PrefixResolver, type XmlAttribute, type XmlTag } from './xml-namespaces.js';

const F_ROOT = 0;
const F_COMPLEX = 1;
const F_ARRAY = 2;
const F_DICT = 3;
const F_ENTRY = 4;

/** A container being filled. Recycled between elements (one object per nesting level). */
interface Frame {
  kind: number;
  /** The element this frame stands for (F_ROOT: the root field). */
  field: CompiledField;
  /** F_COMPLEX: the effective type (the declared one, or an xsi:type subtype). */
  complex: CompiledComplex | undefined;
  /** F_COMPLEX: the object; F_ARRAY: the array; F_DICT: the Map. */
  value: Record<string, unknown> | unknown[] | Map<unknown, unknown> | undefined;
  /** F_ENTRY: Key and Value as read so far. */
  key: unknown;
  hasKey: boolean;
  entryValue: unknown;
  hasValue: boolean;
  /** Position in the parent array, for error paths; -1 when not an array item. */
  index: number;
  /** F_COMPLEX with simple content: the character data read so far. */
  text: string;
  /** F_COMPLEX: index in `complex.fields` where the next child element is expected. */
  next: number;
}

function newFrame(kind: number, field: CompiledField): Frame {
  return {
    kind,
    field,
    complex: undefined,
    value: undefined,
    key: undefined,
    hasKey: false,
    entryValue: undefined,
    hasValue: false,
    index: -1,
    text: '',
    next: 0,
  };
}

/** xsi:nil is true for "true" and "1" (whitespace-collapsed). */
function isNilTrue(v: string): boolean {
  return v === 'true' || v === '1' || v.trim() === 'true' || v.trim() === '1';
}

/**
 * Builds the value of one element (a header or the body wrapper) from its events. Feed it the
 * element's own open tag first; `close` returns true when that element has closed, and
 * `result` then holds the value. Lenient where servers differ harmlessly: unknown elements are
 * skipped with their subtree, and optional elements may be absent. Values that do not fit their
 * type throw SoapValidationError naming the path; a required element or attribute that is
 * missing is such an error too, kept in `incomplete` for the caller to throw. Under lax reading
 * (`Reading`), a missing required member and a member element in another namespace than the
 * contract's are read on, each reported as a warning instead.
 */
export class ValueReader {
  result: unknown = undefined;
  /** The first value read without something its type requires (see checkComplete). */
  incomplete: SoapValidationError | undefined = undefined;
  private readonly frames: Frame[];
  private top = 0;
  private depth = 0;
  /** > 0 while inside an element being skipped (unknown, nil, or child of a leaf). */
  private skip = 0;
  private leaf: CompiledField | undefined = undefined;
  private leafText = '';
  /** Raw XML being kept (K_RAW content, or an element an xs:any field takes), and for which field. */
  private capture: FragmentCapture | undefined = undefined;
  private captureField: CompiledField | undefined = undefined;
  /** `depth` outside the captured element; true when the element itself is part of the capture (xs:any). */
  private captureDepth = 0;
  private captureWhole = false;
  /** Length of the captured text since the last tag (one text node of the raw XML). */
  private captureText = 0;

  /**
   * The last two namespace URI strings saxes reported and their canonical forms. saxes hands
   * out one string object per declaration, so these hits are pointer comparisons.
   */
  private rawA = '';
  private canonA = '';
  private rawB = '';
  private canonB = '';

  /** checkComplete's visitor, made once per reader. */
  private readonly onMissing: (missing: MissingMember) => boolean;

  constructor(
    private readonly schema: CompiledSchema,
    root: CompiledField,
    private readonly resolve: PrefixResolver,
    private readonly maxTextLength: number,
    private readonly reading: Reading,
    /** SOAP 1.1 encoding: the xsi:type of a simple value is checked against its declared type. */
    private readonly encoded = false,
  ) {
    this.frames = [newFrame(F_ROOT, root)];
    this.onMissing = (missing) => {
      const path = `${this.path(undefined)}${missing.member}`;
      // Members of two branches of a choice are not a missing member: refused in both modes.
      if (missing.kind === 'missing' && this.reading.tolerates('missing-required', path, missing.reason)) return true;
      this.recordIncomplete(missing.member, missing.value, missing.reason);
      return false;
    };
  }

  open(tag: XmlTag): void {
    this.depth++;
    if (this.capture !== undefined) {
      this.capture.open(tag);
      this.captureText = 0;
      return;
    }
    if (this.skip > 0 || this.leaf !== undefined) {
      this.skip++;
      return;
    }
    const parent = this.frames[this.top] as Frame;
    let field: CompiledField | undefined;
    const uri = this.canonical(tag.uri);
    if (parent.kind === F_COMPLEX) {
      // Elements come in sequence order, so the next few fields are tried first (no hashing of
      // the fresh name string); out-of-order or distant ones go through the Map by local name.
      const complex = parent.complex as CompiledComplex;
      const fields = complex.fields;
      const local = tag.local;
      let i = parent.next;
      const end = i + 4 < fields.length ? i + 4 : fields.length;
      for (; i < end; i++) {
        const f = fields[i] as CompiledField;
        if (f.name === local && f.ns === uri) {
          field = f;
          break;
        }
      }
      if (field === undefined) {
        field = complex.byLocal.get(local);
        while (field !== undefined && field.ns !== uri) field = field.alt;
        if (field !== undefined) i = fields.indexOf(field);
      }
      if (field !== undefined) parent.next = field.repeated ? i : i + 1;
    } else {
      switch (parent.kind) {
        case F_ROOT:
          field = parent.field; // the caller matched the root element
          break;
        case F_ARRAY:
          field = parent.field.item;
          break;
        case F_DICT:
          field = parent.field.entry;
          break;
        default: {
          const entry = parent.field;
          field = entry.key as CompiledField;
          if (field.name !== tag.local || field.ns !== uri) field = entry.value as CompiledField;
        }
      }
      // The items of a SOAP-encoded array may have any name (SOAP 1.1, section 5.4.2).
      const anyName = parent.kind === F_ARRAY && parent.field.soapArray;
      if (field !== undefined && !anyName && (field.name !== tag.local || field.ns !== uri)) field = undefined;
    }
    if (field === undefined) {
      // An element no field names: kept by an xs:any that accepts its namespace, else skipped
      // whole (a newer server's addition).
      const wildcards = parent.kind === F_COMPLEX ? (parent.complex as CompiledComplex).wildcards : undefined;
      const wildcard =
        wildcards !== undefined && wildcards.length > 0
          ? wildcards.find((w) => (w.accepts as (ns: string) => boolean)(uri))
          : undefined;
      if (wildcard !== undefined) {
        this.startCapture(wildcard, true).open(tag);
        return;
      }
      field = this.reading.lax ? this.foreignMember(parent, tag.local, uri) : undefined;
      if (field === undefined) {
        this.skip = 1;
        return;
      }
    }
    let nil = false;
    let xsiType: string | undefined;
    const attributes = tag.attributeCount;
    for (let i = 0; i < attributes; i++) {
      const a = tag.attributes[i] as XmlAttribute;
      if (a.uri === XSI_NS) {
        if (a.local === 'nil') nil = isNilTrue(a.value);
        else if (a.local === 'type') xsiType = a.value;
      } else if (a.uri === SOAP_ENCODING_NS && this.encoded && (a.local === 'offset' || a.local === 'position')) {
        // A partially transmitted or sparse array has holes that T[] cannot hold: reading its
        // items one after another would put each value at the wrong index.
        const what = a.local === 'offset' ? 'a partially transmitted array' : 'an item of a sparse array';
        throw new SoapValidationError(this.path(field), a.value, `soapenc:${a.local} (${what}) is not read`);
      }
    }
    if (nil) {
      // null where the contract promises a value would make the types lie.
      if (!field.nillable) {
        throw new SoapValidationError(this.path(field), 'xsi:nil', 'xsi:nil on an element that is not nillable');
      }
      this.assign(parent, field, null);
      this.skip = 1; // content of a nil element is ignored
      return;
    }
    switch (field.kind) {
      case K_SIMPLE:
        if (xsiType !== undefined && this.encoded) this.checkXsiType(field, xsiType);
        this.leaf = field;
        this.leafText = '';
        return;
      case K_RAW:
        this.startCapture(field, false);
        return;
      case K_COMPLEX: {
        let type = field.complex as CompiledComplex;
        const obj: Record<string, unknown> = {};
        if (xsiType !== undefined && type.hasSubtypes) {
          const sub = this.subtype(type, xsiType);
          if (sub !== undefined) {
            type = sub;
            obj['$type'] = sub.key;
          }
        }
        this.push(F_COMPLEX, field, obj, parent).complex = type;
        if (attributes > 0 && type.attributes.length > 0) this.readAttributes(type, tag, obj);
        // Mixed content: everything inside is kept as raw XML, in `$value`.
        if (type.content !== undefined) this.startCapture(type.content, false);
        return;
      }
      case K_ARRAY:
        this.push(F_ARRAY, field, [], parent);
        return;
      case K_DICT:
        this.push(F_DICT, field, new Map(), parent);
        return;
      case K_ENTRY: {
        const f = this.push(F_ENTRY, field, undefined, parent);
        f.hasKey = false;
        f.hasValue = false;
        f.key = undefined;
        f.entryValue = undefined;
        return;
      }
      default:
        this.skip = 1;
    }
  }

  text(text: string): void {
    if (this.skip > 0) return;
    if (this.leaf !== undefined) {
      this.leafText += text;
      if (this.leafText.length > this.maxTextLength) throw new XmlLimitError('maxTextLength', this.maxTextLength);
    } else if (this.capture !== undefined) {
      // Raw XML keeps text split by CDATA sections as one text node: it counts as one.
      this.captureText += text.length;
      if (this.captureText > this.maxTextLength) throw new XmlLimitError('maxTextLength', this.maxTextLength);
      this.capture.text(text);
    } else {
      const f = this.frames[this.top] as Frame;
      if (f.kind === F_COMPLEX && (f.complex as CompiledComplex).text !== undefined) {
        f.text += text;
        if (f.text.length > this.maxTextLength) throw new XmlLimitError('maxTextLength', this.maxTextLength);
      }
    }
  }

  /** Returns true when the element the reader was started on has closed. */
  close(): boolean {
    const done = --this.depth === 0;
    const capture = this.capture;
    if (capture !== undefined) {
      this.captureText = 0;
      if (this.depth > this.captureDepth) {
        capture.close();
        return done;
      }
      if (this.captureWhole) capture.close();
      this.capture = undefined;
      const frame = this.frames[this.top] as Frame;
      this.assign(frame, this.captureField as CompiledField, capture.result());
      // The content of a mixed element ends with the element: its value closes too (below).
      if (frame.kind !== F_COMPLEX || (frame.complex as CompiledComplex).content !== this.captureField) return done;
    }
    if (this.skip > 0) {
      this.skip--;
      return done;
    }
    const leaf = this.leaf;
    if (leaf !== undefined) {
      this.leaf = undefined;
      let v: unknown;
      try {
        v = (leaf.codec as NonNullable<CompiledField['codec']>).parse(this.leafText);
      } catch (e) {
        if (e instanceof InvalidValue) throw new SoapValidationError(this.path(leaf), this.leafText, e.reason);
        throw e;
      }
      this.leafText = '';
      this.assign(this.frames[this.top] as Frame, leaf, v);
      return done;
    }
    const f = this.frames[this.top] as Frame;
    if (f.kind === F_COMPLEX) {
      const type = f.complex as CompiledComplex;
      if (type.text !== undefined) this.readText(f);
      this.checkComplete(type, f.value as Record<string, unknown>);
    }
    if (f.kind === F_ENTRY) this.finishEntry(f);
    this.top--;
    f.value = undefined; // do not keep finished values alive through the pool
    return done;
  }

  private canonical(raw: string): string {
    if (raw === this.rawA) return this.canonA;
    if (raw === this.rawB) {
      const c = this.canonB;
      this.rawB = this.rawA;
      this.canonB = this.canonA;
      this.rawA = raw;
      this.canonA = c;
      return c;
    }
    const c = this.schema.canonicalNs(raw);
    this.rawB = this.rawA;
    this.canonB = this.canonA;
    this.rawA = raw;
    this.canonA = c;
    return c;
  }

  private push(kind: number, field: CompiledField, value: Frame['value'], parent: Frame): Frame {
    // Array items and dictionary entries are named by position in error paths (`Props[2].Key`).
    const index =
      parent.kind === F_ARRAY ? (parent.value as unknown[]).length : parent.kind === F_DICT ? parent.next++ : -1;
    if (value !== undefined) this.assign(parent, field, value);
    const level = ++this.top;
    let f = this.frames[level];
    if (f === undefined) {
      f = newFrame(kind, field);
      this.frames.push(f);
    } else {
      f.kind = kind;
      f.field = field;
    }
    f.value = value;
    f.complex = undefined;
    f.index = index;
    f.text = '';
    f.next = 0;
    return f;
  }

  /** Starts keeping raw XML for `field`: the element itself too when `whole` (xs:any). */
  private startCapture(field: CompiledField, whole: boolean): FragmentCapture {
    // A standalone fragment: its default namespace is none.
    const capture = new FragmentCapture({ kind: 'used', resolve: this.resolve, target: '' });
    this.capture = capture;
    this.captureField = field;
    this.captureDepth = this.depth - 1;
    this.captureWhole = whole;
    this.captureText = 0;
    return capture;
  }

  /** Parses a simple-content element's character data into `$value`. */
  private readText(f: Frame): void {
    const codec = (f.complex as CompiledComplex).text as NonNullable<CompiledComplex['text']>;
    try {
      setProp(f.value as Record<string, unknown>, '$value', codec.parse(f.text));
    } catch (e) {
      if (e instanceof InvalidValue) throw new SoapValidationError(`${this.path(undefined)}.$value`, f.text, e.reason);
      throw e;
    }
    f.text = '';
  }

  /**
   * A complex value must have what its type requires, as the writer demands (see
   * forEachMissing). A value without it would contradict its TypeScript type, so strict reading
   * fails, naming what is missing (often an element in another namespace than the contract's,
   * which is skipped); lax reading reports each missing member as a warning (see onMissing). The
   * first error is kept in `incomplete`, not thrown: a SOAP Fault later in the envelope must
   * still be reported as the fault it is.
   */
  private checkComplete(type: CompiledComplex, obj: Record<string, unknown>): void {
    if (this.incomplete !== undefined) return;
    forEachMissing(type, obj, this.onMissing);
  }

  /**
   * Lax reading: the member of the open container with local name `local` in another namespace
   * than `uri`, reported as a foreign-namespace warning; undefined when there is none. Called
   * only for an element no member or wildcard takes, so a valid message reads as strictly.
   */
  private foreignMember(parent: Frame, local: string, uri: string): CompiledField | undefined {
    let field: CompiledField | undefined;
    switch (parent.kind) {
      case F_COMPLEX: {
        const complex = parent.complex as CompiledComplex;
        field = complex.byLocal.get(local);
        if (field !== undefined) {
          const i = complex.fields.indexOf(field);
          parent.next = field.repeated ? i : i + 1;
        }
        break;
      }
      case F_ROOT:
        field = parent.field;
        break;
      case F_ARRAY:
        field = parent.field.item;
        break;
      case F_DICT:
        field = parent.field.entry;
        break;
      default:
        field = (parent.field.key as CompiledField).name === local ? parent.field.key : parent.field.value;
    }
    if (field === undefined || field.name !== local) return undefined;
    this.reading.tolerates(
      'foreign-namespace',
      this.path(field),
      `element ${local} in ${namespaceName(uri)}, where the contract has it in ${namespaceName(field.ns)}`,
    );
    return field;
  }

  /**
   * Stores a dictionary entry in its Map. WCF writes every entry with its Key and Value and
   * refuses a duplicate key; an entry without Key (or without a Value its schema requires) is
   * kept in `incomplete` like any missing element, a nil or duplicate key is refused at once.
   */
  private finishEntry(f: Frame): void {
    const key = f.field.key as CompiledField;
    const value = f.field.value as CompiledField;
    if (!f.hasKey || (!f.hasValue && value.min >= 1)) {
      const member = `.${f.hasKey ? value.name : key.name}`;
      if (
        !this.reading.tolerates('missing-required', `${this.path(undefined)}${member}`, 'required element is missing')
      ) {
        if (this.incomplete === undefined) this.recordIncomplete(member, undefined, 'required element is missing');
        return;
      }
      // Lax: an entry without its key has nowhere to go in the Map; one without its value keeps the key.
      if (!f.hasKey) return;
    }
    if (f.key === null)
      throw new SoapValidationError(`${this.path(undefined)}.${key.name}`, null, 'a dictionary key cannot be nil');
    const map = (this.frames[this.top - 1] as Frame).value as Map<unknown, unknown>;
    if (map.has(f.key)) {
      const shown = typeof f.key === 'string' ? JSON.stringify(f.key) : String(f.key);
      throw new SoapValidationError(`${this.path(undefined)}.${key.name}`, f.key, `duplicate dictionary key ${shown}`);
    }
    map.set(f.key, f.hasValue ? f.entryValue : value.nillable ? null : undefined);
  }

  private recordIncomplete(member: string, value: unknown, reason: string): void {
    this.incomplete = new SoapValidationError(`${this.path(undefined)}${member}`, value, reason);
  }

  /** Stores a child's value in its container (objects: by descriptor name; arrays: pushed). */
  private assign(parent: Frame, field: CompiledField, value: unknown): void {
    switch (parent.kind) {
      case F_COMPLEX: {
        const obj = parent.value as Record<string, unknown>;
        if (field.repeated) {
          const existing = Object.hasOwn(obj, field.name) ? obj[field.name] : undefined;
          if (Array.isArray(existing)) existing.push(value);
          else setProp(obj, field.name, [value]);
        } else {
          setProp(obj, field.name, value);
        }
        return;
      }
      case F_ARRAY:
        (parent.value as unknown[]).push(value);
        return;
      case F_ENTRY:
        if (field === parent.field.key) {
          parent.key = value;
          parent.hasKey = true;
        } else {
          parent.entryValue = value;
          parent.hasValue = true;
        }
        return;
      case F_ROOT:
        this.result = value;
        return;
      default:
        // F_DICT children are entries, which store themselves on close.
        return;
    }
  }

  /** The xsi:type's ComplexDesc when it is a strict subtype of `declared`; otherwise undefined. */
  private subtype(declared: CompiledComplex, qname: string): CompiledComplex | undefined {
    const t = qname.trim();
    const colon = t.indexOf(':');
    const ns = this.resolve(colon < 0 ? '' : t.slice(0, colon)) ?? '';
    const key = this.schema.complexByXmlName(ns, colon < 0 ? t : t.slice(colon + 1));
    if (key === undefined || key === declared.key) return undefined;
    const sub = this.schema.complex(key);
    return sub.ancestors.has(declared.key) ? sub : undefined;
  }

  /** An encoded simple value's xsi:type must be its declared type or one derived from it (see acceptsXsiType). */
  private checkXsiType(field: CompiledField, xsiType: string): void {
    const expected = field.xmlType;
    const actual = xsiTypeName(xsiType, this.resolve);
    if (expected === undefined || (actual !== undefined && acceptsXsiType(expected, actual))) return;
    const shown = actual === undefined ? xsiType : `{${actual.ns}}${actual.name}`;
    throw new SoapValidationError(
      this.path(field),
      xsiType,
      `xsi:type ${shown} is not {${expected.ns}}${expected.name} or a type derived from it`,
    );
  }

  private readAttributes(type: CompiledComplex, tag: XmlTag, obj: Record<string, unknown>): void {
    for (let i = 0; i < tag.attributeCount; i++) {
      const a = tag.attributes[i] as XmlAttribute;
      for (const d of type.attributes) {
        if (d.name !== a.local || d.ns !== a.uri) continue;
        try {
          setProp(obj, d.prop, d.codec.parse(a.value));
        } catch (e) {
          if (e instanceof InvalidValue)
            throw new SoapValidationError(`${this.path(undefined)}.@${d.name}`, a.value, e.reason);
          throw e;
        }
      }
    }
  }

  /** The dotted path of the current position (computed only when reporting an error). */
  private path(leaf: CompiledField | undefined): string {
    // frames[0] stands outside the root element; frames[1..top] are the open containers.
    let p = '';
    for (let i = 1; i <= this.top; i++) {
      const f = this.frames[i] as Frame;
      p += f.index >= 0 ? `[${f.index}]` : p === '' ? f.field.name : `.${f.field.name}`;
    }
    if (leaf !== undefined) {
      const parent = this.frames[this.top] as Frame;
      if (this.top === 0) p = leaf.name;
      else p += parent.kind === F_ARRAY ? `[${(parent.value as unknown[]).length}]` : `.${leaf.name}`;
    }
    return p;
  }
}
