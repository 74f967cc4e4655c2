/**
 * The generator stands in floors: no module imports, directly or through others, a module that
 * imports it. Type-only imports count: a reader starting at the bottom floor must
 * not have to know a module above it first.
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

  for (const dir of ['generator']) {
    it(`do not occur in ${dir}/`, () => {
      const graph = importGraph(dir);
      assert.ok(graph.size > 5, `${dir} holds the modules it should`);
      const circles = importCircles(graph).map((c) => c.join(' -> '));
      assert.deepStrictEqual(circles, [], `import circles in ${dir}/:\n${circles.join('\n')}`);
    });
  }
});
