/**
 * Simple-type codecs: JS value <-> XSD lexical form, with validation in both directions; the XSD
 * primitives here, the types a contract derives from them in derived-codecs.ts.
 *
 * Codecs throw `InvalidValue` (a bare reason); the writer and reader know the element path and
 * turn it into a `SoapValidationError`. Lexical forms of numbers, booleans, dates and binaries
 * are whitespace-collapsed when read (XSD whiteSpace=collapse); strings are kept exactly.
 *
 * Floor 1 of the runtime (errors, values, compiled descriptors): imports nothing.
 */

/** Internal: a value that does not fit its type. Converted to SoapValidationError by callers. */
export class InvalidValue extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface SimpleCodec {
  /** JS value -> lexical form. Throws InvalidValue. */
  format(value: unknown): string;
  /**
   * True when format() only ever returns characters that character data carries as they are
   * (digits, signs, letters: numbers and booleans), so the writer skips escaping them.
   */
  readonly markupFree?: true;
  /** Lexical form exactly as read (not yet whitespace-processed) -> JS value. Throws InvalidValue. */
  parse(text: string): unknown;
}

// ---------------------------------------------------------------------------------------------
// Character checks and whitespace

/**
 * Characters XML 1.0 cannot carry, even escaped: C0 controls except TAB/LF/CR, lone
 * surrogates, U+FFFE and U+FFFF. With the `u` flag a well-formed surrogate pair is one code
 * point, so the surrogate range only matches lone halves (no lookbehind needed).
 */
export const BAD_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** Throws InvalidValue when `s` holds a character XML 1.0 cannot represent. */
export function checkXmlChars(s: string): void {
  const m = BAD_XML_CHAR.exec(s);
  if (m !== null) {
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new InvalidValue(`character U+${code} at index ${m.index} cannot be written in XML 1.0`);
  }
}

function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** Trims XML whitespace (not the wider set String.prototype.trim removes). Fast when nothing to trim. */
export function xmlTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isXmlSpace(s.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** Splits an XSD list lexical form (collapsed) into items; '' -> []. */
export function splitList(s: string): string[] {
  const t = xmlTrim(s);
  return t === '' ? [] : t.split(/[ \t\n\r]+/);
}

/** A value as error messages show it (strings quoted and cut at 40 characters). */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// Primitives

const stringCodec: SimpleCodec = {
  format(value) {
    if (typeof value !== 'string') throw new InvalidValue(`expected a string, got ${describe(value)}`);
    checkXmlChars(value);
    return value;
  },
  parse: (text) => text,
};

const booleanCodec: SimpleCodec = {
  markupFree: true,
  format(value) {
    if (typeof value !== 'boolean') throw new InvalidValue(`expected a boolean, got ${describe(value)}`);
    return value ? 'true' : 'false';
  },
  parse(text) {
    const t = xmlTrim(text);
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new InvalidValue(`invalid boolean ${describe(text)}`);
  },
};

const INTEGER_LEXICAL = /^[+-]?\d+$/;

/** Types that fit a JS number exactly: range-checked integers. */
function numberIntCodec(kind: string, min: number, max: number): SimpleCodec {
  return {
    markupFree: true,
    format(value) {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        throw new InvalidValue(`expected an integer (${kind}), got ${describe(value)}`);
      }
      if (value < min || value > max) throw new InvalidValue(`${value} is out of range for ${kind} (${min}..${max})`);
      return String(value === 0 ? 0 : value); // -0 -> "0"
    },
    parse(text) {
      const t = xmlTrim(text);
      if (!INTEGER_LEXICAL.test(t)) throw new InvalidValue(`invalid ${kind} ${describe(text)}`);
      const n = Number(t);
      if (n < min || n > max) throw new InvalidValue(`${t} is out of range for ${kind}`);
      return n === 0 ? 0 : n;
    },
  };
}

/**
 * The most significant digits an integer of an unbounded type (xs:integer and its kin) may have,
 * read or written. Converting a decimal string to a bigint takes time that grows faster than its
 * length, so a limit keeps a hostile number from blocking the event loop (60 million digits took
 * half a minute); 1,000 digits is far beyond any count or identifier and converts in microseconds.
 */
export const MAX_INTEGER_DIGITS = 1000;

/** Integer types wider than 2^53: bigint, range-checked when the type has bounds. */
function bigIntCodec(kind: string, min: bigint | undefined, max: bigint | undefined): SimpleCodec {
  // A bounded type's limits have at most this many digits: a longer number is out of range
  // whatever its digits, and is refused by its length before it is converted.
  const digits =
    min === undefined || max === undefined ? MAX_INTEGER_DIGITS : Math.max(String(min).length, String(max).length);
  const check = (v: bigint, shown: string): bigint => {
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      throw new InvalidValue(`${describe(shown)} is out of range for ${kind}`);
    }
    return v;
  };
  return {
    markupFree: true,
    format(value) {
      let v: bigint;
      if (typeof value === 'bigint') v = value;
      else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
      else throw new InvalidValue(`expected a bigint (${kind}), got ${describe(value)}`);
      const text = check(v, String(v)).toString();
      if (significantDigits(text) > MAX_INTEGER_DIGITS)
        throw new InvalidValue(`${kind} has more than ${MAX_INTEGER_DIGITS} digits`);
      return text;
    },
    parse(text) {
      const t = xmlTrim(text);
      if (!INTEGER_LEXICAL.test(t)) throw new InvalidValue(`invalid ${kind} ${describe(text)}`);
      if (significantDigits(t) > digits) {
        throw new InvalidValue(
          digits === MAX_INTEGER_DIGITS
            ? `${kind} ${describe(t)} has more than ${MAX_INTEGER_DIGITS} digits`
            : `${describe(t)} is out of range for ${kind}`,
        );
      }
      return check(BigInt(t), t);
    },
  };
}

/** Digits of an integer's lexical form after its sign and leading zeros. */
function significantDigits(t: string): number {
  let i = t.charCodeAt(0) === 0x2b || t.charCodeAt(0) === 0x2d ? 1 : 0;
  while (i < t.length - 1 && t.charCodeAt(i) === 0x30) i++;
  return t.length - i;
}

const DECIMAL_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** xs:decimal travels as its exact lexical string: no digit is lost, nothing is normalised. */
const decimalCodec: SimpleCodec = {
  markupFree: true,
  format(value) {
    if (typeof value !== 'string' || !DECIMAL_LEXICAL.test(value)) {
      throw new InvalidValue(`expected a decimal string, got ${describe(value)}`);
    }
    return value;
  },
  parse(text) {
    const t = xmlTrim(text);
    if (!DECIMAL_LEXICAL.test(t)) throw new InvalidValue(`invalid decimal ${describe(text)}`);
    return t;
  },
};

const FLOAT_LEXICAL = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?INF|NaN)$/;

/**
 * A finite number that xs:float cannot hold: it rounds to infinity in single precision. The
 * largest float written as .NET does (`3.4028235E+38`) is a little above the largest float
 * itself, and still reads.
 */
function overflowsFloat(v: number): boolean {
  return Number.isFinite(v) && !Number.isFinite(Math.fround(v));
}

function floatCodec(kind: string, single: boolean): SimpleCodec {
  return {
    markupFree: true,
    format(value) {
      if (typeof value !== 'number') throw new InvalidValue(`expected a number (${kind}), got ${describe(value)}`);
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'INF';
      if (value === -Infinity) return '-INF';
      if (single && overflowsFloat(value)) throw new InvalidValue(`${value} is out of range for ${kind}`);
      return Object.is(value, -0) ? '-0' : String(value);
    },
    parse(text) {
      const t = xmlTrim(text);
      if (!FLOAT_LEXICAL.test(t)) throw new InvalidValue(`invalid ${kind} ${describe(text)}`);
      if (t === 'NaN') return NaN;
      if (t.endsWith('INF')) return t.startsWith('-') ? -Infinity : Infinity;
      const v = Number(t);
      // What the writer refuses: a finite lexical form beyond xs:float's range (1e39) is not
      // the value INF.
      if (single && overflowsFloat(v)) throw new InvalidValue(`${describe(t)} is out of range for ${kind}`);
      return v;
    },
  };
}

// Date/time lexical forms (XSD 1.0 with the 1.1 year-0000 relaxation), validated field by field
// but otherwise untouched: a value without offset stays without offset.
// Year 0000 is 1 BCE (XSD 1.1); "-0000" is refused both ways: XSD 1.0 has no year zero, and
// under XSD 1.1 it would only be a second spelling of 0000 that other stacks refuse.
const YEAR = '(?:-?[1-9]\\d{4,}|-?(?!0000)\\d{4}|0000)';
const MONTH_DAY = '(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])';
const CLOCK = '(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?|24:00:00(?:\\.0+)?)';
const TZ = '(?:Z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?';
const DATE_TIME_LEXICAL = new RegExp(`^${YEAR}-${MONTH_DAY}T${CLOCK}${TZ}$`);
const DATE_LEXICAL = new RegExp(`^${YEAR}-${MONTH_DAY}${TZ}$`);
const TIME_LEXICAL = new RegExp(`^${CLOCK}${TZ}$`);
const DURATION_LEXICAL = /^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

/**
 * The day of a date must exist in its month (`2023-02-29` and `2024-04-31` do not). Years
 * count astronomically as XSD 1.1 does (0000 is 1 BCE, a leap year).
 */
const YEAR_MONTH_DAY = /^(-?\d+)-(\d\d)-(\d\d)/;

function dayExists(lexical: string): boolean {
  const m = YEAR_MONTH_DAY.exec(lexical);
  if (m === null) return true; // xs:time, xs:duration
  const day = Number(m[3]);
  if (day <= 28) return true;
  const month = Number(m[2]);
  if (month !== 2) return day <= (month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
  if (day > 29) return false;
  // 10000 is a multiple of 400, so the last four digits decide (years may have any number of digits).
  const y = Number((m[1] as string).slice(-4));
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function lexicalStringCodec(kind: string, lexical: RegExp): SimpleCodec {
  return {
    format(value) {
      if (typeof value !== 'string' || !lexical.test(value)) {
        throw new InvalidValue(`expected an ${kind} string, got ${describe(value)}`);
      }
      if (!dayExists(value)) throw new InvalidValue(`${describe(value)} names a day its month does not have`);
      return value;
    },
    parse(text) {
      const t = xmlTrim(text);
      if (!lexical.test(t)) throw new InvalidValue(`invalid ${kind} ${describe(text)}`);
      if (!dayExists(t)) throw new InvalidValue(`invalid ${kind} ${describe(text)}: the month has no such day`);
      return t;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Binary: own base64/hex codecs, so the runtime needs neither Buffer nor atob/btoa.

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_ENC = new Uint8Array(64);
const B64_DEC = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  const c = B64_ALPHABET.charCodeAt(i);
  B64_ENC[i] = c;
  B64_DEC[c] = i;
}
const ASCII = new TextDecoder('utf-8');

export function encodeBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = B64_ENC[(x >> 18) & 63] as number;
    out[o++] = B64_ENC[(x >> 12) & 63] as number;
    out[o++] = B64_ENC[(x >> 6) & 63] as number;
    out[o++] = B64_ENC[x & 63] as number;
  }
  const rest = n - i;
  if (rest > 0) {
    const x = ((bytes[i] as number) << 16) | (rest === 2 ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = B64_ENC[(x >> 18) & 63] as number;
    out[o++] = B64_ENC[(x >> 12) & 63] as number;
    out[o++] = rest === 2 ? (B64_ENC[(x >> 6) & 63] as number) : 0x3d;
    out[o++] = 0x3d;
  }
  return ASCII.decode(out);
}

/** Decodes base64 (whitespace anywhere is ignored; padding is required as XSD says). */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let o = 0;
  let acc = 0;
  let bits = 0;
  let pad = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isXmlSpace(c)) continue;
    count++;
    if (c === 0x3d) {
      pad++;
      continue;
    }
    const v = c < 128 ? (B64_DEC[c] as number) : -1;
    if (v < 0 || pad > 0) throw new InvalidValue(`invalid base64 character at index ${i}`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (count % 4 !== 0 || pad > 2 || (pad > 0 && (count - pad) % 4 !== 4 - pad)) {
    throw new InvalidValue('invalid base64 length or padding');
  }
  // The bits the padding leaves over must be zero (XSD's lexical space: 'QQ==', never 'QR=='),
  // so each value has one lexical form, the one the writer writes.
  if ((acc & ((1 << bits) - 1)) !== 0)
    throw new InvalidValue('non-canonical base64: the bits after the last octet are not zero');
  return out.slice(0, o);
}

function binaryCodec(kind: string, encode: (b: Uint8Array) => string, decode: (s: string) => Uint8Array): SimpleCodec {
  return {
    format(value) {
      if (!(value instanceof Uint8Array))
        throw new InvalidValue(`expected a Uint8Array (${kind}), got ${describe(value)}`);
      return encode(value);
    },
    parse: decode,
  };
}

const HEX = '0123456789ABCDEF';

function encodeHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  return s;
}

function decodeHex(text: string): Uint8Array {
  const t = xmlTrim(text);
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) throw new InvalidValue(`invalid hexBinary ${describe(text)}`);
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const PRIMITIVES: ReadonlyMap<string, SimpleCodec> = new Map<string, SimpleCodec>([
  ['xs:string', stringCodec],
  ['xs:boolean', booleanCodec],
  ['xs:byte', numberIntCodec('xs:byte', -128, 127)],
  ['xs:short', numberIntCodec('xs:short', -32768, 32767)],
  ['xs:int', numberIntCodec('xs:int', -2147483648, 2147483647)],
  ['xs:unsignedByte', numberIntCodec('xs:unsignedByte', 0, 255)],
  ['xs:unsignedShort', numberIntCodec('xs:unsignedShort', 0, 65535)],
  ['xs:unsignedInt', numberIntCodec('xs:unsignedInt', 0, 4294967295)],
  ['xs:long', bigIntCodec('xs:long', -(2n ** 63n), 2n ** 63n - 1n)],
  ['xs:unsignedLong', bigIntCodec('xs:unsignedLong', 0n, 2n ** 64n - 1n)],
  ['xs:integer', bigIntCodec('xs:integer', undefined, undefined)],
  ['xs:nonNegativeInteger', bigIntCodec('xs:nonNegativeInteger', 0n, undefined)],
  ['xs:positiveInteger', bigIntCodec('xs:positiveInteger', 1n, undefined)],
  ['xs:nonPositiveInteger', bigIntCodec('xs:nonPositiveInteger', undefined, 0n)],
  ['xs:negativeInteger', bigIntCodec('xs:negativeInteger', undefined, -1n)],
  ['xs:decimal', decimalCodec],
  ['xs:float', floatCodec('xs:float', true)],
  ['xs:double', floatCodec('xs:double', false)],
  ['xs:dateTime', lexicalStringCodec('xs:dateTime', DATE_TIME_LEXICAL)],
  ['xs:date', lexicalStringCodec('xs:date', DATE_LEXICAL)],
  ['xs:time', lexicalStringCodec('xs:time', TIME_LEXICAL)],
  ['xs:duration', lexicalStringCodec('xs:duration', DURATION_LEXICAL)],
  ['xs:base64Binary', binaryCodec('xs:base64Binary', encodeBase64, decodeBase64)],
  ['xs:hexBinary', binaryCodec('xs:hexBinary', encodeHex, decodeHex)],
]);

/** The codec of a PrimitiveName, or undefined when `name` is not one. */
export function primitiveCodec(name: string): SimpleCodec | undefined {
  return PRIMITIVES.get(name);
}
