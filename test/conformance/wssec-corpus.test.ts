/**
 * node-soap's own WS-Security and ad-hoc header samples (../shared/corpus/node-soap): every
 * sample with a `security.json` is generated, called with the `security` option that says what
 * node-soap's WSSecurity options say (its clock set to the sample's Created), and the
 * wsse:Security header sent must equal the sample's canonically (prefixes, namespace
 * declarations and whitespace aside; wsu:Id values aside, since node-soap derives them from the
 * time, with colons no xs:ID may hold). The response-header sample's undeclared header comes back
 * as XML on `call`'s result.
 *
 * The custom-header samples' requests are not compared: node-soap wrote the text `headerContent`
 * directly into soap:Header, which holds header elements only (SOAP 1.1, 4.2); extra headers
 * here are elements.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { canonical, child, parseElement } from '../support/canonical.ts';
import { emitPackage } from '../../generator/emit/package.ts';
import { pickBinding } from '../../generator/generate.ts';
import { loadModel } from '../../generator/load-model.ts';
import { assignNames } from '../../generator/names.ts';
import { formatFiles } from '../../generator/write.ts';
import { sharedPath } from '../support/shared.ts';
import { fromNodeSoap, maskedIds, sampleCreated, type NodeSoapSecurity } from './node-soap-security.ts';

const SAMPLES = sharedPath('corpus/node-soap/request-response-samples');
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';

const work = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-wssec-'));
symlinkSync(path.resolve('node_modules'), path.join(work, 'node_modules'), 'dir');
after(() => rmSync(work, { recursive: true, force: true }));

interface Generated {
  /** The generated client class. */
  readonly Client: new (options: Record<string, unknown>) => {
    call(op: string, request: unknown, options?: Record<string, unknown>): Promise<{ extraHeaders: readonly string[] }>;
  };
}

/** Generates the sample's package (read leniently, as test/corpus.test.ts does) and imports its index. */
async function generate(sample: string): Promise<Generated> {
  const root = path.join(work, sample.replace(/[^A-Za-z0-9_-]/g, '_'));
  const wsdl = path.join(SAMPLES, sample, 'soap.wsdl');
  const model = await loadModel(wsdl, { lenient: true });
  const binding = pickBinding(model, undefined);
  const files = await formatFiles(emitPackage(model, binding, assignNames(model, binding), { packageName: 'sample', sourceName: 'soap.wsdl' }));
  for (const f of files) {
    const target = path.join(root, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, f.text);
  }
  const mod = (await import(pathToFileURL(path.join(root, 'src/index.ts')).href)) as Record<string, unknown>;
  const name = Object.keys(mod).find((k) => k.endsWith('Agent') && typeof mod[k] === 'function');
  assert.ok(name, `${sample}: no client class exported`);
  return { Client: mod[name] as Generated['Client'] };
}

function securityOf(envelope: string) {
  const header = child(parseElement(envelope.trim()), SOAP11, 'Header');
  return header && child(header, WSSE, 'Security');
}

/** A fetch that records the request body and answers with `response`. */
function recorder(response: string) {
  const bodies: string[] = [];
  const fetch = async (_url: unknown, init?: RequestInit) => {
    bodies.push(new TextDecoder().decode(init?.body as Uint8Array));
    return new Response(response, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } });
  };
  return { bodies, fetch };
}

describe("node-soap's WS-Security samples", () => {
  const samples = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((s) => existsSync(path.join(SAMPLES, s, 'security.json'))) : [];
  it('finds the six samples', () => assert.equal(samples.length, 6, `samples with security.json under ${SAMPLES}`));

  for (const sample of samples) {
    it(sample, async () => {
      const dir = path.join(SAMPLES, sample);
      const json = JSON.parse(readFileSync(path.join(dir, 'security.json'), 'utf8')) as NodeSoapSecurity;
      assert.equal(json.type, 'ws');
      const expected = securityOf(readFileSync(path.join(dir, 'request.xml'), 'utf8'));
      assert.ok(expected, 'the sample has a wsse:Security header');
      const created = sampleCreated(readFileSync(path.join(dir, 'request.xml'), 'utf8'));
      assert.ok(created !== undefined && !Number.isNaN(created.getTime()), 'the sample has a wsu:Created that is a time');
      const { Client } = await generate(sample);
      const { bodies, fetch } = recorder(readFileSync(path.join(dir, 'response.xml'), 'utf8'));
      const client = new Client({ endpoint: 'http://sample.invalid/', fetch, security: fromNodeSoap(json, created) });
      const operation = sample.slice(0, sample.indexOf('__'));
      const request = JSON.parse(readFileSync(path.join(dir, 'request.json'), 'utf8')) as unknown;
      await client.call(operation, request).catch(() => undefined); // the response is not what is judged here
      // node-soap's `{}` for a body element of type xs:anyType (these samples' `Request`) is empty
      // content: an empty XML fragment here.
      if (bodies.length === 0) await client.call(operation, '').catch(() => undefined);
      assert.equal(bodies.length, 1);
      const sent = securityOf(bodies[0]!);
      assert.ok(sent, 'a wsse:Security header was sent');
      assert.deepEqual(maskedIds(canonical(sent)), maskedIds(canonical(expected)));
    });
  }
});

describe("node-soap's ad-hoc header samples", () => {
  it('ResponseHeaders__return_soap_headers: the undeclared response header comes back as XML', async () => {
    const sample = 'ResponseHeaders__return_soap_headers';
    const dir = path.join(SAMPLES, sample);
    const { Client } = await generate(sample);
    const { fetch } = recorder(readFileSync(path.join(dir, 'response.xml'), 'utf8'));
    const result = await new Client({ endpoint: 'http://sample.invalid/', fetch }).call('ResponseHeaders', '');
    // responseSoapHeader.json is what node-soap made of it: { "SomeToken": "abcdefg" }.
    const parsed = JSON.parse(readFileSync(path.join(dir, 'responseSoapHeader.json'), 'utf8')) as Record<string, string>;
    assert.deepEqual(
      result.extraHeaders.map((x) => {
        const el = parseElement(x);
        return [el.localName, el.textContent];
      }),
      Object.entries(parsed),
    );
  });
});
