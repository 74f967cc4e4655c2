/**
 * Sample values for any message, made from the runtime descriptors of a generated package:
 * - 'full': every field set, lists with several items, dictionaries, flags, and nil where allowed
 *   on every other nillable field (so both null and values are covered);
 * - 'minimal': only what minOccurs requires;
 * - 'nil': every nillable field null, every other field as in 'minimal'.
 * Recursion stops at a depth, as a real message would.
 */
import type { FieldDesc, ServiceDesc, TypeDesc } from '../../templates/runtime/schema.ts';

export type SampleKind = 'full' | 'minimal' | 'nil';

const MAX_DEPTH = 4;

export class SampleMaker {
  private counter = 0;

  constructor(private readonly service: ServiceDesc) {}

  /** A value of the complex type `typeKey` (a body or header element type). */
  value(typeKey: string, kind: SampleKind): unknown {
    this.counter = 0;
    return this.ofType(typeKey, kind, 0);
  }

  private type(key: string): TypeDesc | undefined {
    return this.service.schema.types[key];
  }

  private ofType(key: string, kind: SampleKind, depth: number): unknown {
    const t = this.type(key);
    if (!t) return this.primitive(key);
    switch (t.kind) {
      case 'complex': {
        const obj: Record<string, unknown> = {};
        const chain: typeof t[] = [];
        for (let c: TypeDesc | undefined = t; c?.kind === 'complex'; c = c.base ? this.type(c.base) : undefined) chain.unshift(c);
        for (const c of chain) for (const f of c.fields) this.setField(obj, f, kind, depth);
        return obj;
      }
      case 'array': {
        if (kind !== 'full' || depth >= MAX_DEPTH) return [];
        return [0, 1, 2].map((i) => (i === 1 && t.item.nillable ? null : this.ofType(t.item.type, kind, depth + 1)));
      }
      case 'dictionary': {
        const map = new Map<string, unknown>();
        if (kind === 'full' && depth < MAX_DEPTH) {
          map.set('first', this.ofType(t.value.type, kind, depth + 1));
          map.set('__proto__', t.value.nillable ? null : this.ofType(t.value.type, kind, depth + 1));
          map.set('constructor', this.ofType(t.value.type, kind, depth + 1));
        }
        return map;
      }
      case 'enum':
        return t.values[this.counter++ % t.values.length];
      case 'flags':
        return kind === 'full' ? t.values.slice(0, 2) : [];
      case 'list':
        return kind === 'full' ? [this.ofType(t.item, kind, depth + 1), this.ofType(t.item, kind, depth + 1)] : [];
      case 'restriction':
        if (key === 'Guid') return '0f8fad5b-d9cb-469f-a165-70867728950e';
        if (key === 'Duration') return 'P1DT2H';
        return this.ofType(t.base, kind, depth);
    }
  }

  private setField(obj: Record<string, unknown>, f: FieldDesc, kind: SampleKind, depth: number): void {
    const n = this.counter++;
    const repeated = (f.max ?? 1) === -1 || (f.max ?? 1) > 1;
    if (kind !== 'full' && f.min === 0) {
      if (kind === 'nil' && f.nillable) obj[f.name] = repeated ? [null] : null;
      return;
    }
    const deeper = depth >= MAX_DEPTH && this.type(f.type)?.kind === 'complex';
    if (deeper && f.min === 0) return;
    const one = () => (f.nillable && kind === 'full' && n % 2 === 1 ? null : this.ofType(f.type, kind, depth + 1));
    obj[f.name] = repeated ? [one(), this.ofType(f.type, kind, depth + 1)] : one();
  }

  private primitive(key: string): unknown {
    const n = this.counter++;
    switch (key) {
      case 'xs:string':
        return ['plain', '', 'a < b & c > "d" \'e\' ]]>', 'Zoë – 日本 – 😀', '  spaced  '][n % 5];
      case 'xs:boolean':
        return n % 2 === 0;
      case 'xs:byte':
        return -128;
      case 'xs:short':
        return n % 2 === 0 ? 32767 : -32768;
      case 'xs:int':
        return n % 2 === 0 ? 2147483647 : -2147483648 + n;
      case 'xs:unsignedByte':
        return 255;
      case 'xs:unsignedShort':
        return 65535;
      case 'xs:unsignedInt':
        return 4294967295;
      case 'xs:long':
        return n % 2 === 0 ? 9223372036854775807n : -9223372036854775808n;
      case 'xs:unsignedLong':
        return 18446744073709551615n;
      case 'xs:integer':
      case 'xs:nonNegativeInteger':
      case 'xs:positiveInteger':
        return 123456789012345678901234567890n;
      case 'xs:nonPositiveInteger':
      case 'xs:negativeInteger':
        return -5n;
      case 'xs:decimal':
        return '12345678901234567890.1234567890';
      case 'xs:float':
      case 'xs:double':
        return 1.5;
      case 'xs:dateTime':
        return ['2024-02-29T23:59:59', '2024-02-29T23:59:59Z', '2024-02-29T23:59:59.123+05:30'][n % 3];
      case 'xs:date':
        return '2024-02-29';
      case 'xs:time':
        return '23:59:59';
      case 'xs:duration':
        return 'P1DT2H';
      case 'xs:base64Binary':
      case 'xs:hexBinary':
        return new Uint8Array([0, 1, 2, 253, 254, 255]);
      default:
        throw new Error(`no sample for ${key}`);
    }
  }
}
