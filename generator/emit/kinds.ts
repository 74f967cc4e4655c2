/**
 * The values of ts-morph's structure enums that the emitters use, so that building structures
 * does not load ts-morph (and with it the TypeScript compiler): the structures are plain data,
 * and the built-in printer (print/) prints them. ts-morph itself is loaded only where a file is
 * formatted the slow way (see write.ts). test/print.test.ts checks these against ts-morph's own.
 */
import type { Scope as ScopeEnum, StructureKind as Kind, VariableDeclarationKind as VariableKind } from 'ts-morph';

export const StructureKind = {
  Class: 2 as Kind.Class,
  Constructor: 5 as Kind.Constructor,
  ExportDeclaration: 11 as Kind.ExportDeclaration,
  Function: 13 as Kind.Function,
  ImportDeclaration: 16 as Kind.ImportDeclaration,
  Interface: 19 as Kind.Interface,
  Method: 26 as Kind.Method,
  MethodSignature: 28 as Kind.MethodSignature,
  Parameter: 30 as Kind.Parameter,
  Property: 31 as Kind.Property,
  PropertySignature: 33 as Kind.PropertySignature,
  TypeAlias: 38 as Kind.TypeAlias,
  TypeParameter: 39 as Kind.TypeParameter,
  VariableDeclaration: 40 as Kind.VariableDeclaration,
  VariableStatement: 41 as Kind.VariableStatement,
} as const;

export const VariableDeclarationKind = {
  Const: 'const' as VariableKind.Const,
  Let: 'let' as VariableKind.Let,
} as const;

export const Scope = {
  Public: 'public' as ScopeEnum.Public,
  Protected: 'protected' as ScopeEnum.Protected,
  Private: 'private' as ScopeEnum.Private,
} as const;
