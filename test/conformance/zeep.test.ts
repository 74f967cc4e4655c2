/**
 * Request envelopes compared with python zeep's: zeep loads wsdl/User.wsdl, and for every
 * operation, with full, minimal and nil sample values, the envelope zeep writes with
 * `client.create_message` and the one the generated package writes are equal after
 * canonicalisation (namespace prefixes and insignificant whitespace aside).
 *
 * zeep runs once for all cases (test/conformance/zeep_envelopes.py, JSON over stdin/stdout) with
 * the system python and the Debian package python3-zeep (a prerequisite of test:conformance,
 * installed by .ci/run). A missing python or zeep fails this file with the prerequisite's line.
 *
 * Differences that are zeep's, each checked by its own test below rather than ignored:
 * - zeep adds WS-Addressing headers whenever the portType message carries wsaw:Action;
 * - zeep loses zeep.xsd.Nil in a dict of headers (it deep-copies the dict), so nil headers are
 *   given to it as elements it rendered itself;
 * - zeep writes a Nil item of a list of complex values as an item whose first child is nil, so
 *   such items are read back as the nil items they were given as (and counted).
 * No difference was ours.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Element } from '@xmldom/xmldom';
import * as user from '../../output/services86-user/src/index.ts';
import type { FieldDesc, OperationDesc, ServiceDesc } from '../../templates/runtime/schema.ts';
import { canonical, child, parseElement, type CanonicalElement } from '../support/canonical.ts';
import { SampleMaker, type SampleKind } from '../support/samples.ts';
import { requirePrerequisites, SYSTEM_PYTHON as PYTHON } from './prerequisites.ts';

requirePrerequisites('zeep');

const HELPER = path.resolve('test/conformance/zeep_envelopes.py');
const WSDL = path.resolve('wsdl/User.wsdl');
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSA = 'http://www.w3.org/2005/08/addressing';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services86';
const KINDS: readonly SampleKind[] = ['full', 'minimal', 'nil'];

type Fn = (...args: unknown[]) => unknown;
const api = user as unknown as Record<string, Fn>;
const service: ServiceDesc = user.service;
const ops: OperationDesc[] = Object.values(user.operations);

/** JSON for the python helper: what zeep accepts for a value of `type` (see the helper's doc). */
function toZeep(value: unknown, type: string): unknown {
  if (value === null) return { $nil: true };
  const t = service.schema.types[type];
  if (t === undefined) {
    if (typeof value === 'bigint') return { $int: value.toString() };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
    if (typeof value === 'number' && !Number.isFinite(value)) return { $float: Number.isNaN(value) ? 'NaN' : value > 0 ? 'INF' : '-INF' };
    return value; // string (also decimal, dateTime, duration: zeep writes strings as given), boolean, number
  }
  switch (t.kind) {
    case 'complex': {
      const out: Record<string, unknown> = {};
      const obj = value as Record<string, unknown>;
      for (const f of allFields(type)) {
        if (!Object.hasOwn(obj, f.name) || obj[f.name] === undefined) continue;
        out[f.name] = toZeepField(obj[f.name], f);
      }
      return out;
    }
    case 'array':
      // ArrayOfX is an element whose type has one repeated item element.
      return { [t.item.name]: (value as unknown[]).map((v) => toZeep(v, t.item.type)) };
    case 'dictionary':
      // The WCF dictionary is its XSD shape to zeep: a list of entry elements with Key and Value.
      return {
        [t.entry.name]: [...(value as Map<unknown, unknown>)].map(([k, v]) => ({
          [t.key.name]: toZeep(k, t.key.type),
          [t.value.name]: toZeep(v, t.value.type),
        })),
      };
    case 'flags':
    case 'list':
      // zeep's xs:list type takes a Python list and writes the items space-separated.
      return (value as unknown[]).map((v) => (t.kind === 'list' ? toZeep(v, t.item) : v));
    case 'enum':
      return value;
    case 'restriction':
      return toZeep(value, t.base);
  }
}

function toZeepField(value: unknown, f: FieldDesc): unknown {
  const repeated = (f.max ?? 1) === -1 || (f.max ?? 1) > 1;
  return repeated ? (value as unknown[]).map((v) => toZeep(v, f.type)) : toZeep(value, f.type);
}

function allFields(type: string): FieldDesc[] {
  const chain: FieldDesc[][] = [];
  for (let c = service.schema.types[type]; c?.kind === 'complex'; c = c.base === undefined ? undefined : service.schema.types[c.base]) {
    chain.unshift([...c.fields]);
  }
  return chain.flat();
}

const clark = (f: { ns: string; name: string }) => `{${f.ns}}${f.name}`;

/** Kinds of type zeep turns into objects (ComplexType): complex types, ArrayOfX and dictionaries. */
function zeepComplex(type: string): boolean {
  const k = service.schema.types[type]?.kind;
  return k === 'complex' || k === 'array' || k === 'dictionary';
}

/** The first child element of a value of a zeep-complex type: where zeep puts a non-dict value it is given. */
function firstChild(type: string): FieldDesc | { ns: string; name: string } | undefined {
  const t = service.schema.types[type];
  if (t?.kind === 'complex') return allFields(type)[0];
  if (t?.kind === 'array') return t.item;
  if (t?.kind === 'dictionary') return t.entry;
  return undefined;
}

/**
 * Repeated, nillable elements of a zeep-complex type (ArrayOfX items and repeated fields), each
 * with the first child zeep writes for a Nil item: `{item}` -> `{first child}`.
 */
const nilItemShapes = new Map<string, string>();
for (const t of Object.values(service.schema.types)) {
  const repeated: FieldDesc[] = t.kind === 'array' ? [t.item] : t.kind === 'complex' ? t.fields.filter((f) => (f.max ?? 1) === -1 || (f.max ?? 1) > 1) : [];
  for (const f of repeated) {
    const first = firstChild(f.type);
    if (f.nillable && zeepComplex(f.type) && first !== undefined) nilItemShapes.set(clark(f), clark(first));
  }
}

/** How many null items of repeated zeep-complex elements `value` holds (the Nil items zeep wraps). */
function nilItems(value: unknown, type: string): number {
  const t = service.schema.types[type];
  if (value === null || value === undefined || t === undefined) return 0;
  const items = (vs: readonly unknown[], itemType: string) =>
    vs.reduce<number>((n, v) => n + (v === null ? (zeepComplex(itemType) ? 1 : 0) : nilItems(v, itemType)), 0);
  switch (t.kind) {
    case 'complex': {
      let n = 0;
      const obj = value as Record<string, unknown>;
      for (const f of allFields(type)) {
        const v = obj[f.name];
        n += (f.max ?? 1) === -1 || (f.max ?? 1) > 1 ? items((v ?? []) as unknown[], f.type) : nilItems(v, f.type);
      }
      return n;
    }
    case 'array':
      return items(value as unknown[], t.item.type);
    case 'dictionary':
      return [...(value as Map<unknown, unknown>).values()].reduce<number>((n, v) => n + nilItems(v, t.value.type), 0);
    default:
      return 0;
  }
}

/**
 * Undoes zeep's wrapping of Nil list items (see the rule's test): an item element holding
 * nothing but its type's first child, nil, becomes the nil item it was given as. Returns the
 * tree and how many items it rewrote.
 */
function unwrapNilItems(e: CanonicalElement): { tree: CanonicalElement; count: number } {
  let count = 0;
  const walk = (x: CanonicalElement): CanonicalElement => {
    const only = x.children.length === 1 ? x.children[0]! : undefined;
    if (
      only !== undefined &&
      nilItemShapes.get(x.name) === only.name &&
      Object.keys(x.attributes).length === 0 &&
      only.children.length === 0 &&
      only.text === '' &&
      deepEqualRecord(only.attributes, { [`{${XSI}}nil`]: 'true' })
    ) {
      count++;
      return { ...x, attributes: { [`{${XSI}}nil`]: 'true' }, children: [], text: '' };
    }
    return { ...x, children: x.children.map(walk) };
  };
  const tree = walk(e);
  return { tree, count };
}

function deepEqualRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

interface Case {
  readonly id: string;
  readonly op: OperationDesc;
  readonly kind: SampleKind;
  readonly ours: string;
  /** Null items of repeated complex-typed elements in the body (zeep wraps them; see the rule). */
  readonly nilItems: number;
  readonly zeepInput: { id: string; operation: string; body: unknown; headers: unknown; headerElements: boolean };
}

function makeCases(): Case[] {
  const maker = new SampleMaker(service);
  const cases: Case[] = [];
  for (const kind of KINDS) {
    for (const op of ops) {
      const body = maker.value(op.input.body.type, kind);
      const headers: Record<string, unknown> = {};
      for (const h of op.input.headers) {
        headers[h.part] = kind === 'nil' && h.element.nillable ? null : maker.value(h.element.type, kind);
      }
      const ours = api[`serialize${op.name}Request`]!(body, { headers }) as string;
      const zeepHeaders: Record<string, unknown> = {};
      for (const h of op.input.headers) zeepHeaders[h.part] = toZeepField(headers[h.part], h.element);
      const id = `${op.name}/${kind}`;
      // Nil headers go element by element: zeep's dict form loses the Nil marker (see the rule below).
      const headerElements = kind === 'nil';
      const zeepInput = { id, operation: op.name, body: toZeep(body, op.input.body.type), headers: zeepHeaders, headerElements };
      cases.push({ id, op, kind, ours, zeepInput, nilItems: nilItems(body, op.input.body.type) });
    }
  }
  return cases;
}

interface ZeepRun {
  readonly version: string;
  readonly results: ReadonlyMap<string, { xml?: string; error?: string }>;
  readonly ms: number;
}

/** Runs the helper once for every case; throws (so each test fails) when it does not answer. */
function runZeep(cases: readonly Case[]): ZeepRun {
  const started = performance.now();
  const input = JSON.stringify({ wsdl: WSDL, cases: cases.map((c) => c.zeepInput) });
  const p = spawnSync(PYTHON, [HELPER], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (p.error) throw new Error(`cannot run ${PYTHON}: ${p.error.message}`);
  if (p.status !== 0) throw new Error(`${PYTHON} ${HELPER} exited with ${p.status}:\n${p.stderr}`);
  const out = JSON.parse(p.stdout) as { zeep: string; results: { id: string; xml?: string; error?: string }[] };
  return { version: out.zeep, results: new Map(out.results.map((r) => [r.id, r])), ms: performance.now() - started };
}

const cases = makeCases();
/** The SaveServiceAuth nil case once more with zeep's ordinary dict of headers, for the rule's test. */
const nilDict = cases.find((c) => c.id === 'SaveServiceAuth/nil')!;
const nilDictCase: Case = { ...nilDict, id: 'SaveServiceAuth/nil/dict', zeepInput: { ...nilDict.zeepInput, id: 'SaveServiceAuth/nil/dict', headerElements: false } };
let run: ZeepRun | Error;
try {
  run = runZeep([...cases, nilDictCase]);
} catch (e) {
  run = e instanceof Error ? e : new Error(String(e));
}

function zeepXml(c: Case): string {
  if (run instanceof Error) throw run;
  const r = run.results.get(c.id);
  assert.ok(r, `zeep answered for ${c.id}`);
  assert.equal(r.error, undefined, `zeep failed on ${c.id}`);
  return r.xml!;
}

function elements(parent: Element): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

/** zeep's WS-Addressing header elements, removed from the envelope (see the test of that rule). */
function takeAddressing(envelope: Element): Element[] {
  const header = child(envelope, SOAP11, 'Header');
  if (header === undefined) return [];
  const taken = elements(header).filter((e) => e.namespaceURI === WSA);
  for (const e of taken) header.removeChild(e);
  // The namespace declaration zeep puts on Header for them is not compared (canonical() drops xmlns).
  if (elements(header).length === 0) envelope.removeChild(header);
  return taken;
}

describe('request envelopes equal to python zeep', () => {
  it(`zeep loads the contract and writes all ${ops.length} operations x ${KINDS.length} kinds`, () => {
    assert.equal(ops.length, 79);
    if (run instanceof Error) throw run;
    assert.match(run.version, /^\d+\.\d+/);
    const failed = [...run.results.values()].filter((r) => r.error !== undefined);
    assert.deepEqual(failed, []);
    assert.equal(run.results.size, cases.length + 1);
  });

  for (const c of cases) {
    it(`${c.op.name} (${c.kind})`, () => {
      const zeepEnvelope = parseElement(zeepXml(c));
      takeAddressing(zeepEnvelope);
      const { tree, count } = unwrapNilItems(canonical(zeepEnvelope));
      assert.deepEqual(canonical(parseElement(c.ours)), tree);
      assert.equal(count, c.nilItems, 'each Nil item zeep wrapped is one our value holds as null');
    });
  }

  it('zeep rule: WS-Addressing headers (Action, MessageID, To) are added whenever the portType has wsaw:Action; the binding asks for none', () => {
    // zeep (wsdl/bindings/soap.py, _create) applies its WsAddressingPlugin when an operation's
    // input message has a wsam/wsaw:Action attribute, without looking for a UsingAddressing
    // policy. BasicHttpBinding_User has no policy at all, and WCF's BasicHttpBinding speaks
    // SOAP 1.1 without WS-Addressing, so we write none and the comparison leaves them out.
    const wsdl = readFileSync(WSDL, 'utf8');
    assert.doesNotMatch(wsdl, /UsingAddressing|wsp:PolicyReference|<wsp:Policy/);
    for (const c of cases) {
      const taken = takeAddressing(parseElement(zeepXml(c)));
      assert.deepEqual(
        taken.map((e) => e.localName),
        ['Action', 'MessageID', 'To'],
        c.id,
      );
      assert.equal(taken[0]!.textContent, c.op.soapAction, `${c.id}: wsa:Action is the SOAPAction`);
      assert.doesNotMatch(c.ours, new RegExp(WSA.replace(/[.]/g, '\\.')), `${c.id}: ours has no WS-Addressing`);
    }
  });

  it('zeep rule: a dict of headers loses zeep.xsd.Nil (deep-copied), so nil headers are given to zeep as rendered elements', () => {
    // zeep's SoapMessage._serialize_header deep-copies a dict of header values; the copy of the
    // Nil marker is no longer `Nil`, so an xs:string header is written as the text "Nil" and a
    // complex one as an element whose first child holds "Nil". The helper therefore renders nil
    // headers with zeep's own Element.render and passes the elements (headerElements); this test
    // proves the rule holds, and that both forms agree wherever no Nil is involved.
    const viaDict = parseElement(zeepXml(nilDictCase));
    const viaElements = parseElement(zeepXml(nilDict));
    const header = (env: Element, name: string) => child(child(env, SOAP11, 'Header')!, NS, name)!;
    assert.equal(header(viaDict, 'ApplicationToken').textContent, 'Nil');
    assert.equal(header(viaDict, 'ApplicationToken').getAttributeNS(XSI, 'nil'), null);
    assert.equal(header(viaDict, 'Credentials').getAttributeNS(XSI, 'nil'), null);
    assert.equal(child(header(viaDict, 'Credentials'), NS, 'Ticket')?.textContent, 'Nil');
    for (const name of ['ApplicationToken', 'Credentials', 'TimeZone']) {
      assert.equal(header(viaElements, name).getAttributeNS(XSI, 'nil'), 'true', name);
      assert.equal(header(parseElement(nilDict.ours), name).getAttributeNS(XSI, 'nil'), 'true', name);
    }
    assert.deepEqual(canonical(child(viaDict, SOAP11, 'Body')!), canonical(child(viaElements, SOAP11, 'Body')!));
  });

  it('zeep rule: a Nil item of a list of complex values is written as the item type with its first child nil', () => {
    // zeep's ComplexType._create_object (zeep/xsd/types/complex.py) builds each list item that is
    // not a dict or an object by calling the type with it, so the Nil marker lands in the type's
    // first element: <RelationToOwner><TableRight xsi:nil="true"/></RelationToOwner> where the
    // value is a nil item, <RelationToOwner xsi:nil="true"/> (the item element is nillable, and
    // that is what we write). A Nil given for a single element is written as xsi:nil by zeep too.
    // The comparison above rewrites exactly these items back, and counts them.
    const wrapped = cases.filter((c) => c.nilItems > 0);
    assert.deepEqual(
      wrapped.map((c) => c.id),
      ['SaveRoleEntity/full', 'SaveUser/full', 'GetUserCommands/full', 'ExecuteUserCommand/full', 'SaveUserFromName/full', 'ChangeUserType/full'],
    );
    const c = wrapped[0]!;
    const columns = (env: Element) =>
      child(child(child(child(child(env, SOAP11, 'Body')!, NS, 'SaveRoleEntity')!, NS, 'RoleEntity')!, NS, 'DataRights')!, NS, 'ColumnsInfo')!;
    const zeepItem = elements(columns(parseElement(zeepXml(c))))[1]!;
    assert.equal(zeepItem.localName, 'RelationToOwner');
    assert.equal(zeepItem.getAttributeNS(XSI, 'nil'), null);
    assert.deepEqual(elements(zeepItem).map((e) => [e.localName, e.getAttributeNS(XSI, 'nil')]), [['TableRight', 'true']]);
    const ourItem = elements(columns(parseElement(c.ours)))[1]!;
    assert.equal(ourItem.getAttributeNS(XSI, 'nil'), 'true');
    assert.equal(ourItem.firstChild, null);
  });

  it('zeep ran once for every case, within a few seconds', () => {
    if (run instanceof Error) throw run;
    assert.ok(run.ms < 20_000, `zeep took ${Math.round(run.ms)} ms`);
  });
});
