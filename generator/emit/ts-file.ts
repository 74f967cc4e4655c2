/**
 * A TypeScript file of the package from its ts-morph statement structures: ts-morph prints
 * them (printStructure: text only, without a project or a parse), and write.ts formats the text
 * with prettier.
 */
import type { StatementStructures } from 'ts-morph';
import { printStructure, StructureKind } from './ts-morph.ts';

/** A generated file, not yet formatted. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

export function tsFile(path: string, banner: string, statements: StatementStructures[]): GeneratedFile {
  const text = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2, useSingleQuote: true });
  return { path, text: `${banner}\n\n${text}` };
}
