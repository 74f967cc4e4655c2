/**
 * Every message the generated package writes is valid by the contract's schemas, as libxml2
 * judges it: for the 79 operations, with full, minimal and nil sample values, the soap:Body
 * child and each soap:Header child of the request and of the response are extracted to files
 * and validated with `xmllint --schema` (Debian package libxml2-utils, installed by .ci/run)
 * against a wrapper schema that imports the three XSD files of wsdl/. A missing xmllint fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import * as user from '../output/services86-user/src/index.ts';
import type { MessageDesc, OperationDesc } from '../templates/runtime/schema.ts';
import { SampleMaker, type SampleKind } from './support/samples.ts';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const KINDS: readonly SampleKind[] = ['full', 'minimal', 'nil'];
const SCHEMAS: readonly [string, string][] = [
  [NS, 'wsdl/Services86.xsd'],
  ['http://schemas.microsoft.com/2003/10/Serialization/', 'wsdl/Serialization.xsd'],
  ['http://schemas.microsoft.com/2003/10/Serialization/Arrays', 'wsdl/Serialization.Arrays.xsd'],
];
/** Files per xmllint run: the schema is compiled once per run, so fewer runs are faster. */
const BATCH = 400;

type Fn = (...args: unknown[]) => unknown;
const api = user as unknown as Record<string, Fn>;
const ops: OperationDesc[] = Object.values(user.operations);

const dir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-xsd-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const wrapper = path.join(dir, 'contract.xsd');
writeFileSync(
  wrapper,
  '<?xml version="1.0" encoding="utf-8"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n' +
    SCHEMAS.map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${pathToFileURL(path.resolve(file)).href}"/>\n`).join('') +
    '</xs:schema>\n',
);

function elementChildren(parent: Element | undefined): Element[] {
  const out: Element[] = [];
  for (let n = parent?.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** The soap:Header children and the soap:Body child of an envelope, each a document of its own. */
function parts(envelope: string): { name: string; xml: string }[] {
  const root = new DOMParser().parseFromString(envelope, 'text/xml').documentElement!;
  assert.equal(root.namespaceURI, SOAP11);
  const sections = elementChildren(root);
  const header = sections.find((s) => s.localName === 'Header' && s.namespaceURI === SOAP11);
  const body = sections.find((s) => s.localName === 'Body' && s.namespaceURI === SOAP11);
  const bodyChildren = elementChildren(body);
  assert.equal(bodyChildren.length, 1, 'the Body holds one element');
  const serializer = new XMLSerializer();
  return [...elementChildren(header).map((e) => ({ name: `header-${e.localName}`, e })), { name: 'body', e: bodyChildren[0]! }].map(({ name, e }) => ({
    name,
    xml: `<?xml version="1.0" encoding="utf-8"?>\n${serializer.serializeToString(e)}\n`,
  }));
}

interface Doc {
  readonly file: string;
  /** Which test reports it: `${operation} (${kind})`, or a control. */
  readonly group: string;
  readonly label: string;
}

const docs: Doc[] = [];
let serial = 0;
function addDoc(group: string, label: string, xml: string): void {
  const file = path.join(dir, `${String(serial++).padStart(4, '0')}.xml`);
  writeFileSync(file, xml);
  docs.push({ file, group, label });
}

const maker = new SampleMaker(user.service);
const headersOf = (message: MessageDesc, kind: SampleKind) =>
  Object.fromEntries(message.headers.map((h) => [h.part, kind === 'nil' && h.element.nillable ? null : maker.value(h.element.type, kind)]));

for (const kind of KINDS) {
  for (const op of ops) {
    const group = `${op.name} (${kind})`;
    const request = api[`serialize${op.name}Request`]!(maker.value(op.input.body.type, kind), { headers: headersOf(op.input, kind) }) as string;
    const requestParts = parts(request);
    assert.equal(requestParts.length, 1 + op.input.headers.length);
    for (const p of requestParts) addDoc(group, `request ${p.name}`, p.xml);
    const output = op.output!;
    const response = api[`serialize${op.name}Response`]!(maker.value(output.body.type, kind), headersOf(output, kind)) as string;
    const responseParts = parts(response);
    assert.equal(responseParts.length, 1 + output.headers.length);
    for (const p of responseParts) addDoc(group, `response ${p.name}`, p.xml);
  }
}

// Controls: documents the schema must reject, so a run that validates nothing cannot pass.
const CONTROL = 'controls';
const controls: Record<string, string> = {
  'a letter in an xs:int': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><ServiceAuthId>x</ServiceAuthId></ServiceAuth></SaveServiceAuth>`,
  'sequence order broken': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><Server>s</Server><ServiceAuthId>1</ServiceAuthId></ServiceAuth></SaveServiceAuth>`,
  'an unknown flag': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><TableRight><Mask>Select Fly</Mask></TableRight></ServiceAuth></SaveServiceAuth>`,
  'xsi:nil on an element that is not nillable': `<SaveServiceAuth xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><ServiceAuth><ServiceAuthId i:nil="true"/></ServiceAuth></SaveServiceAuth>`,
  'an element the contract does not have': `<SaveServiceAuth xmlns="${NS}"><ServiceAuth><Colour>red</Colour></ServiceAuth></SaveServiceAuth>`,
  'a body element in no namespace': `<SaveServiceAuth><ServiceAuth/></SaveServiceAuth>`,
};
for (const [label, xml] of Object.entries(controls)) addDoc(CONTROL, label, xml);

interface Verdict {
  readonly valid: boolean;
  readonly errors: string[];
}

/** Runs xmllint over every document in batches; a missing xmllint or a schema it cannot compile throws. */
function validateAll(): { verdicts: Map<string, Verdict>; ms: number; runs: number } {
  const started = performance.now();
  const verdicts = new Map<string, Verdict>();
  let runs = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    const files = docs.slice(i, i + BATCH).map((d) => d.file);
    const p = spawnSync('xmllint', ['--noout', '--nonet', '--schema', wrapper, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    runs++;
    if (p.error) throw new Error(`cannot run xmllint (install the Debian package libxml2-utils): ${p.error.message}`);
    // 0: all valid; 3: some document invalid. Anything else (5: the schema did not compile) is a failure of the test itself.
    if (p.status !== 0 && p.status !== 3) throw new Error(`xmllint exited with ${p.status}:\n${p.stderr.slice(0, 4000)}`);
    const errors = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const line of p.stderr.split('\n')) {
      const m = /^(.*?\.xml)(?::\d+:| validates$| fails to validate$)/.exec(line);
      if (m === null || !errors.has(m[1]!)) continue;
      if (line.endsWith(' validates')) verdicts.set(m[1]!, { valid: true, errors: errors.get(m[1]!)! });
      else if (line.endsWith(' fails to validate')) verdicts.set(m[1]!, { valid: false, errors: errors.get(m[1]!)! });
      else errors.get(m[1]!)!.push(line.slice(m[1]!.length + 1));
    }
  }
  return { verdicts, ms: performance.now() - started, runs };
}

let result: ReturnType<typeof validateAll> | Error;
try {
  result = validateAll();
} catch (e) {
  result = e instanceof Error ? e : new Error(String(e));
}

function verdictsOf(group: string): { doc: Doc; verdict: Verdict | undefined }[] {
  if (result instanceof Error) throw result;
  const { verdicts } = result;
  return docs.filter((d) => d.group === group).map((doc) => ({ doc, verdict: verdicts.get(doc.file) }));
}

describe('every message body and header is valid by the contract XSDs (xmllint)', () => {
  it('xmllint judged every document', () => {
    assert.equal(ops.length, 79);
    if (result instanceof Error) throw result;
    assert.equal(result.verdicts.size, docs.length);
    // request + response bodies, plus their headers, for each operation and kind
    assert.ok(docs.length > ops.length * KINDS.length * 2);
  });

  it('rejects the control documents, each with a schema error', () => {
    const got = verdictsOf(CONTROL);
    assert.equal(got.length, Object.keys(controls).length);
    for (const { doc, verdict } of got) {
      assert.equal(verdict?.valid, false, `${doc.label} is rejected`);
      assert.match(verdict.errors.join('\n'), /Schemas validity error/, doc.label);
    }
  });

  for (const kind of KINDS) {
    for (const op of ops) {
      const group = `${op.name} (${kind})`;
      it(group, () => {
        const invalid = verdictsOf(group)
          .filter(({ verdict }) => verdict?.valid !== true)
          .map(({ doc, verdict }) => `${doc.label}: ${verdict === undefined ? 'no verdict' : verdict.errors.join('; ')}`);
        assert.deepEqual(invalid, []);
      });
    }
  }

  it('runs in a few seconds', () => {
    if (result instanceof Error) throw result;
    assert.ok(result.ms < 20_000, `xmllint took ${Math.round(result.ms)} ms in ${result.runs} runs`);
  });
});
