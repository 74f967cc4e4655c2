/**
 * What the benchmark checks before it times anything: node-soap and our package read the same
 * envelope to the same data. node-soap returns strings and numbers in its own shapes (a WCF
 * array is `{ item: [...] }`, a single item is not an array, flags are one string, a dictionary
 * is its KeyValuePair list); `fromNodeSoap` maps them onto our typed values, driven by our
 * descriptor tables, with its own (independent) conversion of the XSD built-ins.
 */
import type { FieldDesc, MessageDesc, Schema, TypeDesc } from '../../templates/runtime/schema.ts';

const INTEGERS = new Set(['xs:byte', 'xs:short', 'xs:int', 'xs:unsignedByte', 'xs:unsignedShort', 'xs:unsignedInt']);
const BIGINTS = new Set(['xs:long', 'xs:unsignedLong', 'xs:integer', 'xs:nonNegativeInteger', 'xs:positiveInteger', 'xs:nonPositiveInteger', 'xs:negativeInteger']);

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function text(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v !== null && typeof v === 'object' && '$value' in v) return String((v as { $value: unknown }).$value);
  throw new Error(`expected a simple value, got ${JSON.stringify(v)}`);
}

function primitive(name: string, v: unknown): unknown {
  const s = text(v);
  if (INTEGERS.has(name)) return Number(s);
  if (BIGINTS.has(name)) return BigInt(s);
  if (name === 'xs:boolean') return s === 'true' || s === '1';
  if (name === 'xs:float' || name === 'xs:double') return s === 'INF' ? Infinity : s === '-INF' ? -Infinity : Number(s);
  if (name === 'xs:base64Binary') return new Uint8Array(Buffer.from(s, 'base64'));
  if (name === 'xs:hexBinary') return new Uint8Array(Buffer.from(s, 'hex'));
  return s; // string, decimal, dates and times, duration: the lexical form
}

/** A value node-soap produced for an element of `field`, as our typed value. */
export function fieldFromNodeSoap(schema: Schema, field: FieldDesc, v: unknown): unknown {
  if ((field.max ?? 1) !== 1) return asArray(v).map((item) => valueFromNodeSoap(schema, field.type, item, field.nillable ?? false));
  return valueFromNodeSoap(schema, field.type, v, field.nillable ?? false);
}

function valueFromNodeSoap(schema: Schema, type: string, v: unknown, nillable: boolean): unknown {
  if (v === null && nillable) return null;
  if (type.startsWith('xs:')) return primitive(type, v);
  const desc: TypeDesc | undefined = schema.types[type];
  if (!desc) throw new Error(`unknown type ${type}`);
  switch (desc.kind) {
    case 'complex': {
      const out: Record<string, unknown> = {};
      const chain: (typeof desc)[] = [];
      for (let d: TypeDesc | undefined = desc; d?.kind === 'complex'; d = d.base ? schema.types[d.base] : undefined) chain.unshift(d);
      const obj = (v ?? {}) as Record<string, unknown>;
      for (const d of chain) {
        for (const f of d.fields) {
          if (obj[f.name] !== undefined) out[f.name] = fieldFromNodeSoap(schema, f, obj[f.name]);
        }
      }
      return out;
    }
    case 'array': {
      const items = v === '' || v === undefined ? undefined : (v as Record<string, unknown>)[desc.item.name];
      return asArray(items).map((item) => valueFromNodeSoap(schema, desc.item.type, item, desc.item.nillable ?? false));
    }
    case 'dictionary': {
      const entries = v === '' || v === undefined ? undefined : (v as Record<string, unknown>)[desc.entry.name];
      return new Map(
        asArray(entries).map((e) => {
          const entry = e as Record<string, unknown>;
          return [fieldFromNodeSoap(schema, desc.key, entry[desc.key.name]), fieldFromNodeSoap(schema, desc.value, entry[desc.value.name])];
        }),
      );
    }
    case 'enum':
      return text(v);
    case 'flags': {
      const s = text(v).trim();
      return s === '' ? [] : s.split(/\s+/);
    }
    case 'list': {
      const s = text(v).trim();
      return s === '' ? [] : s.split(/\s+/).map((item) => valueFromNodeSoap(schema, desc.item, item, false));
    }
    case 'restriction':
      return valueFromNodeSoap(schema, desc.base, v, nillable);
  }
}

/**
 * node-soap's `xmlToObject` result for a whole envelope, as our `{ body, headers, extraHeaders, warnings }`.
 * Undeclared headers are kept by our reader as raw XML, which node-soap's objects cannot give
 * back: the envelopes compared carry declared headers only, and an undeclared one is an error here.
 */
export function messageFromNodeSoap(
  schema: Schema,
  message: MessageDesc,
  envelope: unknown,
): { body: unknown; headers: Record<string, unknown>; extraHeaders: unknown[]; warnings: unknown[] } {
  const env = envelope as { Header?: Record<string, unknown>; Body?: Record<string, unknown> };
  const headers: Record<string, unknown> = {};
  for (const h of message.headers) {
    const v = env.Header?.[h.element.name];
    if (v !== undefined) headers[h.part] = fieldFromNodeSoap(schema, h.element, v);
  }
  const declared = new Set(message.headers.map((h) => h.element.name));
  const undeclared = Object.keys(env.Header ?? {}).filter((name) => !declared.has(name) && !name.startsWith('$') && name !== 'attributes');
  if (undeclared.length > 0) throw new Error(`the envelope carries undeclared headers (${undeclared.join(', ')}): compare envelopes with declared headers only`);
  return { body: fieldFromNodeSoap(schema, message.body, env.Body?.[message.body.name]), headers, extraHeaders: [], warnings: [] };
}
