/**
 * Lenient reading (`--lenient`, generator/lenient.ts): a contract with one of each mistake
 * lenient reading repairs (test/fixtures/lenient). Strict reading refuses it; lenient reading
 * reports every repair and gives a package that compiles and works.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { emitPackage } from '../generator/emit/package.ts';
import { GeneratorError } from '../generator/errors.ts';
import { pickBinding } from '../generator/generate.ts';
import { loadModel } from '../generator/load-model.ts';
import { assignNames } from '../generator/names.ts';
import { formatFiles } from '../generator/write.ts';

const WSDL = 'test/fixtures/lenient/service.wsdl';
const TSC = path.resolve('node_modules/.bin/tsc');

describe('lenient reading', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-lenient-'));
    symlinkSync(path.resolve('node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('strict reading refuses the contract with a located error', async () => {
    await assert.rejects(loadModel(WSDL), (e: unknown) => {
      assert.ok(e instanceof GeneratorError);
      assert.equal(e.code, 'XML_MALFORMED');
      assert.match(e.format(), /^test\/fixtures\/lenient\/service\.wsdl:6:3: not well-formed XML: .*prefix/);
      return true;
    });
  });

  it('lenient reading repairs each mistake and reports it where it is', async () => {
    const model = await loadModel(WSDL, { lenient: true });
    const warnings = model.warnings ?? [];
    for (const expected of [
      /service\.wsdl: the prefix "wsp" is used but not declared; read as http:\/\/schemas\.xmlsoap\.org\/ws\/2004\/09\/policy$/,
      /service\.wsdl: the prefix "wsu" is used but not declared; read as http:\/\/docs\.oasis-open\.org\//,
      /service\.wsdl:9:7: cannot read .*missing\.xsd: no such file; the import is skipped$/,
      /:11:9: xs:union is not supported; its values are typed as strings$/,
      /:14:9: xs:element in a complex type without xs:sequence; read as in a sequence$/,
      /:20:9: xs:sequence inside xs:element without xs:complexType; read as its anonymous complex type$/,
      /:22:11: type="xsd:string": the prefix "xsd" is not declared; read as http:\/\/www\.w3\.org\/2001\/XMLSchema$/,
      /:14:9: type \{\}string \(referenced by element Name\) is not declared; the XSD built-in xs:string is used$/,
      /:15:9: type \{\}Code is not declared; \{urn:sloppy\}Code, the only type of that name, is used$/,
      /:16:9: type \{urn:sloppy\}Undeclared \(referenced by element Extra\) is not declared; it is typed as raw XML$/,
      /:17:9: type \{urn:sloppy\}Save \(referenced by element Resent\) is not declared; the anonymous type of element \{urn:sloppy\}Save is used$/,
      /: message \{urn:sloppy\}OopsFault \(referenced by fault Oops of Save\) is not declared; fault Oops is left out$/,
      /: element \{urn:sloppy\}Ping \(referenced by part parameters of message PingIn\) is not declared; it is typed as raw XML$/,
      /: operation Notify has no input \(notification operations are not supported\); the operation is left out$/,
      /: operation Delete of binding SloppyBinding is not in portType Sloppy; the operation is left out$/,
    ]) {
      assert.ok(warnings.some((w) => expected.test(w)), `a warning matches ${expected}; got:\n${warnings.join('\n')}`);
    }
    assert.deepEqual(model.bindings[0]!.operations.map((o) => o.name), ['Save', 'Ping', 'Echo']);
  });

  it('a type name naming a global element gives an element that element\'s anonymous type, but no base or attribute', async () => {
    const at = 'test/fixtures/lenient/element-as-type.wsdl';
    const model = await loadModel(at, { lenient: true });
    assert.deepEqual(model.warnings, [
      `${at}:20:15: type {urn:things}Thing (referenced by element Content) is not declared; the anonymous type of element {urn:things}Thing is used`,
      `${at}:22:13: type {urn:things}Thing (referenced by attribute label) is not declared; it is typed as a string`,
      `${at}:16:7: type {urn:things}Thing (referenced by the base of complex type Box) is not declared; the type has no base`,
    ]);
    const box = model.types.find((t) => t.id === '{urn:things}Box');
    assert.ok(box?.kind === 'complex');
    assert.equal(box.base, undefined);
    assert.deepEqual(box.fields.map((f) => f.kind === 'element' && [f.name, f.type]), [['Content', { kind: 'type', id: '{urn:things}element:Thing' }]]);
    assert.deepEqual(box.attributes.map((a) => [a.name, a.type]), [['label', { kind: 'builtin', name: 'string' }]]);
  });

  it('a mixed type extending element content: refused strictly; leniently it keeps all its content raw, without its base', async () => {
    const at = 'test/fixtures/lenient/mixed-extends-elements.wsdl';
    const message = 'complex type Note has mixed content but extends Dated, whose content is elements only (XSD lets mixed content extend only mixed or empty content)';
    await assert.rejects(loadModel(at), (e: unknown) => e instanceof GeneratorError && e.code === 'INVALID_CONTRACT' && e.format() === `${at}:14:7: ${message} (--lenient reads the contract anyway, repairing this with a warning)`);
    const model = await loadModel(at, { lenient: true });
    assert.deepEqual(model.warnings, [
      `${at}:14:7: ${message}; it is read without its base: its whole content, the inherited elements included, is kept as raw XML, and the inherited attributes are its own`,
    ]);
    const note = model.types.find((t) => t.id === '{urn:notes}Note');
    assert.ok(note?.kind === 'complex');
    assert.deepEqual([note.base, note.mixed, note.fields, note.text, note.attributes.map((a) => a.name)], [undefined, true, [], { kind: 'builtin', name: 'anyType' }, ['id', 'author']]);
  });

  it('gives a package that compiles strictly and round-trips its messages', async () => {
    const model = await loadModel(WSDL, { lenient: true });
    const binding = pickBinding(model, undefined);
    const out = path.join(dir, 'sloppy');
    for (const f of await formatFiles(emitPackage(model, binding, assignNames(model, binding), { packageName: 'sloppy', sourceName: 'service.wsdl' }))) {
      mkdirSync(path.dirname(path.join(out, f.path)), { recursive: true });
      writeFileSync(path.join(out, f.path), f.text);
    }
    const tsc = spawnSync(TSC, ['-p', path.join(out, 'tsconfig.json'), '--noEmit'], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
    const pkg = (await import(pathToFileURL(path.join(out, 'src', 'index.ts')).href)) as Record<string, (...args: unknown[]) => unknown>;
    // The element whose type is undeclared is raw XML; the union a string; the trailing space of a name is not part of it.
    // Resent is typed by the element Save its type attribute names.
    const save = { Item: { Name: 'n', Code: '7', Extra: '<x:y xmlns:x="urn:x">z</x:y>', Resent: { Item: { Name: 'm', Code: '8' } } }, Note: 'note' };
    const xml = pkg['serializeSaveRequest']!(save) as string;
    assert.deepEqual((pkg['parseSaveRequest']!(xml) as { body: unknown }).body, save);
    assert.match(pkg['serializeSaveResponse']!({ Id: 5n }) as string, /<SaveResponse xmlns="urn:sloppy"><Id>5<\/Id><\/SaveResponse>/);
    // Encoded use is SOAP encoding, lenient reading or not: the accessors carry their xsi:type.
    assert.match(
      pkg['serializeEchoRequest']!({ text: 'hi' }) as string,
      /<Echo xmlns="urn:sloppy:rpc" s:encodingStyle="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/"><text xmlns="" xsi:type="xsd:string">hi<\/text><\/Echo>/,
    );
  });

  it('the command line reads leniently with --lenient, printing each warning', () => {
    const out = path.join(dir, 'cli');
    const strict = spawnSync(process.execPath, ['--import', 'tsx', 'generator/cli.ts', 'generate', '--wsdl', WSDL, '--out', out], { encoding: 'utf8' });
    assert.equal(strict.status, 1);
    assert.match(strict.stderr, /service\.wsdl:6:3: not well-formed XML/);
    const lenient = spawnSync(process.execPath, ['--import', 'tsx', 'generator/cli.ts', 'generate', '--wsdl', WSDL, '--out', out, '--lenient'], { encoding: 'utf8' });
    assert.equal(lenient.status, 0, lenient.stderr);
    assert.match(lenient.stderr, /^wsdl-tsgen: warning: test\/fixtures\/lenient\/service\.wsdl:9:7: cannot read .*; the import is skipped$/m);
    assert.match(lenient.stdout, /generated 1 package\(s\)/);
  });
});
