/**
 * Codecs of the simple types a contract derives: enumerations, WCF [Flags] enums, lists and
 * restrictions (pattern and length facets), each built on the codec of its base or item type.
 *
 * Floor 1 of the runtime (errors, values, compiled descriptors): imports floor 0 (xsd-pattern.ts),
 * and values.ts.
 */

import { describe, InvalidValue, splitList, xmlTrim, type SimpleCodec } from './values.js';
import { compilePattern, type XsdPattern } from './xsd-pattern.js';

export function enumCodec(values: readonly string[]): SimpleCodec {
  const allowed = new Set(values);
  return {
    format(value) {
      if (typeof value !== 'string' || !allowed.has(value)) {
        throw new InvalidValue(`${describe(value)} is not one of the enumeration values`);
      }
      return value;
    },
    parse(text) {
      if (allowed.has(text)) return text;
      const t = xmlTrim(text);
      if (allowed.has(t)) return t;
      throw new InvalidValue(`unknown enumeration value ${describe(text)}`);
    },
  };
}

/** WCF [Flags] enums: an array of literals <-> a space-separated list. */
export function flagsCodec(values: readonly string[]): SimpleCodec {
  const allowed = new Set(values);
  return {
    format(value) {
      if (!Array.isArray(value)) throw new InvalidValue(`expected an array of flags, got ${describe(value)}`);
      for (const v of value as unknown[]) {
        if (typeof v !== 'string' || !allowed.has(v))
          throw new InvalidValue(`${describe(v)} is not one of the flag values`);
      }
      return value.join(' ');
    },
    parse(text) {
      const items = splitList(text);
      for (const v of items) if (!allowed.has(v)) throw new InvalidValue(`unknown flag value ${describe(v)}`);
      return items;
    },
  };
}

/** xs:list: an array of items of the item type <-> a space-separated list. */
export function listCodec(item: SimpleCodec): SimpleCodec {
  return {
    format(value) {
      if (!Array.isArray(value)) throw new InvalidValue(`expected an array (list), got ${describe(value)}`);
      const parts: string[] = [];
      for (const v of value as unknown[]) {
        const lex = item.format(v);
        if (lex === '' || /[ \t\n\r]/.test(lex))
          throw new InvalidValue(`list item ${describe(lex)} is empty or contains whitespace`);
        parts.push(lex);
      }
      return parts.join(' ');
    },
    parse: (text) => splitList(text).map((t) => item.parse(t)),
  };
}

/** The facets of one restriction step the runtime checks (RestrictionDesc). */
export interface RestrictionFacets {
  readonly patterns?: readonly string[] | undefined;
  readonly length?: number | undefined;
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
}

/**
 * Restriction: the base's codec, with the step's pattern and length facets checked both ways,
 * so the reader refuses what the writer refuses. The lexical form must match one of the step's
 * patterns (XSD ORs the patterns of one step; a base's own are checked by the base's codec).
 * Patterns are matched by xsd-pattern.ts in time linear in the value; one it cannot compile is
 * not checked. Lengths count characters (code points) of a string, octets of binary data and
 * items of a list; other values have no length.
 */
export function restrictionCodec(base: SimpleCodec, facets: RestrictionFacets): SimpleCodec {
  const patterns = (facets.patterns ?? []).map(compilePattern).filter((p): p is XsdPattern => p !== undefined);
  const min = facets.length ?? facets.minLength;
  const max = facets.length ?? facets.maxLength;
  if (patterns.length === 0 && min === undefined && max === undefined) return base;
  const check = (lexical: string, value: unknown): void => {
    if (patterns.length > 0 && !patterns.some((p) => p.test(lexical))) {
      const shown = patterns.map((p) => p.source).join(' | ');
      throw new InvalidValue(`${describe(lexical)} does not match the pattern ${shown}`);
    }
    if (min === undefined && max === undefined) return;
    const length = lengthOf(value);
    if (length === undefined) return;
    if (min !== undefined && length < min) throw new InvalidValue(`length ${length} is under the minimum ${min}`);
    if (max !== undefined && length > max) throw new InvalidValue(`length ${length} is over the maximum ${max}`);
  };
  return {
    format(value) {
      const lexical = base.format(value);
      check(lexical, value);
      return lexical;
    },
    parse(text) {
      const value = base.parse(text);
      // The lexical form as read: a string type keeps it exactly, other types collapse it.
      check(typeof value === 'string' && value === text ? text : xmlTrim(text), value);
      return value;
    },
  };
}

/** Code points of a string, octets of binary data, items of a list; undefined for other values. */
function lengthOf(value: unknown): number | undefined {
  if (typeof value === 'string') {
    let n = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff || i + 1 === value.length) n++;
      else {
        const d = value.charCodeAt(i + 1);
        n++;
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
    }
    return n;
  }
  if (value instanceof Uint8Array || Array.isArray(value)) return value.length;
  return undefined;
}
