/**
 * ts-morph's values, loaded with require: ts-morph is a CommonJS package, and importing it from
 * an ES module makes Node scan its source for export names first (about 80 ms here, on every
 * run). Types still come from `import type ... from 'ts-morph'`.
 */
import { createRequire } from 'node:module';

const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

export const { printStructure, Scope, StructureKind, VariableDeclarationKind } = tsMorph;
