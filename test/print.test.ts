/**
 * The built-in printers (generator/emit/print/) against prettier itself: every generated file
 * printed the fast way equals the file ts-morph and prettier make of the same structures, the
 * document printer equals prettier's on random documents, and JSON equals prettier's JSON.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as prettier from 'prettier';
import { doc as prettierDoc } from 'prettier';
import * as tsMorph from 'ts-morph';
import { Scope, StructureKind, VariableDeclarationKind } from '../generator/emit/kinds.ts';
import * as d from '../generator/emit/print/doc.ts';
import { formatJson } from '../generator/emit/print/json.ts';
import { slowFiles } from '../generator/emit/ts-file.ts';
import { PRETTIER_OPTIONS } from '../generator/write.ts';
import { generateInMemory } from './support/generate.ts';

const CONTRACTS = [
  'wsdl/User.wsdl',
  ...readdirSync('test/fixtures/golden')
    .sort()
    .map((f) => `test/fixtures/golden/${f}/input/service.wsdl`),
];

async function generate(wsdl: string, printer: 'built-in' | 'ts-morph') {
  const saved = process.env['WSDL_TSGEN_PRINTER'];
  if (printer === 'ts-morph') process.env['WSDL_TSGEN_PRINTER'] = 'ts-morph';
  else delete process.env['WSDL_TSGEN_PRINTER'];
  try {
    return await generateInMemory(wsdl, 'pkg');
  } finally {
    if (saved === undefined) delete process.env['WSDL_TSGEN_PRINTER'];
    else process.env['WSDL_TSGEN_PRINTER'] = saved;
  }
}

describe('the built-in printer prints what ts-morph and prettier print', () => {
  for (const wsdl of CONTRACTS) {
    it(wsdl, async () => {
      slowFiles.length = 0;
      const fast = await generate(wsdl, 'built-in');
      const slow = slowFiles.map((f) => `${f.path}: ${f.reason}`);
      const reference = await generate(wsdl, 'ts-morph');
      assert.deepEqual(
        fast.map((f) => f.path),
        reference.map((f) => f.path),
      );
      for (const [i, f] of fast.entries()) assert.equal(f.text, reference[i]!.text, `${wsdl}: ${f.path}`);
      if (wsdl === 'wsdl/User.wsdl') assert.deepEqual(slow, [], 'every TypeScript file of the User package is printed the fast way');
    });
  }
});

describe('structure kinds', () => {
  it('kinds.ts has the values of ts-morph', () => {
    for (const [name, value] of Object.entries(StructureKind)) assert.equal(value, tsMorph.StructureKind[name as keyof typeof tsMorph.StructureKind], name);
    for (const [name, value] of Object.entries(VariableDeclarationKind)) assert.equal(value, tsMorph.VariableDeclarationKind[name as keyof typeof tsMorph.VariableDeclarationKind], name);
    for (const [name, value] of Object.entries(Scope)) assert.equal(value, tsMorph.Scope[name as keyof typeof tsMorph.Scope], name);
  });
});

// ---------------------------------------------------------------------------------------------
// The document printer against prettier's, on random documents.

type Shape =
  | { k: 'text'; s: string }
  | { k: 'line' | 'softline' | 'hardline' }
  | { k: 'concat'; parts: Shape[] }
  | { k: 'group'; brk: boolean; id: number | undefined; contents: Shape }
  | { k: 'indent'; contents: Shape }
  | { k: 'align'; n: number; contents: Shape }
  | { k: 'ifBreak'; a: Shape; b: Shape; id: number | undefined }
  | { k: 'indentIfBreak'; id: number; contents: Shape }
  | { k: 'cgroup'; states: Shape[] };

const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ k: fc.constant('text' as const), s: fc.constantFrom('a', 'bb', 'ccc', '{', '}', ',', 'x'.repeat(12), ' ', '') }),
    fc.record({ k: fc.constantFrom('line' as const, 'softline' as const, 'hardline' as const) }),
    fc.record({ k: fc.constant('concat' as const), parts: fc.array(tie('shape'), { maxLength: 5 }) }),
    fc.record({ k: fc.constant('group' as const), brk: fc.boolean(), id: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), contents: tie('shape') }),
    fc.record({ k: fc.constant('indent' as const), contents: tie('shape') }),
    fc.record({ k: fc.constant('align' as const), n: fc.integer({ min: 1, max: 3 }), contents: tie('shape') }),
    fc.record({ k: fc.constant('ifBreak' as const), a: tie('shape'), b: tie('shape'), id: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }) }),
    fc.record({ k: fc.constant('indentIfBreak' as const), id: fc.integer({ min: 0, max: 2 }), contents: tie('shape') }),
    fc.record({ k: fc.constant('cgroup' as const), states: fc.array(tie('shape'), { minLength: 1, maxLength: 3 }) }),
  ),
})).shape;

function mine(s: Shape, ids: symbol[]): d.Doc {
  switch (s.k) {
    case 'text':
      return s.s;
    case 'line':
      return d.line;
    case 'softline':
      return d.softline;
    case 'hardline':
      return d.hardline;
    case 'concat':
      return s.parts.map((p) => mine(p, ids));
    case 'group':
      return d.group(mine(s.contents, ids), { shouldBreak: s.brk, ...(s.id !== undefined ? { id: ids[s.id]! } : {}) });
    case 'indent':
      return d.indent(mine(s.contents, ids));
    case 'align':
      return d.align(s.n, mine(s.contents, ids));
    case 'ifBreak':
      return d.ifBreak(mine(s.a, ids), mine(s.b, ids), s.id !== undefined ? { groupId: ids[s.id]! } : {});
    case 'indentIfBreak':
      return d.indentIfBreak(mine(s.contents, ids), { groupId: ids[s.id]! });
    case 'cgroup':
      return d.conditionalGroup(s.states.map((p) => mine(p, ids)));
  }
}

function theirs(s: Shape, ids: symbol[]): prettier.Doc {
  const b = prettierDoc.builders;
  switch (s.k) {
    case 'text':
      return s.s;
    case 'line':
      return b.line;
    case 'softline':
      return b.softline;
    case 'hardline':
      return b.hardline;
    case 'concat':
      return s.parts.map((p) => theirs(p, ids));
    case 'group':
      return b.group(theirs(s.contents, ids), { shouldBreak: s.brk, ...(s.id !== undefined ? { id: ids[s.id]! } : {}) });
    case 'indent':
      return b.indent(theirs(s.contents, ids));
    case 'align':
      return b.align(s.n, theirs(s.contents, ids));
    case 'ifBreak':
      return b.ifBreak(theirs(s.a, ids), theirs(s.b, ids), s.id !== undefined ? { groupId: ids[s.id]! } : {});
    case 'indentIfBreak':
      return b.indentIfBreak(theirs(s.contents, ids), { groupId: ids[s.id]! });
    case 'cgroup':
      return b.conditionalGroup(s.states.map((p) => theirs(p, ids)));
  }
}

describe('the document printer', () => {
  it('prints random documents as prettier prints them', () => {
    fc.assert(
      fc.property(shapeArb, fc.integer({ min: 4, max: 40 }), (shape, width) => {
        const ids = [Symbol('a'), Symbol('b'), Symbol('c')];
        const expected = prettierDoc.printer.printDocToString(theirs(shape, ids), { printWidth: width, tabWidth: 2, useTabs: false } as never).formatted;
        assert.equal(d.printDoc(mine(shape, ids), { printWidth: width, tabWidth: 2 }), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('measures accented letters as one column and refuses wide characters', () => {
    assert.equal(d.stringWidth('Ærlig øl på Åsen'), 16);
    assert.throws(() => d.stringWidth('漢字'), d.Unsupported);
  });
});

describe('JSON', () => {
  const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => JSON.stringify(v) !== undefined);
  it('formats JSON.stringify output as prettier does', async () => {
    const samples = fc.sample(json, { numRuns: 300, seed: 42 });
    samples.push({ name: 'x', files: ['dist', 'src', 'README.md'], deep: { a: [1, 2, 3], b: [{ x: 1, y: 2 }, { x: 3, y: 4 }], e: {}, f: [] } });
    for (const v of samples) {
      const text = `${JSON.stringify(v, null, 2)}\n`;
      let fast: string;
      try {
        fast = formatJson(text);
      } catch (e) {
        if (e instanceof d.Unsupported) continue;
        throw e;
      }
      assert.equal(fast, await prettier.format(text, { ...PRETTIER_OPTIONS, parser: 'json' }), text);
    }
  });
});

describe('long names', () => {
  it('a contract whose names are long enough to break lines everywhere prints as prettier prints it', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { writeSyntheticContract } = await import('./bench/synthetic.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'wsdl-tsgen-long-'));
    try {
      const long = ['WithAnExtraordinarilyLongSuffixThatForcesBreaks', 'X', 'WithAMuchMuchLongerSuffixSoThatEvenTheShortestLinesOfTheGeneratedCodeNoLongerFit'];
      const wsdl = writeSyntheticContract('wsdl', dir, 3, (k) => long[k - 1]!);
      const fast = await generate(wsdl, 'built-in');
      const reference = await generate(wsdl, 'ts-morph');
      for (const [i, f] of fast.entries()) assert.equal(f.text, reference[i]!.text, f.path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('markdown', () => {
  it('the User README is formatted without prettier, as prettier formats it', async () => {
    const { formatMarkdown } = await import('../generator/emit/print/markdown.ts');
    const { emitPackage } = await import('../generator/emit/package.ts');
    const { loadModel } = await import('../generator/load-model.ts');
    const { assignNames } = await import('../generator/names.ts');
    const model = await loadModel('wsdl/User.wsdl');
    const binding = model.bindings[0]!;
    const readme = emitPackage(model, binding, assignNames(model, binding), { packageName: 'services86-user', sourceName: 'wsdl/User.wsdl' }).find((f) => f.path === 'README.md')!;
    assert.equal(formatMarkdown(readme.text), await prettier.format(readme.text, { ...PRETTIER_OPTIONS, parser: 'markdown' }));
  });

  it('leaves to prettier what it does not reproduce', async () => {
    const { formatMarkdown } = await import('../generator/emit/print/markdown.ts');
    for (const text of ['# a_b\n', 'Some *emphasis*.\n', '- a list\n', 'A [link](x).\n', 'x\n| a | b |\n| --- | --- |\n', '| a |\n| --- |\n| `漢` |\n']) {
      assert.throws(() => formatMarkdown(text), d.Unsupported, text);
    }
    const sample = '<!-- c -->\n# T\n\nText **bold** `code`.\n\n| a | bb |\n| --- | --- |\n| `x \\| y` | 1 |\n';
    assert.equal(formatMarkdown(sample), await prettier.format(sample, { ...PRETTIER_OPTIONS, parser: 'markdown' }));
  });
});

describe('data literals', () => {
  // Values shaped like the descriptor tables: nested objects and arrays of short and long keys and scalars.
  const key = fc.constantFrom('a', 'ns', 'name', 'kind', 'fields', 'nillable', 'soapAction', 'xmlName', 'AddOwnerContactResponse', 'a-b', 'VeryLongPropertyNameOfTheKindTypesHaveInLargeContracts');
  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }).map((s) => JSON.stringify(s)),
    fc.constantFrom('0', '1', '-1', 'true', 'false', 'null', 'NS0', `'${'x'.repeat(60)}'`),
  );
  const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.array(tie('v'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
      fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((props) => `{ ${[...new Map(props)].map(([k, v]) => `${/^[a-zA-Z]+$/.test(k) ? k : JSON.stringify(k)}: ${v}`).join(', ')} }`),
    ),
  })).v;

  it('print as prettier prints them', async () => {
    const { FilePrinter } = await import('../generator/emit/print/structures.ts');
    const samples = fc.sample(fc.tuple(value, fc.constantFrom('', ' as const', ' as const satisfies Record<string, OperationDesc>')), { numRuns: 300, seed: 7 });
    for (const [literal, suffix] of samples) {
      const statements = [{ kind: StructureKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'service', type: 'ServiceDesc', initializer: `${literal}${suffix}` }] }];
      let fast: string;
      try {
        fast = new FilePrinter().print('// x', statements as never);
      } catch (e) {
        if (e instanceof d.Unsupported) continue;
        throw e;
      }
      const source = `// x\n\nexport const service: ServiceDesc = ${literal}${suffix};\n`;
      assert.equal(fast, await prettier.format(source, { ...PRETTIER_OPTIONS, parser: 'babel-ts' }), source);
    }
  });
});
