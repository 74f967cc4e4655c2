/**
 * A TypeScript file of the package from its ts-morph statement structures: ts-morph prints
 * them (printStructure: text only, without a project or a parse), and write.ts formats the text
 * with prettier.
 */
import type { StatementStructures } from 'ts-morph';
import type { EmittedFile } from './emitted.ts';
import { printStructure, StructureKind } from './ts-morph.ts';

/** A TypeScript file of the package, not yet formatted. */
export function tsFile(path: string, banner: string, statements: StatementStructures[]): EmittedFile {
  const text = printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2, useSingleQuote: true });
  return { path, text: `${banner}\n\n${text}` };
}
