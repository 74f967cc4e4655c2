/**
 * Property: a contract gives a package that compiles strictly and round-trips, or one located
 * error, whatever names it holds. fast-check generates contracts whose operations, types,
 * members, enumeration literals, header parts and portType are named from random valid XML
 * names: case variants, punctuation, reserved words, Object.prototype members, the runtime's
 * exports, non-ASCII letters, and names that collide after conversion. All packages of a run are
 * compiled by one tsc program (with each package's strict options), then each is imported and
 * every operation is round-tripped through its message functions and through its client against
 * its test double. The packages share one copy of the runtime (a symbolic link) and are not run
 * through prettier (the golden trees cover formatting), so a run takes seconds. FC_SEED replays
 * another seed, FC_RUNS sets the number of contracts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { emitPackage } from '../generator/emit/package.ts';
import { GeneratorError } from '../generator/errors.ts';
import { pickBinding } from '../generator/generate.ts';
import { loadModel } from '../generator/load-model.ts';
import { assignNames, MEMBER_RESERVED, type Names } from '../generator/names.ts';

const SEED = Number(process.env['FC_SEED'] ?? 20_261_202);
const RUNS = Number(process.env['FC_RUNS'] ?? 30);
const TSC = path.resolve('node_modules/.bin/tsc');

// ---------------------------------------------------------------------------------------------
// Contracts

/** Names that have broken generated code before, or could. */
const HOSTILE = [
  'GetUser', 'getUser', 'Get-User', 'get.user', 'get_user', 'GETUSER', 'get-user',
  '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__',
  'then', 'Then', 'call', 'Call', 'default', 'delete', 'class', 'new', 'string', 'Promise', 'Array', 'Map', 'undefined',
  'SoapError', 'SoapFaultError', 'XmlParseError', 'SoapClient', 'SoapService', 'Schema', 'HandlerContext', 'readMessage',
  'CallResult', 'SerializeOptions', 'ParsedMessage', 'AgentCallOptions', 'resultMembers', 'operations', 'service',
  'options', 'clientOptions', 'headers', 'endpoint', 'fetch', 'limits',
  'Получить', 'получить', '取得', 'Ω', 'ω', 'straße', 'Straße', 'ǅemal', 'e\u0301', 'a\u200Cb', 'a·b', 'x‿y', 'x\u3001y',
  '_', '_1', 'A1', 'Item', 'Item2', 'Test', 'TestAgent', 'TestAgentOptions', 'TestOperations', 'TestHandlers', 'XmlFragment',
];
const startChar = fc.constantFrom('a', 'B', '_', 'ж', 'Ж', '取', 'Ω', 'ǅ', 'À', 'ß', 'i', 'I');
const nameChar = fc.constantFrom('a', 'Z', '0', '9', '-', '.', '_', '·', '\u0301', 'ж', '得', '\u203F', '\u3001', '\u0663');
const randomName = fc.tuple(startChar, fc.array(nameChar, { maxLength: 5 })).map(([s, rest]) => s + rest.join(''));
/** Case variants make names that differ only in case; XML names stay XML names under these. */
const variant = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.toLowerCase(),
  (s: string) => s.charAt(0).toUpperCase() + s.slice(1),
  (s: string) => s.charAt(0).toLowerCase() + s.slice(1),
);
const xmlName = fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 1, arbitrary: randomName }), variant).map(([n, f]) => f(n));
const names = (max: number, min = 0) => fc.uniqueArray(xmlName, { minLength: min, maxLength: max });

interface Member {
  readonly name: string;
  readonly type: 'string' | 'int' | 'enum' | 'complex';
  readonly required: boolean;
}
interface Contract {
  readonly service: string;
  readonly operations: readonly { readonly name: string; readonly members: readonly Member[] }[];
  /** Complex types (each with one string member, `Value`) and the enumeration's literals. */
  readonly types: readonly string[];
  readonly literals: readonly string[];
  readonly headers: readonly string[];
}

const member = (name: string) => fc.record({ name: fc.constant(name), type: fc.constantFrom('string', 'int', 'enum', 'complex'), required: fc.boolean() });
const contract: fc.Arbitrary<Contract> = fc.record({
  service: xmlName,
  operations: names(5, 1).chain((ops) => fc.tuple(...ops.map((op) => names(4).chain((ms) => fc.tuple(...ms.map(member))).map((members) => ({ name: op, members }))))),
  types: names(4, 1),
  literals: fc.uniqueArray(fc.oneof(xmlName, fc.constantFrom('', 'a b', '1')), { minLength: 1, maxLength: 5 }),
  headers: names(3),
});

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function wsdlOf(c: Contract): string {
  const typeOf = (m: Member) => (m.type === 'string' ? 'xs:string' : m.type === 'int' ? 'xs:int' : m.type === 'enum' ? 'tns:Literal' : `tns:${c.types[0]!}`);
  const elements = c.operations.flatMap((op) => [
    `<xs:element name="${op.name}"><xs:complexType><xs:sequence>${op.members.map((m) => `<xs:element name="${m.name}" type="${typeOf(m)}"${m.required ? '' : ' minOccurs="0"'}/>`).join('')}</xs:sequence></xs:complexType></xs:element>`,
    `<xs:element name="${op.name}Response"><xs:complexType><xs:sequence><xs:element name="Result" type="xs:string"/></xs:sequence></xs:complexType></xs:element>`,
  ]);
  const headerParts = c.headers.map((h, i) => `<wsdl:part name="${h}" element="tns:Header${i}"/>`).join('');
  const headerUses = c.headers.map((h) => `<soap:header message="tns:Headers" part="${h}" use="literal"/>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="Names" targetNamespace="urn:p" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:p" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="urn:p" elementFormDefault="qualified">
${c.types.map((t) => `<xs:complexType name="${t}"><xs:sequence><xs:element name="Value" type="xs:string"/></xs:sequence></xs:complexType>`).join('\n')}
<xs:simpleType name="Literal"><xs:restriction base="xs:string">${c.literals.map((l) => `<xs:enumeration value="${esc(l)}"/>`).join('')}</xs:restriction></xs:simpleType>
${c.headers.map((_, i) => `<xs:element name="Header${i}" type="xs:string"/>`).join('\n')}
${elements.join('\n')}
</xs:schema></wsdl:types>
<wsdl:message name="Headers">${headerParts}</wsdl:message>
${c.operations.map((op, i) => `<wsdl:message name="in${i}"><wsdl:part name="parameters" element="tns:${op.name}"/></wsdl:message><wsdl:message name="out${i}"><wsdl:part name="parameters" element="tns:${op.name}Response"/></wsdl:message>`).join('\n')}
<wsdl:portType name="${c.service}">${c.operations.map((op, i) => `<wsdl:operation name="${op.name}"><wsdl:input message="tns:in${i}"/><wsdl:output message="tns:out${i}"/></wsdl:operation>`).join('')}</wsdl:portType>
<wsdl:binding name="B" type="tns:${c.service}"><soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>
${c.operations.map((op, i) => `<wsdl:operation name="${op.name}"><soap:operation soapAction="urn:p/${i}"/><wsdl:input><soap:body use="literal"/>${headerUses}</wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join('\n')}
</wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://localhost/p"/></wsdl:port></wsdl:service>
</wsdl:definitions>
`;
}

/** A request with every member set. */
function requestOf(c: Contract, op: Contract['operations'][number]): Record<string, unknown> {
  // Object.fromEntries makes own properties, `__proto__` included.
  return Object.fromEntries(
    op.members.map((m) => [m.name, m.type === 'string' ? `${m.name}<&>` : m.type === 'int' ? -7 : m.type === 'enum' ? c.literals.at(-1)! : { Value: 'v' }]),
  );
}

// ---------------------------------------------------------------------------------------------
// The property

interface Generated {
  readonly contract: Contract;
  readonly wsdl: string;
  readonly dir: string;
  readonly names: Names;
}

describe('every contract of random names gives a strictly compiling, round-tripping package or one located error', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-names-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  // The runtime imports saxes: resolved from the repository's node_modules.
  symlinkSync(path.resolve('node_modules'), path.join(root, 'node_modules'), 'dir');
  const contracts = fc.sample(contract, { numRuns: RUNS, seed: SEED });
  const generated: Generated[] = [];
  const replay = `(FC_SEED=${SEED} FC_RUNS=${RUNS})`;

  it(`generates ${RUNS} contracts: each a package or a GeneratorError with a location ${replay}`, async () => {
    let refused = 0;
    for (const [i, c] of contracts.entries()) {
      const dir = path.join(root, `p${i}`);
      mkdirSync(dir);
      const wsdl = wsdlOf(c);
      writeFileSync(path.join(dir, 'service.wsdl'), wsdl);
      try {
        const model = await loadModel(path.join(dir, 'service.wsdl'));
        const binding = pickBinding(model, undefined);
        const names = assignNames(model, binding);
        for (const f of emitPackage(model, binding, names, { packageName: `p${i}`, sourceName: 'service.wsdl' })) {
          // The runtime is the same in every package: written once, linked from each.
          const file = f.path.startsWith('src/runtime/') ? path.join(root, f.path.slice('src/'.length)) : path.join(dir, f.path);
          if (f.path.startsWith('src/runtime/') && existsSync(file)) continue;
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, f.text);
        }
        symlinkSync(path.join(root, 'runtime'), path.join(dir, 'src', 'runtime'), 'dir');
        generated.push({ contract: c, wsdl, dir, names });
      } catch (e) {
        assert.ok(e instanceof GeneratorError, `contract ${i} ${replay}: not a GeneratorError: ${String(e)}\n${wsdl}`);
        assert.ok(e.location && e.location.line > 0 && e.location.column > 0, `contract ${i}: no location: ${e.message}`);
        assert.doesNotMatch(e.message, /\n/, 'one line');
        refused++;
      }
    }
    // Most contracts are valid (a name repeated where the contract needs it unique is refused).
    assert.ok(generated.length >= RUNS * 0.6, `only ${generated.length} of ${RUNS} contracts generated, ${refused} refused`);
  });

  it(`the packages compile with their strict options, in one tsc program ${replay}`, () => {
    if (generated.length === 0) return;
    const base = path.join(generated[0]!.dir, 'tsconfig.json');
    const config = {
      extends: base,
      compilerOptions: { noEmit: true, rootDir: '.', paths: { saxes: [path.join(root, 'runtime/saxes-api.d.ts')] } },
      include: generated.map((g) => path.join(g.dir, 'src')),
    };
    writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify(config));
    const out = spawnSync(TSC, ['-p', path.join(root, 'tsconfig.json')], { encoding: 'utf8' });
    const failing = [...new Set([...out.stdout.matchAll(/(p\d+)[/\\]src/g)].map((m) => m[1]!))];
    const first = generated.find((g) => path.basename(g.dir) === failing[0]);
    assert.equal(out.status, 0, `${out.stdout}${out.stderr}\n${failing.length} package(s) fail ${replay}; the first one's contract:\n${first?.wsdl ?? ''}`);
  });

  it(`every operation round-trips through its message functions and through its client and test double ${replay}`, async () => {
    for (const g of generated) {
      const pkg = (await import(pathToFileURL(path.join(g.dir, 'src/index.ts')).href)) as Record<string, unknown>;
      const fn = (name: string) => pkg[name] as (...args: unknown[]) => unknown;
      const where = `${path.basename(g.dir)} ${replay}\n${g.wsdl}`;
      const methods = g.contract.operations.map((op) => g.names.operations[op.name]!.method);
      assert.equal(new Set(methods).size, methods.length, `methods are distinct: ${where}`);
      for (const m of methods) assert.ok(!MEMBER_RESERVED.has(m), `${m} is an agent member: ${where}`);

      const handlers: Record<string, (request: unknown, context: { requestHeaders: unknown }) => string> = {};
      const seen: unknown[] = [];
      for (const op of g.contract.operations) {
        const n = g.names.operations[op.name]!;
        const request = requestOf(g.contract, op);
        assert.deepEqual((fn(n.parseRequest)(fn(n.serializeRequest)(request)) as { body: unknown }).body, request, `${op.name} request: ${where}`);
        assert.deepEqual((fn(n.parseResponse)(fn(n.serializeResponse)({ Result: op.name })) as { body: unknown }).body, { Result: op.name }, `${op.name} response: ${where}`);
        handlers[n.method] = (got, context) => {
          seen.push([op.name, got, context.requestHeaders]);
          return op.name;
        };
      }
      const double = fn(g.names.createService)(handlers) as { fetch: (request: Request) => Promise<Response> };
      const headerValues = Object.fromEntries(g.contract.headers.map((h) => [g.names.headerOptions.get(h)!, `${h}!`]));
      const Agent = pkg[g.names.client] as new (options: object) => Record<string, (request: unknown) => Promise<unknown>>;
      const agent = new Agent({ endpoint: 'http://localhost/p', fetch: (input: RequestInfo | URL, init?: RequestInit) => double.fetch(new Request(input, init)), ...headerValues });
      // An agent is never a thenable: an async factory returning it settles.
      assert.equal(await (async () => agent)(), agent);
      for (const op of g.contract.operations) {
        assert.equal(await agent[g.names.operations[op.name]!.method]!(requestOf(g.contract, op)), op.name, `${op.name} through the client: ${where}`);
      }
      const headers = Object.fromEntries(g.contract.headers.map((h) => [h, `${h}!`]));
      assert.deepEqual(seen, g.contract.operations.map((op) => [op.name, requestOf(g.contract, op), headers]), `handlers: ${where}`);
    }
  });
});
