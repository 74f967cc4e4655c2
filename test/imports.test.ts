/**
 * The generator and the runtime templates stand in floors: no module imports, directly or through
 * others, a module that imports it. Type-only imports count: a reader starting at the bottom floor
 * must not have to know a module above it first. The runtime's floors are named: each module
 * says in its header which floor it stands on, and imports nothing from a floor above.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

/** Every .ts file under `dir`, relative to it, with '/' separators. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

/** Module -> the modules of the same folder tree it imports (or re-exports from). */
function importGraph(dir: string): Map<string, string[]> {
  const files = new Set(sources(dir));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(dir, file), 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((s) => s.startsWith('.'))
      .map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'))
      .map((s) => (files.has(s) ? s : files.has(`${s}/index.ts`) ? `${s}/index.ts` : s))
      .filter((s) => files.has(s));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every import circle of `graph`, each as the path that closes it (first module repeated at the end). */
export function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const circles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') circles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return circles;
}

describe('import circles', () => {
  const cases: { name: string; graph: Record<string, string[]>; circles: string[][] }[] = [
    { name: 'a chain', graph: { a: ['b'], b: ['c'], c: [] }, circles: [] },
    { name: 'a diamond', graph: { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, circles: [] },
    { name: 'two modules importing each other', graph: { a: ['b'], b: ['a'] }, circles: [['a', 'b', 'a']] },
    { name: 'a circle of three below a module', graph: { top: ['x'], x: ['y'], y: ['z'], z: ['x'] }, circles: [['x', 'y', 'z', 'x']] },
    { name: 'a module importing itself', graph: { a: ['a'] }, circles: [['a', 'a']] },
  ];
  for (const c of cases) {
    it(`are found in ${c.name}`, () => {
      assert.deepStrictEqual(importCircles(new Map(Object.entries(c.graph))), c.circles);
    });
  }

  for (const dir of ['generator', 'templates/runtime']) {
    it(`do not occur in ${dir}/`, () => {
      const graph = importGraph(dir);
      assert.ok(graph.size > 5, `${dir} holds the modules it should`);
      const circles = importCircles(graph).map((c) => c.join(' -> '));
      assert.deepStrictEqual(circles, [], `import circles in ${dir}/:\n${circles.join('\n')}`);
    });
  }
});


/**
 * The runtime's floors, bottom first (README, "How it works"). A module imports modules of its
 * own floor or of floors below; a new module must be given a floor here and in its header.
 */
const RUNTIME_FLOORS: readonly (readonly string[])[] = [
  // 0: constants and types
  ['limits.ts', 'schema.ts', 'xml-escape.ts', 'xml-namespaces.ts', 'xsd-pattern.ts'],
  // 1: errors, values, compiled descriptors
  ['compiled.ts', 'derived-codecs.ts', 'errors.ts', 'reading.ts', 'values.ts'],
  // 2: XML reading and writing
  ['soap-encoding.ts', 'xml-fragment.ts', 'xml-parser.ts', 'xml-reader.ts', 'xml-writer.ts'],
  // 3: SOAP messages
  ['envelope-reader.ts', 'envelope-writer.ts', 'envelope.ts', 'fault-reader.ts'],
  // 4: client, server, security and the public surface
  ['client.ts', 'index.ts', 'security.ts', 'server.ts'],
];

/** Each import that goes up a floor, as `from (floor) -> to (floor)`; modules with no floor are reported too. */
export function floorViolations(graph: ReadonlyMap<string, readonly string[]>, floors: readonly (readonly string[])[]): string[] {
  const floorOf = new Map<string, number>();
  floors.forEach((files, floor) => files.forEach((f) => floorOf.set(f, floor)));
  const violations: string[] = [];
  for (const [file, targets] of graph) {
    const from = floorOf.get(file);
    if (from === undefined) {
      violations.push(`${file} has no floor`);
      continue;
    }
    for (const target of targets) {
      const to = floorOf.get(target);
      if (to !== undefined && to > from) violations.push(`${file} (${from}) -> ${target} (${to})`);
    }
  }
  return violations.sort();
}

describe('runtime floors', () => {
  it('are checked: an import going up a floor and a module without a floor are reported', () => {
    const graph = new Map([
      ['low.ts', ['high.ts']],
      ['high.ts', ['low.ts', 'same.ts']],
      ['same.ts', []],
      ['stray.ts', []],
    ]);
    assert.deepStrictEqual(floorViolations(graph, [['low.ts'], ['high.ts', 'same.ts']]), ['low.ts (0) -> high.ts (1)', 'stray.ts has no floor']);
  });

  it('hold every runtime module once, and no module imports one above its floor', () => {
    const graph = importGraph('templates/runtime');
    const listed = RUNTIME_FLOORS.flat();
    assert.deepStrictEqual([...listed].sort(), [...new Set(listed)].sort(), 'a module is listed on two floors');
    assert.deepStrictEqual(listed.filter((f) => !graph.has(f)), [], 'a listed module does not exist');
    const violations = floorViolations(graph, RUNTIME_FLOORS);
    assert.deepStrictEqual(violations, [], `imports going up a floor in templates/runtime/:\n${violations.join('\n')}`);
  });

  it('are named in each runtime module\'s header', () => {
    RUNTIME_FLOORS.forEach((files, floor) => {
      for (const file of files) {
        const header = /^\/\*\*[\s\S]*?\*\//.exec(readFileSync(path.join('templates/runtime', file), 'utf8'))?.[0] ?? '';
        assert.match(header, new RegExp(`Floor ${floor} of the runtime`), `${file}: its header should say "Floor ${floor} of the runtime"`);
      }
    });
  });
});
