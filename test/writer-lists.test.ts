/**
 * Repeated elements of simple values, which the writer writes with the tags built once
 * (templates/runtime/xml-writer.ts, writeSimpleItems): each item as an element of its own, text
 * escaped unless the type can only produce digits, signs and letters, null as xsi:nil, and a
 * refused item named by its index, on a hand-written service description.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  readMessage,
  SoapValidationError,
  writeMessage,
  type MessageDesc,
  type ServiceDesc,
} from '../templates/runtime/index.ts';

const NS = 'urn:lists';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const service: ServiceDesc = {
  soapVersion: '1.1',
  schema: {
    types: {
      Lists: {
        kind: 'complex',
        xmlName: { name: 'Lists', ns: NS },
        fields: [
          { name: 'Name', ns: NS, type: 'xs:string', min: 0, max: -1, nillable: true },
          { name: 'Count', ns: NS, type: 'xs:int', min: 0, max: -1 },
          { name: 'Flag', ns: NS, type: 'xs:boolean', min: 0, max: -1 },
          { name: 'Ratio', ns: NS, type: 'xs:double', min: 0, max: -1 },
          { name: 'Amount', ns: NS, type: 'xs:decimal', min: 0, max: 3 },
          { name: 'Big', ns: '', type: 'xs:long', min: 0, max: -1 },
        ],
      },
    },
  },
};
const message: MessageDesc = { body: { name: 'Lists', ns: NS, type: 'Lists', min: 1 }, headers: [] };

const body = (value: Record<string, unknown>): string => {
  const xml = writeMessage(service, message, value, undefined);
  return /<s:Body>(.*)<\/s:Body>/s.exec(xml)![1]!;
};

describe('a repeated element of simple values is written item by item', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no items', { Count: [] }, `<Lists xmlns="${NS}"/>`],
    [
      'integers, as they are',
      { Count: [1, -2, 0, 2147483647] },
      `<Lists xmlns="${NS}"><Count>1</Count><Count>-2</Count><Count>0</Count><Count>2147483647</Count></Lists>`,
    ],
    [
      'strings, escaped one by one; an empty one as an empty element; null as xsi:nil',
      { Name: ['a & b', '', null, '<x>\r'] },
      `<Lists xmlns="${NS}"><Name>a &amp; b</Name><Name/><Name i:nil="true" xmlns:i="${XSI}"/><Name>&lt;x&gt;&#13;</Name></Lists>`,
    ],
    ['booleans', { Flag: [true, false] }, `<Lists xmlns="${NS}"><Flag>true</Flag><Flag>false</Flag></Lists>`],
    [
      'doubles, the special values included',
      { Ratio: [1.5, -0, Infinity, -Infinity, NaN, 1e21] },
      `<Lists xmlns="${NS}"><Ratio>1.5</Ratio><Ratio>-0</Ratio><Ratio>INF</Ratio><Ratio>-INF</Ratio><Ratio>NaN</Ratio><Ratio>1e+21</Ratio></Lists>`,
    ],
    [
      'decimals as their exact strings',
      { Amount: ['0.10', '-3', '.5'] },
      `<Lists xmlns="${NS}"><Amount>0.10</Amount><Amount>-3</Amount><Amount>.5</Amount></Lists>`,
    ],
    [
      'an unqualified element',
      { Big: [9007199254740993n, -1n] },
      `<Lists xmlns="${NS}"><Big xmlns="">9007199254740993</Big><Big xmlns="">-1</Big></Lists>`,
    ],
  ];
  for (const [name, value, xml] of cases) {
    it(name, () => {
      const envelope = writeMessage(service, message, value, undefined);
      assert.equal(/<s:Body>(.*)<\/s:Body>/s.exec(envelope)?.[1], xml);
      // What is written reads back as the value.
      const read = readMessage(service, message, envelope).body;
      const lists = (o: object) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => Array.isArray(v) && v.length > 0));
      assert.deepStrictEqual(lists(read as object), lists(value));
    });
  }
});

describe('a refused item is named by its index', () => {
  const refused: [string, Record<string, unknown>, string, RegExp][] = [
    ['a fraction among integers', { Count: [1, 2, 1.5] }, 'Lists.Count[2]', /expected an integer/],
    ['null where the item is not nillable', { Count: [1, null] }, 'Lists.Count[1]', /null is not allowed/],
    ['a hole in the array', { Count: [1, , 3] }, 'Lists.Count[1]', /value is undefined/],
    ['out of range', { Count: [0, 2147483648] }, 'Lists.Count[1]', /out of range/],
    ['a string no XML can carry', { Name: ['ok', 'bad\u0001'] }, 'Lists.Name[1]', /U\+0001/],
    ['a number where a string goes', { Name: [7] }, 'Lists.Name[0]', /expected a string/],
    ['more items than maxOccurs', { Amount: ['1', '2', '3', '4'] }, 'Lists.Amount', /at most 3/],
  ];
  for (const [name, value, path, reason] of refused) {
    it(name, () => {
      assert.throws(
        () => body(value),
        (e: unknown) => {
          assert.ok(e instanceof SoapValidationError, String(e));
          assert.equal(e.path, path);
          assert.match(e.message, reason);
          return true;
        },
      );
    });
  }
});
