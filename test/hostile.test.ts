/**
 * Hostile and broken input. Every case of test/fixtures/hostile/cases.json (a response the
 * generated runtime reads, or a contract the generator loads) must give exactly the error its
 * manifest names (class, code, limit, path, position) or, for data that only looks dangerous,
 * the right value; no case may take a second, and Object.prototype must be untouched after
 * each. Contracts thousands of levels deep or with tens of thousands of types are generated
 * here, as are outgoing values that contain themselves.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ts } from 'ts-morph';
import type { EmittedFile } from '../generator/emit/emitted.ts';
import { emitPackage } from '../generator/emit/package.ts';
import { GeneratorError } from '../generator/errors.ts';
import { GENERATOR_LIMITS } from '../generator/limits.ts';
import { loadModel } from '../generator/load-model.ts';
import type { Model } from '../generator/model.ts';
import { assignNames, type Names } from '../generator/names.ts';
import * as user from '../output/services86-user/src/index.ts';
import type { OperationDesc, ServiceDesc, TypeDesc } from '../templates/runtime/schema.ts';
import { readMessage, writeMessage } from '../templates/runtime/index.ts';
import { DEFAULT_XML_LIMITS } from '../templates/runtime/limits.ts';
import { MAX_WRITE_DEPTH } from '../templates/runtime/xml-writer.ts';
import { SampleMaker } from './support/samples.ts';

const HOSTILE = 'test/fixtures/hostile';
const BUDGET_MS = 1000;

interface Expect {
  /** Error class name, or 'none' for input that must be read (see CHECKS). */
  readonly error: string;
  readonly code?: string;
  readonly limit?: string;
  readonly path?: string;
  /** A substring of the message. */
  readonly message?: string;
  readonly line?: number;
  readonly column?: number;
  /** GeneratorError: `file:line:col` of the location (file relative to the repository). */
  readonly at?: string;
  /** 'none': the name of the check in CHECKS. */
  readonly check?: string;
}

interface Case {
  readonly file: string;
  readonly target: 'response' | 'contract';
  readonly about: string;
  /** response: the operation whose response parser reads the file. */
  readonly operation?: string;
  readonly encoding?: 'utf16le';
  readonly limits?: Record<string, number>;
  readonly expect: Expect;
}

const { cases } = JSON.parse(readFileSync(`${HOSTILE}/cases.json`, 'utf8')) as { cases: Case[] };

type Parsed = { body: Record<string, unknown>; headers: Record<string, unknown> };
type ParseFn = (xml: string, options?: { limits?: Record<string, number> }) => Parsed;
const api = user as unknown as Record<string, ParseFn>;

function readCase(c: Case): string {
  return readFileSync(path.join(HOSTILE, c.file), c.encoding === 'utf16le' ? 'utf16le' : 'utf8');
}

function parseResponse(c: Case): Parsed {
  const parse = api[`parse${c.operation ?? 'SaveServiceAuth'}Response`];
  assert.ok(parse, `no parser for ${c.operation}`);
  return parse(readCase(c), c.limits ? { limits: c.limits } : {});
}

interface Generated {
  readonly model: Model;
  readonly names: Names;
  readonly files: readonly EmittedFile[];
}

/** load -> names -> emit (without prettier): every stage that can refuse a contract. */
async function generate(file: string): Promise<Generated> {
  const model = await loadModel(file);
  const binding = model.bindings[0]!;
  const names = assignNames(model, binding);
  const files = emitPackage(model, binding, names, { packageName: 'hostile', sourceName: 'hostile.wsdl' });
  return { model, names, files };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-hostile-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let scratchFiles = 0;

/** Imports an emitted src/schema.ts (it only imports types, so it runs on its own). */
async function importSchema(g: Generated): Promise<{ service: ServiceDesc; operations: Record<string, OperationDesc> }> {
  const file = path.join(scratch, `schema-${++scratchFiles}.ts`);
  writeFileSync(file, g.files.find((f) => f.path === 'src/schema.ts')!.text);
  return (await import(pathToFileURL(file).href)) as { service: ServiceDesc; operations: Record<string, OperationDesc> };
}

/** The identifiers of the emitted code (comments and string literals are not code). */
function identifiers(g: Generated): Set<string> {
  const out = new Set<string>();
  for (const f of g.files) {
    if (!f.path.startsWith('src/') || f.path.startsWith('src/runtime/') || !f.path.endsWith('.ts')) continue;
    const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, f.text);
    for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
      if (t === ts.SyntaxKind.Identifier) out.add(scanner.getTokenValue());
    }
  }
  return out;
}

function own(value: unknown, key: string): unknown {
  assert.ok(typeof value === 'object' && value !== null && Object.hasOwn(value, key), `no own property ${key}`);
  return (value as Record<string, unknown>)[key];
}

/** What the inputs that must be read have to give (responses: the parsed message; contracts: what was generated). */
const CHECKS: Record<string, (r: Parsed & Generated) => void | Promise<void>> = {
  'proto-elements': (r) => {
    const response = own(r.body, 'Response');
    assert.deepStrictEqual(response, { Server: 's' });
    assert.equal(Object.getPrototypeOf(response), Object.prototype);
  },
  'proto-attributes': (r) => assert.deepStrictEqual(own(r.body, 'Response'), { Server: 's' }),
  'proto-prefixed-element': (r) => assert.deepStrictEqual(own(r.body, 'Response'), {}),
  'proto-dictionary-keys': (r) => {
    const map = own(own(r.body, 'Response'), 'FieldProperties');
    assert.ok(map instanceof Map);
    assert.deepStrictEqual(
      [...map],
      ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'].map((k, i) => [k, { FieldLength: i }]),
    );
  },
  'proto-extra-info-keys': (r) => {
    assert.deepStrictEqual(Object.keys(r.headers), ['ExtraInfo']);
    assert.deepStrictEqual(
      own(r.headers, 'ExtraInfo'),
      new Map([
        ['__proto__', '{"polluted":"yes"}'],
        ['constructor', 'x'],
      ]),
    );
  },
  'proto-header-element': (r) => {
    assert.deepStrictEqual(Object.getOwnPropertyNames(r.headers), []);
    assert.equal(Object.getPrototypeOf(r.headers), Object.prototype);
  },
  'proto-xsi-type': (r) => assert.deepStrictEqual(own(own(r.body, 'Response'), 'TableRight'), { Reason: 'r' }),
  'contract-loads': (g) => assert.ok(g.files.some((f) => f.path === 'src/schema.ts')),
  'no-comment-injection': (g) => {
    const names = identifiers(g);
    for (const injected of ['pwned', 'pwnedToo', 'exit', 'nsInjected']) assert.ok(!names.has(injected), `the generated code uses ${injected}`);
    assert.ok(g.files.some((f) => f.text.includes('Ends the comment *\\/ export const pwned')), 'the documentation is kept, escaped');
  },
  'proto-names': async (g) => {
    assert.deepStrictEqual(Object.keys(g.names.operations), ['Ping', '__proto__', 'constructor', 'toString']);
    const methods = Object.values(g.names.operations).map((o) => o.method);
    assert.ok(!methods.includes('constructor') && !methods.includes('__proto__'), methods.join());
    assert.equal(g.names.types['{urn:h}__proto__'], '__proto___');
    const { service, operations } = await importSchema(g);
    assert.deepStrictEqual(Object.keys(operations), ['Ping', '__proto__', 'constructor', 'toString']);
    assert.equal(Object.getPrototypeOf(operations), Object.prototype);
    const op = operations['__proto__']!;
    assert.equal(op.name, '__proto__');
    const value = JSON.parse('{"__proto__":"p","constructor":"c","prototype":"t"}') as Record<string, unknown>;
    const xml = writeMessage(service, op.input, { Value: value }, undefined);
    assert.match(xml, /<__proto__>p<\/__proto__><constructor>c<\/constructor>/);
    const read = readMessage(service, op.input, xml).body as { Value: Record<string, unknown> };
    assert.deepStrictEqual(read.Value, value);
    assert.ok(Object.hasOwn(read.Value, '__proto__') && Object.getPrototypeOf(read.Value) === Object.prototype);
  },
};

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

/** Nothing reached Object.prototype (or replaced what plain objects inherit). */
function assertPrototypeUntouched(): void {
  assert.deepStrictEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeNames);
  const probe = {} as Record<string, unknown>;
  assert.equal(probe['polluted'], undefined);
  assert.equal(probe['constructor'], Object);
  assert.equal(Object.getPrototypeOf(probe), Object.prototype);
}

function assertError(e: unknown, want: Expect, c: Case): void {
  assert.ok(e instanceof Error, `expected ${want.error}, got ${String(e)}`);
  assert.equal(e.constructor.name, want.error, `expected ${want.error}, got ${e.constructor.name}: ${e.message}`);
  assert.equal(e.name, want.error);
  const err = e as Error & Record<string, unknown>;
  if (want.code !== undefined) assert.equal(err['code'], want.code, e.message);
  if (want.limit !== undefined) assert.equal(err['limit'], want.limit);
  if (want.path !== undefined) assert.equal(err['path'], want.path);
  if (want.message !== undefined) assert.ok(e.message.includes(want.message), `"${e.message}" does not mention "${want.message}"`);
  if (want.error === 'XmlParseError') {
    assert.ok((err['line'] as number) >= 1 && (err['column'] as number) >= 0, `position ${String(err['line'])}:${String(err['column'])}`);
    if (want.line !== undefined) assert.equal(err['line'], want.line, e.message);
    if (want.column !== undefined) assert.equal(err['column'], want.column, e.message);
  }
  if (e instanceof GeneratorError) {
    assert.ok(e.location, `${c.file}: the error is located: ${e.message}`);
    if (want.at !== undefined) assert.equal(`${e.location.file}:${e.location.line}:${e.location.column}`, want.at, e.message);
  }
}

describe('the hostile corpus', () => {
  it('has at least 70 cases, each file named once, each with what it must produce', () => {
    assert.ok(cases.length >= 70, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.file)).size, cases.length);
    for (const c of cases) {
      assert.ok(c.about && c.expect.error, c.file);
      assert.ok(c.target === 'response' || c.target === 'contract', c.file);
      if (c.expect.error === 'none') assert.ok(c.expect.check && CHECKS[c.expect.check], `${c.file}: check ${c.expect.check}`);
    }
  });

  for (const c of cases) {
    it(`${c.file}: ${c.about} -> ${c.expect.error}${c.expect.limit ? ` (${c.expect.limit})` : ''}`, async () => {
      const started = performance.now();
      let result: Parsed | Generated | undefined;
      let error: unknown;
      try {
        if (c.target === 'response') result = parseResponse(c);
        else result = await generate(path.join(HOSTILE, c.file));
      } catch (e) {
        error = e;
      }
      const ms = performance.now() - started;
      assertPrototypeUntouched();
      if (c.expect.error === 'none') {
        if (error !== undefined) throw error;
        await CHECKS[c.expect.check!]!(result as Parsed & Generated);
      } else {
        assert.ok(error !== undefined, `${c.file} was accepted`);
        assertError(error, c.expect, c);
      }
      assert.ok(ms < BUDGET_MS, `${c.file} took ${Math.round(ms)} ms`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Contracts made here: thousands of levels deep, tens of thousands of types

const WSDL_HEAD = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Deep" targetNamespace="urn:deep" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:deep" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types>
<xs:schema targetNamespace="urn:deep" elementFormDefault="qualified">
`;

/** A WSDL with `schema` (one declaration per line) and one operation Ping whose request holds `Root` of type `rootType`. */
function contract(schema: string, rootType = 'xs:string'): string {
  return `${WSDL_HEAD}${schema}
<xs:element name="Ping"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="Root" type="${rootType}"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
</xs:schema>
</wsdl:types>
<wsdl:message name="PingIn"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
<wsdl:message name="PingOut"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
<wsdl:portType name="Deep"><wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="DeepBinding" type="tns:Deep"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
<wsdl:operation name="Ping"><soap:operation soapAction="urn:deep/Ping"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
</wsdl:binding>
<wsdl:service name="DeepService"><wsdl:port name="DeepPort" binding="tns:DeepBinding"><soap:address location="http://127.0.0.1/deep"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}

/** Line of the schema's first declaration in `contract` output. */
const FIRST_LINE = WSDL_HEAD.split('\n').length;

/** Anonymous types nested `n` deep, all on one line: `Root` > `E` > `E` ... */
function nestedAnonymous(n: number): string {
  return `<xs:element name="Nested">${'<xs:complexType><xs:sequence><xs:element name="E">'.repeat(n)}${'</xs:element></xs:sequence></xs:complexType>'.repeat(n)}</xs:element>`.replace(
    /<xs:element name="E"><\/xs:element>/,
    '<xs:element name="E" type="xs:string"></xs:element>',
  );
}

/** T0 <- T1 <- ... <- T(n-1), one type per line. */
function extensionChain(n: number): string {
  const lines = ['<xs:complexType name="T0"><xs:sequence><xs:element name="f0" type="xs:int"/></xs:sequence></xs:complexType>'];
  for (let i = 1; i < n; i++) {
    lines.push(
      `<xs:complexType name="T${i}"><xs:complexContent><xs:extension base="tns:T${i - 1}"><xs:sequence><xs:element name="f${i}" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
    );
  }
  return lines.join('\n');
}

describe('contracts thousands of levels deep or with tens of thousands of types', () => {
  let counter = 0;
  function file(text: string): string {
    const f = path.join(scratch, `contract-${++counter}.wsdl`);
    writeFileSync(f, text);
    return f;
  }
  async function timed<T>(budgetMs: number, run: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
    const started = performance.now();
    let out: { value?: T; error?: unknown };
    try {
      out = { value: await run() };
    } catch (error) {
      out = { error };
    }
    const ms = performance.now() - started;
    assert.ok(ms < budgetMs, `took ${Math.round(ms)} ms (budget ${budgetMs})`);
    assertPrototypeUntouched();
    return out;
  }
  function limitError(out: { error?: unknown }, line: number, what: RegExp): void {
    assert.ok(out.error instanceof GeneratorError, `expected GeneratorError, got ${String(out.error)}`);
    assert.equal(out.error.code, 'LIMIT_EXCEEDED');
    assert.match(out.error.message, what);
    assert.equal(out.error.location?.line, line);
  }
  const max = GENERATOR_LIMITS.maxTypeNesting;

  it(`anonymous types nested 5,000 deep: LIMIT_EXCEEDED at the type nested ${max + 1} deep`, async () => {
    const wsdl = contract(nestedAnonymous(5000));
    const out = await timed(BUDGET_MS * 3, () => generate(file(wsdl)));
    limitError(out, FIRST_LINE, /nested more than 100 levels/);
    const e = out.error as GeneratorError;
    const line = wsdl.split('\n')[FIRST_LINE - 1]!;
    const at = line.split('<xs:complexType>', max + 1).join('<xs:complexType>').length + 1; // the (max+1)th <xs:complexType>
    assert.equal(e.location?.column, at);
  });

  it(`anonymous types nested ${max} deep: the model and the package`, async () => {
    const out = await timed(BUDGET_MS * 3, () => generate(file(contract(nestedAnonymous(max)))));
    if (out.error) throw out.error;
    const anonymous = out.value!.model.types.filter((t) => t.origin.kind === 'anonymous' && t.origin.path[0] === 'element:Nested');
    assert.equal(anonymous.length, max);
  });

  it('an extension chain 5,000 long: LIMIT_EXCEEDED at the first type over the limit', async () => {
    const out = await timed(BUDGET_MS * 3, () => loadModel(file(contract(extensionChain(5000), 'tns:T4999'))));
    limitError(out, FIRST_LINE + GENERATOR_LIMITS.maxDerivationDepth + 1, /T101 has a chain of more than 100 base types/);
  });

  it('an extension chain 100 long: each type extends the one before, and the package is emitted', async () => {
    const out = await timed(BUDGET_MS * 3, () => generate(file(contract(extensionChain(100), 'tns:T0'))));
    if (out.error) throw out.error;
    const t99 = out.value!.model.types.find((t) => t.id === '{urn:deep}T99');
    assert.ok(t99?.kind === 'complex' && t99.base?.kind === 'type' && t99.base.id === '{urn:deep}T98');
  });

  it('a restriction chain 5,000 long and a circular one: LIMIT_EXCEEDED and CIRCULAR_DERIVATION', async () => {
    const chain = ['<xs:simpleType name="R0"><xs:restriction base="xs:string"/></xs:simpleType>'];
    for (let i = 1; i < 5000; i++) chain.push(`<xs:simpleType name="R${i}"><xs:restriction base="tns:R${i - 1}"/></xs:simpleType>`);
    limitError(await timed(BUDGET_MS * 3, () => loadModel(file(contract(chain.join('\n'), 'tns:R4999')))), FIRST_LINE + 101, /R101/);
    const circle = ['<xs:simpleType name="A"><xs:restriction base="tns:B"/></xs:simpleType>', '<xs:simpleType name="B"><xs:restriction base="tns:A"/></xs:simpleType>'];
    const out = await timed(BUDGET_MS * 3, () => loadModel(file(contract(circle.join('\n'), 'tns:A'))));
    assert.ok(out.error instanceof GeneratorError && out.error.code === 'CIRCULAR_DERIVATION', String(out.error));
    assert.equal(out.error.message, 'simple type A derives from itself (A derives from B derives from A)');
  });

  it('5,000 named types, each holding the next: a correct model (no recursion along references)', async () => {
    const n = 5000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(`<xs:complexType name="C${i}"><xs:sequence><xs:element minOccurs="0" name="Next" type="tns:C${i + 1}"/></xs:sequence></xs:complexType>`);
    }
    lines.push(`<xs:complexType name="C${n}"><xs:sequence><xs:element name="End" type="xs:string"/></xs:sequence></xs:complexType>`);
    const out = await timed(BUDGET_MS * 3, () => loadModel(file(contract(lines.join('\n'), 'tns:C0'))));
    if (out.error) throw out.error;
    const byId = new Map(out.value!.types.map((t) => [t.id, t]));
    let depth = 0;
    for (let t = byId.get('{urn:deep}C0'); t?.kind === 'complex' && t.fields[0]?.kind === 'element' && t.fields[0].name === 'Next'; depth++) {
      const next = t.fields[0].type;
      t = next.kind === 'type' ? byId.get(next.id) : undefined;
    }
    assert.equal(depth, n);
  });

  it('20,000 types, and 20,000 anonymous types wanting one name: unique names in time linear in the count', async () => {
    const n = 20_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      lines.push(
        `<xs:element name="E${i}"><xs:complexType><xs:sequence><xs:element name="Item"><xs:complexType><xs:sequence><xs:element name="V" type="xs:int"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType></xs:element>`,
      );
    }
    // xmldom reads this 4 MB contract at about 3 MB/s; everything after it is linear.
    const out = await timed(BUDGET_MS * 15, async () => {
      const model = await loadModel(file(contract(lines.join('\n'))));
      return { model, names: assignNames(model, model.bindings[0]!) };
    });
    if (out.error) throw out.error;
    const { model, names } = out.value!;
    assert.equal(model.types.length, 2 * n + 2);
    const items = model.types.filter((t) => t.origin.kind === 'anonymous' && t.origin.path.at(-1) === 'Item').map((t) => names.types[t.id]!);
    assert.equal(items.length, n);
    assert.equal(new Set(items).size, n);
    assert.ok(items.includes('Item') && items.includes(`Item${n}`));
  });

  it('a documentation element 20,000 elements deep and a sequence of 20,000 elements: correct models', async () => {
    const deepDoc = `<xs:complexType name="Doc"><xs:annotation><xs:documentation>${'<p>'.repeat(20_000)}deep${'</p>'.repeat(20_000)}</xs:documentation></xs:annotation><xs:sequence/></xs:complexType>`;
    const wide = `<xs:complexType name="Wide"><xs:sequence>${Array.from({ length: 20_000 }, (_, i) => `<xs:element name="F${i}" type="xs:int"/>`).join('')}</xs:sequence></xs:complexType>`;
    const out = await timed(BUDGET_MS * 5, () => loadModel(file(contract(`${deepDoc}\n${wide}`, 'tns:Wide'))));
    if (out.error) throw out.error;
    const t = (id: string) => out.value!.types.find((x) => x.id === id);
    assert.equal(t('{urn:deep}Doc')?.documentation, 'deep');
    const w = t('{urn:deep}Wide');
    assert.ok(w?.kind === 'complex' && w.fields.length === 20_000);
  });
});

// ---------------------------------------------------------------------------------------------
// The runtime on deep descriptors and hostile outgoing values

describe('the runtime on deep descriptors and values that contain themselves', () => {
  it('compiles a chain of 20,000 complex types (each holding the next) without recursion', () => {
    const n = 20_000;
    const types: Record<string, TypeDesc> = {};
    for (let i = 0; i < n; i++) {
      types[`C${i}`] = { kind: 'complex', abstract: false, fields: [{ name: 'Next', ns: '', type: `C${i + 1}`, min: 0, max: 1, nillable: false }], attributes: [] };
    }
    types[`C${n}`] = { kind: 'complex', abstract: false, fields: [{ name: 'End', ns: '', type: 'xs:string', min: 0, max: 1, nillable: false }], attributes: [] };
    const service: ServiceDesc = { soapVersion: '1.1', schema: { types } };
    const message = { body: { name: 'Root', ns: 'urn:deep', type: 'C0', min: 1, max: 1, nillable: false }, headers: [] };
    const started = performance.now();
    const value = { Next: { Next: { Next: {} } } };
    const xml = writeMessage(service, message, value, undefined);
    assert.deepStrictEqual(readMessage(service, message, xml).body, value);
    const ms = performance.now() - started;
    assert.ok(ms < BUDGET_MS * 2, `compiling 20,000 nested types and a round trip took ${Math.round(ms)} ms (budget ${BUDGET_MS * 2})`);
  });

  it(`refuses a value that contains itself, or whose elements would nest over ${MAX_WRITE_DEPTH} levels in the message, with SoapValidationError`, () => {
    const cyclic: Record<string, unknown> = { Message: 'loop' };
    cyclic['InnerException'] = cyclic;
    const started = performance.now();
    assert.throws(
      () => user.serializeSaveServiceAuthResponse({}, { ExceptionInfo: cyclic }),
      (e: unknown) => e instanceof user.SoapValidationError && /would nest more than 256 levels/.test(e.message) && e.path.startsWith('ExceptionInfo.InnerException.InnerException'),
    );
    let deep: Record<string, unknown> = { Message: 'bottom' };
    for (let i = 0; i < 1000; i++) deep = { InnerException: deep };
    assert.throws(() => user.serializeSaveServiceAuthResponse({}, { ExceptionInfo: deep }), user.SoapValidationError);
    let fits: Record<string, unknown> = { Message: 'bottom' };
    for (let i = 0; i < 200; i++) fits = { InnerException: fits };
    const xml = user.serializeSaveServiceAuthResponse({}, { ExceptionInfo: fits });
    assert.deepStrictEqual(user.parseSaveServiceAuthResponse(xml).headers.ExceptionInfo, fits);
    const ms = performance.now() - started;
    assert.ok(ms < BUDGET_MS, `refusing and writing deep values took ${Math.round(ms)} ms (budget ${BUDGET_MS})`);
    assertPrototypeUntouched();
  });
});

// ---------------------------------------------------------------------------------------------
// The defaults refuse hostile documents, not legitimate ones

describe('the default limits let realistic User responses through', () => {
  const maker = new SampleMaker(user.service);
  const cases: { name: string; xml: () => string; parse: (xml: string) => unknown }[] = [
    {
      // A 'full' sample sets every field, nested four levels deep: about 17 KB of XML per user.
      name: '300 users, every field set (GetUserFromPersonId)',
      xml: () => user.serializeGetUserFromPersonIdResponse({ Response: Array.from({ length: 300 }, () => maker.value('User', 'full') as user.User) }),
      parse: (xml) => user.parseGetUserFromPersonIdResponse(xml),
    },
    {
      name: '1,000 functional rights with child items (GetAllFunctionalRights)',
      xml: () =>
        user.serializeGetAllFunctionalRightsResponse({
          Response: Array.from({ length: 1000 }, () => maker.value('SelectableMDOListItem', 'full') as user.SelectableMDOListItem),
        }),
      parse: (xml) => user.parseGetAllFunctionalRightsResponse(xml),
    },
    {
      name: 'a role with a 200 x 200 data-rights matrix (GetRoleEntity)',
      xml: () =>
        user.serializeGetRoleEntityResponse({
          Response: { DataRights: { Rights: Array.from({ length: 200 }, () => Array.from({ length: 200 }, (_, i) => ({ Value: `v${i}`, Description: 'Read' }))) } },
        }),
      parse: (xml) => user.parseGetRoleEntityResponse(xml),
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const xml = c.xml();
      const elements = (xml.match(/<[^/!?]/g) ?? []).length;
      assert.ok(xml.length < DEFAULT_XML_LIMITS.maxBytes / 2, `${xml.length} characters`);
      assert.ok(elements < DEFAULT_XML_LIMITS.maxElements / 4, `${elements} elements`);
      assert.doesNotThrow(() => c.parse(xml));
    });
  }
});
