// One in-process row of the benchmark: every case of the row set up in this one process, then
// timed in rounds, the cases alternating within each round (the order rotates every round, so no
// case always runs first or right after another), so that each round's ratio compares the cases
// under the same load and the same state of V8. Prints the samples as JSON:
// { cases: { <case>: [milliseconds per call, one per timed round] }, bytes: { <case>: document bytes } }.
// argv: <row> <package index.js> <wsdl> <make-envelope.cjs> <warm-up rounds> <timed rounds>
// Rows and their cases:
//   parse       ours, node-soap, saxes   (GetUserInfoListResponse, 1,000 records)
//   ser-save    ours, node-soap          (SaveServiceAuth request)
//   ser-ids     ours, node-soap          (GetUserInfoList request, 1,000 ids)
//   shapes      records, deep, wide, long-numbers   (ours, per document shape)
//   scale       1000, 10000, 100000      (ours, per record count)
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [row, pkgIndex, wsdl, envelopeModule, warmupArg, roundsArg] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { requests } = require('./cases.cjs');

const loadPackage = () => import(pathToFileURL(pkgIndex).href);
const soapClient = () => require('soap').createClientAsync(wsdl, { handleNilAsNull: true });
/** A document as a string read from a socket is: flat, not a rope of concatenations. */
const flat = (xml) => (xml.indexOf('\u0000'), xml);
const envelope = (records) => flat(require(envelopeModule).envelope(records));

/** Parses GetUserInfoListResponse texts of any size. */
const UNLIMITED = { limits: { maxBytes: 2 ** 31, maxElements: 2 ** 31 } };

/** The row's cases: name -> the call timed, and the document's size where there is one. */
async function setup() {
  if (row === 'parse') {
    const xml = envelope(1000);
    const pkg = await loadPackage();
    const client = await soapClient();
    const { SaxesParser } = require('saxes');
    const noop = () => {};
    return {
      ours: { fn: () => pkg.parseGetUserInfoListResponse(xml) },
      'node-soap': { fn: () => client.wsdl.xmlToObject(xml) },
      // saxes with its default options (no namespace processing, positions tracked) and empty
      // handlers for the events the runtime listens to: the tokenizer alone.
      saxes: {
        fn: () => {
          const p = new SaxesParser();
          p.on('opentag', noop);
          p.on('closetag', noop);
          p.on('text', noop);
          p.on('attribute', noop);
          p.on('cdata', noop);
          p.write(xml).close();
        },
      },
    };
  }
  if (row === 'ser-save' || row === 'ser-ids') {
    const [operation, ourBody, soapArgs] = requests[row];
    const pkg = await loadPackage();
    const client = await soapClient();
    const serialize = pkg[`serialize${operation}Request`];
    const input = client.wsdl.definitions.bindings.BasicHttpBinding_User.methods[operation].input;
    return {
      ours: { fn: () => serialize(ourBody) },
      'node-soap': { fn: () => client.wsdl.objectToDocumentXML(input.$name, soapArgs, input.targetNSAlias, input.targetNamespace, input.$type || input.$lookupType) },
    };
  }
  if (row === 'shapes') {
    // Each shape about the size of the 1,000-record response, read to the same records: deep
    // (prefixed elements 250 levels deep) and wide (elements with 250 prefixed attributes) in a
    // header the parser skips, long numbers (1,000 leading zeros on every integer of the records).
    const pkg = await loadPackage();
    const records = envelope(1000);
    const withHeader = (unit) =>
      records.replace('<s:Header>', `<s:Header><x:Shape xmlns:x="urn:shape">${unit.repeat(Math.ceil(records.length / unit.length))}</x:Shape>`);
    const attributes = Array.from({ length: 250 }, (_, i) => ` x:a${i}="${i}"`).join('');
    const docs = {
      records,
      deep: withHeader(`${'<x:e>'.repeat(250)}x${'</x:e>'.repeat(250)}`),
      wide: withHeader(`<x:w${attributes}/>`),
      'long-numbers': records.replace(/<FieldLength>/g, `<FieldLength>${'0'.repeat(1000)}`),
    };
    const expected = pkg.parseGetUserInfoListResponse(records).body;
    const cases = {};
    for (const [name, xml] of Object.entries(docs)) {
      const doc = flat(xml);
      assert.deepStrictEqual(pkg.parseGetUserInfoListResponse(doc).body, expected, `${name}: read as the records`);
      cases[name] = { fn: () => pkg.parseGetUserInfoListResponse(doc), bytes: Buffer.byteLength(doc) };
    }
    return cases;
  }
  if (row === 'scale') {
    const pkg = await loadPackage();
    const cases = {};
    for (const records of [1000, 10000, 100000]) {
      const xml = envelope(records);
      assert.equal(pkg.parseGetUserInfoListResponse(xml, UNLIMITED).body.Response.length, records, `${records} records read`);
      cases[String(records)] = { fn: () => pkg.parseGetUserInfoListResponse(xml, UNLIMITED), bytes: Buffer.byteLength(xml) };
    }
    return cases;
  }
  throw new Error(`micro.mjs: unknown row ${row}`);
}

const cases = await setup();
const names = Object.keys(cases);

// The loops run in a plain function (V8 optimizes and replaces it on the stack as it runs; the
// top level of an async module is never optimized).
function run(fn, calls) {
  const t = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return performance.now() - t;
}

/** Calls per sample: about 20 ms of work (one call for anything slower). */
function callsFor(fn) {
  let calls = 1;
  for (;;) {
    const ms = run(fn, calls);
    if (ms >= 5 || calls >= 1 << 20) return Math.max(1, Math.round((calls * 20) / Math.max(ms, 0.001)));
    calls *= 4;
  }
}

// Each case runs for 50 ms (at least twice) before it is calibrated: a first call may build what
// later calls reuse (compiled descriptors, a parsed WSDL), and counting calls on it would time
// one call per sample.
for (const n of names) {
  const t = performance.now();
  for (let i = 0; i < 2 || performance.now() - t < 50; i++) cases[n].fn();
}
const calls = Object.fromEntries(names.map((n) => [n, callsFor(cases[n].fn)]));
const samples = Object.fromEntries(names.map((n) => [n, []]));
const warmup = Number(warmupArg);
// No forced garbage collection between cases: a full collection while no parser is alive drops
// the hidden classes and functions that V8's optimized code of a parser depends on (saxes' and
// sax's alike: both add handlers to a fresh parser object), so collecting before every sample
// would time parsers that V8 has given up optimizing, as no process that parses does (saxes
// alone: about 15 ms per call here, about 90 ms after a forced collection before each call).
// The order rotates every round, so each case runs after each other as often.
for (let round = 0; round < warmup + Number(roundsArg); round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    const ms = run(cases[name].fn, calls[name]) / calls[name];
    if (round >= warmup) samples[name].push(ms);
  }
}
const bytes = Object.fromEntries(names.filter((n) => cases[n].bytes !== undefined).map((n) => [n, cases[n].bytes]));
process.stdout.write(JSON.stringify({ cases: samples, calls, bytes }));
