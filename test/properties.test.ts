/**
 * Property-based round trips through generated serializers and parsers (the features fixture
 * package and the User package), 1,000 runs per type family. Each family mixes valid values
 * with invalid ones; an oracle written here (not the runtime's own checks) says which is
 * which. A valid value must come back unchanged from parse(serialize(x)); an invalid one must
 * be refused with the package's SoapValidationError naming the field path, and a client must
 * send nothing. Set FC_SEED to replay another seed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as user from '../output/services86-user/src/index.ts';
import { restrictionCodec } from '../templates/runtime/derived-codecs.ts';
import { InvalidValue, primitiveCodec } from '../templates/runtime/values.ts';
import { compilePattern } from '../templates/runtime/xsd-pattern.ts';
import * as features from './fixtures/golden/features/expected/src/index.ts';

const RUNS = 1000;
const SEED = Number(process.env['FC_SEED'] ?? 20_261_128);
const params = { numRuns: RUNS, seed: SEED };

type Item = features.Item;

/** Counts what a property saw, so each test can show that both valid and invalid values were tried. */
class Tally {
  valid = 0;
  invalid = 0;
  check(minEach = 100): void {
    assert.equal(this.valid + this.invalid, RUNS);
    assert.ok(this.valid >= minEach && this.invalid >= minEach, `valid ${this.valid}, invalid ${this.invalid}`);
  }
}

function refused(path: string | RegExp, SoapValidationError: typeof features.SoapValidationError) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof SoapValidationError, `expected SoapValidationError, got ${String(e)}`);
    if (typeof path === 'string') assert.equal(e.path, path);
    else assert.match(e.path, path);
    return true;
  };
}

/** SaveItem request round trip of the features package (body only). */
function roundTripItem(item: Item | null | undefined): unknown {
  const body = item === undefined ? {} : { Item: item };
  return features.parseSaveItemRequest(features.serializeSaveItemRequest(body)).body;
}

// ---------------------------------------------------------------------------------------------
// Oracles, written from the XML and XSD specifications

/** XML 1.0 Char: TAB, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF (a lone surrogate is none of them). */
function isXmlText(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysIn(year: number, month: number): number {
  return month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Code points over the whole Unicode range (surrogate code points give lone surrogates), weighted towards the interesting ones. */
const codePoint = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x10ffff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xffff }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0x0, 0x1, 0x8, 0x9, 0xa, 0xb, 0xc, 0xd, 0x1f, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffe, 0xffff, 0xfffd, 0xe000, 0x10000, 0x1f600, 0x10ffff),
  },
);
const fragment = fc.constantFrom(']]>', '<![CDATA[', '&amp;', '&#13;', '\r\n', '\r', '"', "'", '<', '>', '&', '  ', '\uD83D\uDE00', '</Name>');
/** Strings mixing every kind of character, markup look-alikes and CR; about half cannot be written in XML. */
const anyString = fc
  .array(fc.oneof({ weight: 5, arbitrary: codePoint.map((cp) => String.fromCodePoint(cp)) }, { weight: 1, arbitrary: fragment }), { maxLength: 24 })
  .map((parts) => parts.join(''));
/** Strings XML can carry. */
const xmlString = anyString.filter(isXmlText);

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const INT16 = { min: -(2 ** 15), max: 2 ** 15 - 1 };
/** Numbers and other values where an integer of some range is expected: edges, beyond them, fractions, NaN, infinities, -0, wrong types. */
function integerCandidates(range: { min: number; max: number }): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer(range) },
    { weight: 2, arbitrary: fc.integer({ min: range.min * 4, max: range.max * 4 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(range.min, range.max, range.min - 1, range.max + 1, 0, -0, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, NaN, Infinity, -Infinity, 0.5, -1.5, 1e-300, Number.MAX_VALUE),
    },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('1', '', 1n, true, null, [], {}) },
  );
}
function isIntIn(v: unknown, range: { min: number; max: number }): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= range.min && v <= range.max;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

interface DateCandidate {
  readonly text: string;
  readonly valid: boolean;
}
/** xs:dateTime lexical forms built from parts, each part sometimes out of its range; with no offset, Z or ±hh:mm. */
const dateTime: fc.Arbitrary<DateCandidate> = fc
  .record({
    year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: -9999, max: -1 }), fc.integer({ min: 10_000, max: 999_999_999 })),
    month: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 13) }),
    day: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 28 }) }, { weight: 4, arbitrary: fc.integer({ min: 29, max: 32 }) }, { weight: 1, arbitrary: fc.constant(0) }),
    hour: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 23 }) }, { weight: 1, arbitrary: fc.constantFrom(24, 25) }),
    minute: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 59 }) }, { weight: 1, arbitrary: fc.constant(60) }),
    second: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 59 }) }, { weight: 1, arbitrary: fc.constant(60) }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.[0-9]{1,9}$/), fc.constant('.000')),
    zone: fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.record({ sign: fc.constantFrom('+', '-'), h: fc.integer({ min: 0, max: 15 }), m: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constant(30)) }).map((z) => ({
        text: `${z.sign}${pad(z.h)}:${pad(z.m)}`,
        valid: z.h < 14 || (z.h === 14 && z.m === 0),
      })),
    ),
  })
  .map((p) => {
    const year = p.year < 0 ? `-${pad(-p.year, 4)}` : pad(p.year, 4);
    const zone = typeof p.zone === 'string' ? { text: p.zone, valid: true } : p.zone;
    const endOfDay = p.hour === 24 && p.minute === 0 && p.second === 0 && /^(\.0+)?$/.test(p.fraction);
    const valid =
      p.month >= 1 &&
      p.month <= 12 &&
      p.day >= 1 &&
      p.day <= daysIn(Math.abs(p.year), p.month) &&
      (p.hour < 24 || endOfDay) &&
      p.minute < 60 &&
      p.second < 60 &&
      zone.valid;
    return { text: `${year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${zone.text}`, valid };
  });

interface Tagged {
  readonly value: unknown;
  readonly valid: boolean;
}
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** xs:decimal lexical forms up to 40 digits (valid by construction) and near misses (invalid by construction). */
const decimal: fc.Arbitrary<Tagged> = fc.oneof(
  fc
    .record({ sign: fc.constantFrom('', '+', '-'), int: digits(1, 40), frac: fc.option(digits(0, 35), { nil: undefined }) })
    .map((d) => ({ value: `${d.sign}${d.int}${d.frac === undefined ? '' : `.${d.frac}`}`, valid: true })),
  fc.record({ sign: fc.constantFrom('', '-'), frac: digits(1, 30) }).map((d) => ({ value: `${d.sign}.${d.frac}`, valid: true })),
  fc
    .tuple(digits(1, 30), fc.constantFrom('e5', 'E-3', ' ', '.', '..1', '1.2.3', ',5', '_1', 'x', '\u0661'))
    .map(([d, junk]) => ({ value: junk === '.' ? '.' : junk === ' ' ? ` ${d}` : `${d}${junk}`, valid: false })),
  fc.constantFrom<unknown>('', '+', '-', '.', 'NaN', 'INF', '-INF', 'Infinity', '0x10', 1.5, 10n, null).map((value) => ({ value, valid: false })),
);

const LONG = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const ULONG = { min: 0n, max: 2n ** 64n - 1n };
function bigIntCandidates(range: { min: bigint; max: bigint }): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.bigInt(range) },
    { weight: 2, arbitrary: fc.bigInt({ min: range.min - 2n ** 64n, max: range.max + 2n ** 64n }) },
    { weight: 2, arbitrary: fc.constantFrom(range.min, range.max, range.min - 1n, range.max + 1n, 0n, -1n, 2n ** 53n + 1n) },
    { weight: 1, arbitrary: fc.oneof(fc.maxSafeInteger(), fc.double(), fc.constantFrom(2 ** 53, -(2 ** 60), 0.5, NaN, Infinity)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>('1', '', null, true) },
  );
}
/** Valid long values, as the parser gives them back (safe integers are accepted as numbers and read as bigint). */
function asBigInt(v: unknown, range: { min: bigint; max: bigint }): bigint | undefined {
  const b = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : undefined;
  return b !== undefined && b >= range.min && b <= range.max ? b : undefined;
}

const dictionaryKey = fc.oneof(
  { weight: 3, arbitrary: anyString },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', ' ', 'a b', '\r\n') },
);

// ---------------------------------------------------------------------------------------------

describe(`property-based round trips (${RUNS} runs per family, seed ${SEED})`, () => {
  it('strings over the whole Unicode range: XML text survives exactly, anything else is refused naming the field', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(anyString, (s) => {
        const item: Item = { Name: s };
        if (isXmlText(s)) {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: item });
        } else {
          tally.invalid++;
          assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused('SaveItem.Item.Name', features.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('strings: an invalid value makes the client send nothing; a valid one is sent as written', async () => {
    let sent = 0;
    let lastBody = '';
    const fetchStub: typeof fetch = async (_url, init) => {
      sent++;
      lastBody = new TextDecoder().decode(init?.body as Uint8Array);
      return new Response(features.serializeSaveItemResponse({}), { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
    };
    const agent = new features.FeaturesAgent({ endpoint: 'http://127.0.0.1:9/features', fetch: fetchStub });
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(anyString, async (s) => {
        const before = sent;
        const request = { Item: { Name: s } };
        if (isXmlText(s)) {
          tally.valid++;
          await agent.saveItem(request);
          assert.equal(sent, before + 1);
          assert.deepStrictEqual(features.parseSaveItemRequest(lastBody).body, request);
        } else {
          tally.invalid++;
          await assert.rejects(agent.saveItem(request), refused('SaveItem.Item.Name', features.SoapValidationError));
          assert.equal(sent, before, 'nothing is sent');
        }
      }),
      params,
    );
    tally.check();
  });

  it('xs:int and xs:short at and beyond their edges, fractions, NaN, infinities, -0 and wrong types', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(integerCandidates(INT32), integerCandidates(INT16), fc.boolean(), (port, rank, pickPort) => {
        const value = pickPort ? port : rank;
        const valid = pickPort ? isIntIn(port, INT32) : isIntIn(rank, INT16);
        const serialize = pickPort
          ? () => user.serializeSaveServiceAuthRequest({ ServiceAuth: { Port: port as number } })
          : () => user.serializeSaveRoleEntityRequest({ RoleEntity: { CreatedBy: { Rank: rank as number } } });
        if (valid) {
          tally.valid++;
          const expected = (value as number) === 0 ? 0 : value; // -0 is written 0
          const xml = serialize();
          if (pickPort) assert.deepStrictEqual(user.parseSaveServiceAuthRequest(xml).body, { ServiceAuth: { Port: expected } });
          else assert.deepStrictEqual(user.parseSaveRoleEntityRequest(xml).body, { RoleEntity: { CreatedBy: { Rank: expected } } });
        } else {
          tally.invalid++;
          const path = pickPort ? 'SaveServiceAuth.ServiceAuth.Port' : 'SaveRoleEntity.RoleEntity.CreatedBy.Rank';
          assert.throws(serialize, refused(path, user.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('xs:double: every number (NaN, ±Infinity, -0, subnormals) survives exactly; other types are refused', () => {
    const tally = new Tally();
    const candidate = fc.oneof({ weight: 9, arbitrary: fc.double() }, { weight: 1, arbitrary: fc.constantFrom<unknown>('1', 1n, null, true, '') });
    fc.assert(
      fc.property(candidate, (h) => {
        const item = { Name: 'n', Size: { Width: 0n, Height: h as number } };
        if (typeof h === 'number') {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: item }); // Object.is: NaN equals NaN, -0 differs from 0
        } else {
          tally.invalid++;
          assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused('SaveItem.Item.Size.Height', features.SoapValidationError));
        }
      }),
      params,
    );
    tally.check(50);
  });

  it('xs:dateTime with and without offsets: kept exactly as written, impossible dates and times refused', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(dateTime, ({ text, valid }) => {
        const item = { Name: 'n', When: text };
        if (valid) {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: item });
        } else {
          tally.invalid++;
          assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused('SaveItem.Item.When', features.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('xs:decimal up to 40 digits: every digit kept, nothing normalised; near misses refused', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(decimal, ({ value, valid }) => {
        const item = { Name: 'n', Price: value as string };
        if (valid) {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: item });
        } else {
          tally.invalid++;
          assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused('SaveItem.Item.Price', features.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('xs:long and xs:unsignedLong at and beyond their edges, as bigint or safe-integer number', () => {
    const tally = new Tally();
    fc.assert(
      fc.property(bigIntCandidates(LONG), bigIntCandidates(ULONG), (id, width) => {
        const item = { Name: 'n', Id: id as bigint, Size: { Width: width as bigint, Height: 1 } };
        const idOk = asBigInt(id, LONG);
        const widthOk = asBigInt(width, ULONG);
        if (idOk !== undefined && widthOk !== undefined) {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: { ...item, Id: idOk, Size: { Width: widthOk, Height: 1 } } });
        } else {
          tally.invalid++;
          // The first invalid field in document order is reported: Id (a base field) before Size.
          const path = idOk === undefined ? 'SaveItem.Item.Id' : 'SaveItem.Item.Size.Width';
          assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused(path, features.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('flags: any list of known literals (order and repeats kept, empty included); unknown or spaced literals refused', () => {
    const tally = new Tally();
    const rights = fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('Read', 'Write') }, { weight: 1, arbitrary: fc.constantFrom('read', 'Admin', 'Read Write', '', ' Read') }), { maxLength: 5 });
    const tableRights = fc.array(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...Object.values(user.ETableRight)) }, { weight: 1, arbitrary: fc.constantFrom('Selectx', 'Delete Update', '') }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(rights, tableRights, (r, t) => {
        const rOk = r.every((x) => x === 'Read' || x === 'Write');
        const tOk = t.every((x) => (Object.values(user.ETableRight) as string[]).includes(x));
        const item = { Name: 'n', Rights: r as features.Rights };
        const auth = { ServiceAuth: { TableRight: { Mask: t as user.ETableRight } } };
        if (rOk && tOk) {
          tally.valid++;
          assert.deepStrictEqual(roundTripItem(item), { Item: item });
          assert.deepStrictEqual(user.parseSaveServiceAuthRequest(user.serializeSaveServiceAuthRequest(auth)).body, auth);
        } else {
          tally.invalid++;
          if (!rOk) assert.throws(() => features.serializeSaveItemRequest({ Item: item }), refused('SaveItem.Item.Rights', features.SoapValidationError));
          if (!tOk) assert.throws(() => user.serializeSaveServiceAuthRequest(auth), refused('SaveServiceAuth.ServiceAuth.TableRight.Mask', user.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('dictionaries with arbitrary keys (__proto__ included): the same Map back, in order; bad keys and values refused', () => {
    const tally = new Tally();
    const entries = fc.uniqueArray(fc.tuple(dictionaryKey, fc.oneof({ weight: 9, arbitrary: fc.integer(INT32) }, { weight: 1, arbitrary: integerCandidates(INT32) })), {
      maxLength: 6,
      selector: ([k]) => k,
    });
    const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(entries, (list) => {
        const props = new Map(list as [string, number][]);
        const item = { Name: 'n', Props: props };
        const bad = list.findIndex(([k, v]) => !isXmlText(k) || !isIntIn(v, INT32));
        if (bad < 0) {
          tally.valid++;
          const back = roundTripItem(item) as { Item: { Props: Map<string, number> } };
          assert.deepStrictEqual(back, { Item: { Name: 'n', Props: new Map(list.map(([k, v]) => [k, v === 0 ? 0 : v])) } });
        } else {
          tally.invalid++;
          const [k, v] = list[bad]!;
          const field = isXmlText(k) ? 'Value' : 'Key';
          assert.ok(field === 'Key' || !isIntIn(v, INT32));
          assert.throws(
            () => features.serializeSaveItemRequest({ Item: item }),
            refused(`SaveItem.Item.Props[${JSON.stringify(k)}].${field}`, features.SoapValidationError),
          );
        }
        assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), protoNames);
      }),
      params,
    );
    tally.check();
  });

  it('nested lists (ArrayOfArrayOfDataRight, with nil lists and nil items) and repeated elements', () => {
    const tally = new Tally();
    const right = fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 6, arbitrary: fc.record({ Value: fc.oneof(anyString, fc.constant(null)), Description: fc.oneof(xmlString, fc.constant(null)) }, { requiredKeys: [], noNullPrototype: true }) },
    );
    const rights = fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: fc.array(right, { maxLength: 4 }) }), { maxLength: 4 });
    fc.assert(
      fc.property(rights, (matrix) => {
        const request = { RoleEntity: { DataRights: { Rights: matrix as user.ArrayOfArrayOfDataRight } } };
        let badPath: string | undefined;
        matrix.forEach((row, i) =>
          row?.forEach((r, j) => {
            if (badPath === undefined && r !== null && typeof r.Value === 'string' && !isXmlText(r.Value)) {
              badPath = `SaveRoleEntity.RoleEntity.DataRights.Rights[${i}][${j}].Value`;
            }
          }),
        );
        if (badPath === undefined) {
          tally.valid++;
          assert.deepStrictEqual(user.parseSaveRoleEntityRequest(user.serializeSaveRoleEntityRequest(request)).body, request);
        } else {
          tally.invalid++;
          assert.throws(() => user.serializeSaveRoleEntityRequest(request), refused(badPath, user.SoapValidationError));
        }
      }),
      params,
    );
    tally.check();
  });

  it('absent, nil and empty stay distinct for every optional and nillable field, bytes included; a missing required field is refused', () => {
    const tally = new Tally();
    const absent = Symbol('absent');
    const choice = <T>(...values: fc.Arbitrary<T>[]) => fc.oneof(fc.constant<typeof absent>(absent), ...values);
    const shape = fc.record({
      item: fc.oneof({ weight: 1, arbitrary: fc.constant<typeof absent | null>(absent) }, { weight: 1, arbitrary: fc.constant<typeof absent | null>(null) }, { weight: 8, arbitrary: fc.constant('object' as const) }),
      Name: choice(fc.constant(null), fc.constant(''), xmlString),
      Data: choice(fc.constant(null), fc.uint8Array({ maxLength: 40 })),
      Tags: choice(fc.constant(null), fc.array(fc.oneof(fc.constant(null), fc.constant(''), xmlString), { maxLength: 4 })),
      Note: choice(fc.array(fc.oneof(fc.constant(''), xmlString), { maxLength: 3 })),
      Other: choice(fc.constant(null), fc.record({ Code: fc.oneof(fc.constant(''), xmlString) }, { noNullPrototype: true })),
      Token: choice(fc.constant(null), fc.constant(''), xmlString),
    });
    fc.assert(
      fc.property(shape, (s) => {
        const item: Record<string, unknown> = {};
        for (const key of ['Name', 'Data', 'Tags', 'Note', 'Other'] as const) if (s[key] !== absent) item[key] = s[key];
        const body = s.item === absent ? {} : { Item: s.item === null ? null : (item as unknown as Item) };
        const headers = s.Token === absent ? {} : { Token: s.Token };
        if (s.item === 'object' && s.Name === absent) {
          tally.invalid++;
          assert.throws(() => features.serializeSaveItemRequest(body, { headers }), refused('SaveItem.Item.Name', features.SoapValidationError));
          return;
        }
        tally.valid++;
        const parsed = features.parseSaveItemRequest(features.serializeSaveItemRequest(body, { headers }));
        // A repeated element with no occurrences is simply absent on the wire.
        const expected = s.item === 'object' && Array.isArray(item['Note']) && item['Note'].length === 0 ? { Item: Object.fromEntries(Object.entries(item).filter(([k]) => k !== 'Note')) } : body;
        assert.deepStrictEqual(parsed.body, expected);
        assert.deepStrictEqual(parsed.headers, headers);
      }),
      params,
    );
    tally.check();
  });
});

// ---------------------------------------------------------------------------------------------
// Reading refuses what writing refuses

describe('what the writer refuses the reader refuses (every simple type)', () => {
  /** Lexical forms near the edges of every type: digits, signs, exponents, dates, base64 quads. */
  const lexical = fc.oneof(
    fc.stringMatching(/^[-+]?\d{1,25}(\.\d{0,3})?([eE][-+]?\d{1,3})?$/),
    fc.constantFrom('INF', '-INF', 'NaN', '1e39', '-1e39', '3.4028235E+38', '3.4028236E+38', '1e309', '0', '-0', 'true', '1', ' 7 '),
    fc.stringMatching(/^-?\d{4,5}-(0\d|1[0-3])-([0-3]\d)(T([0-2]\d):([0-5]\d):([0-6]\d)(\.\d{1,3})?)?(Z|[+-]1[0-5]:00)?$/),
    fc.stringMatching(/^([A-Za-z0-9+/]{4}){0,3}[A-Za-z0-9+/]{2,3}={0,2}$/),
    fc.stringMatching(/^[0-9A-Fa-f]{0,8}$/),
  );
  const types = [
    'xs:boolean', 'xs:byte', 'xs:short', 'xs:int', 'xs:unsignedByte', 'xs:unsignedShort', 'xs:unsignedInt', 'xs:long', 'xs:unsignedLong',
    'xs:integer', 'xs:nonNegativeInteger', 'xs:positiveInteger', 'xs:nonPositiveInteger', 'xs:negativeInteger', 'xs:decimal', 'xs:float',
    'xs:double', 'xs:dateTime', 'xs:date', 'xs:time', 'xs:duration', 'xs:base64Binary', 'xs:hexBinary',
  ];
  it('a value read from any lexical form is one the writer writes, and writes back to a form that reads as the same value', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.constantFrom(...types), lexical, (type, text) => {
        const codec = primitiveCodec(type)!;
        let value: unknown;
        try {
          value = codec.parse(text);
        } catch (e) {
          assert.ok(e instanceof InvalidValue, String(e));
          return;
        }
        read++;
        const written = codec.format(value); // throws if the writer refuses what was read
        assert.deepStrictEqual(codec.parse(written), value, `${type} ${text} -> ${written}`);
      }),
      { ...params, numRuns: RUNS * 5 },
    );
    assert.ok(read > RUNS / 2, `${read} lexical forms read`);
  });

  it('the cases the hostile suite found: 1e39 as xs:float, year -0000, base64 padding with stray bits', () => {
    for (const [type, text] of [['xs:float', '1e39'], ['xs:float', '-1e39'], ['xs:dateTime', '-0000-01-01T00:00:00'], ['xs:date', '-0000-01-01'], ['xs:base64Binary', 'QR=='], ['xs:base64Binary', 'QUJ=']] as const) {
      assert.throws(() => primitiveCodec(type)!.parse(text), InvalidValue, `${type} ${text}`);
    }
    assert.equal(primitiveCodec('xs:float')!.parse('3.4028235E+38'), 3.4028235e38); // .NET's float.MaxValue
    assert.deepStrictEqual(primitiveCodec('xs:base64Binary')!.parse('Q U I ='), new Uint8Array([65, 66]));
  });

  it('pattern and length facets: a lexical form is read exactly when the same value is written', () => {
    const facets = fc.record({
      patterns: fc.option(fc.constantFrom(['[a-c]+'], ['a*b?', 'c'], ['\\d{2,3}'], ['[^b]*'], ['(ab|c)*']), { nil: undefined }),
      minLength: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      maxLength: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    });
    const tally = new Tally();
    fc.assert(
      fc.property(facets, fc.stringMatching(/^[abc12\u{1F600}]{0,6}$/u), (f, text) => {
        const codec = restrictionCodec(primitiveCodec('xs:string')!, f);
        let readOk = true;
        try {
          codec.parse(text);
        } catch (e) {
          assert.ok(e instanceof InvalidValue);
          readOk = false;
        }
        let writeOk = true;
        try {
          codec.format(text);
        } catch (e) {
          assert.ok(e instanceof InvalidValue);
          writeOk = false;
        }
        assert.equal(readOk, writeOk, `${JSON.stringify(f)} ${text}`);
        // The oracle: a JavaScript RegExp (these patterns mean the same in both dialects) and code point counts.
        const length = [...text].length;
        const expected =
          (f.patterns === undefined || f.patterns.some((p) => new RegExp(`^(?:${p})$`, 'u').test(text))) &&
          (f.minLength === undefined || length >= f.minLength) &&
          (f.maxLength === undefined || length <= f.maxLength);
        assert.equal(readOk, expected, `${JSON.stringify(f)} ${text}`);
        if (expected) tally.valid++;
        else tally.invalid++;
      }),
      params,
    );
    tally.check();
  });

  it('XSD patterns match as JavaScript regular expressions do on the patterns both dialects share', () => {
    // Patterns over a small alphabet: concatenation, alternation, groups, every quantifier, classes.
    const pattern = fc.letrec<{ re: string }>((tie) => ({
      re: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '\\s', '[a-c-[b]]'),
        fc.tuple(tie('re'), tie('re')).map(([x, y]) => `${x}${y}`),
        fc.tuple(tie('re'), tie('re')).map(([x, y]) => `(${x}|${y})`),
        fc.tuple(tie('re'), fc.constantFrom('?', '*', '+', '{2}', '{0,2}', '{1,}')).map(([x, q]) => `(${x})${q}`),
      ),
    })).re;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[ab1 \n]{0,8}$/), (p, text) => {
        const compiled = compilePattern(p);
        assert.ok(compiled, p);
        // JavaScript has no class subtraction: [a-c-[b]] is [ac].
        const js = new RegExp(`^(?:${p.replaceAll('[a-c-[b]]', '[ac]').replaceAll('.', '[^\\n\\r]')})$`, 'u');
        assert.equal(compiled.test(text), js.test(text), `${p} on ${JSON.stringify(text)}`);
      }),
      params,
    );
  });
});
