// One side of a parse or serialize row in a process of its own (so that neither side's code
// shapes what V8 does with the other's): sets up, warms up, then prints the samples as JSON
// (milliseconds per call). argv: <case> <package index.js> <wsdl> <make-envelope.cjs> <warmup> <samples>
// Cases: parse:ours parse:node-soap parse:saxes ser-save:ours ser-save:node-soap ser-ids:ours ser-ids:node-soap
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [kase, pkgIndex, wsdl, envelopeModule, warmupArg, samplesArg] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { requests } = require('./cases.cjs');
const [row, side] = kase.split(':');

async function soapClient() {
  const soap = require('soap');
  return soap.createClientAsync(wsdl, { handleNilAsNull: true });
}

async function setup() {
  if (row === 'parse') {
    const { envelope } = require(envelopeModule);
    const xml = envelope(1000);
    xml.indexOf('\u0000'); // flattened, as a string read from a socket is
    if (side === 'ours') {
      const pkg = await import(pathToFileURL(pkgIndex).href);
      return () => pkg.parseGetUserInfoListResponse(xml);
    }
    if (side === 'node-soap') {
      const client = await soapClient();
      return () => client.wsdl.xmlToObject(xml);
    }
    const { SaxesParser } = require('saxes');
    const noop = () => {};
    // The runtime's options (saxes' defaults: no namespace processing, positions tracked), and
    // empty handlers for the events it listens to.
    return () => {
      const p = new SaxesParser({ xmlns: false, position: true });
      p.on('opentag', noop);
      p.on('closetag', noop);
      p.on('text', noop);
      p.on('attribute', noop);
      p.on('cdata', noop);
      p.write(xml).close();
    };
  }
  const [operation, ourBody, soapArgs] = requests[row];
  if (side === 'ours') {
    const pkg = await import(pathToFileURL(pkgIndex).href);
    const fn = pkg[`serialize${operation}Request`];
    return () => fn(ourBody);
  }
  const client = await soapClient();
  const input = client.wsdl.definitions.bindings.BasicHttpBinding_User.methods[operation].input;
  return () => client.wsdl.objectToDocumentXML(input.$name, soapArgs, input.targetNSAlias, input.targetNamespace, input.$type || input.$lookupType);
}

const fn = await setup();
// The loops run in a plain function (V8 optimizes and replaces it on the stack as it runs;
// the top level of an async module is never optimized).
function run(calls) {
  const t = performance.now();
  for (let i = 0; i < calls; i++) fn();
  return performance.now() - t;
}
// Calls per sample: about 20 ms of work (one call for the parses).
let calls = 1;
for (;;) {
  const ms = run(calls);
  if (ms >= 5 || calls >= 1 << 20) {
    calls = Math.max(1, Math.round((calls * 20) / Math.max(ms, 0.001)));
    break;
  }
  calls *= 4;
}
const samples = [];
for (let s = 0; s < Number(warmupArg) + Number(samplesArg); s++) {
  const ms = run(calls);
  if (s >= Number(warmupArg)) samples.push(ms / calls);
}
process.stdout.write(JSON.stringify(samples));
