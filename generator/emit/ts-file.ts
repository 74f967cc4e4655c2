/**
 * A TypeScript file of the package from its ts-morph statement structures: ts-morph prints
 * them, and write.ts formats the text with prettier.
 */
import type { Project as TsProject, StatementStructures } from 'ts-morph';
import { Project } from './ts-morph.ts';

/** A generated file, not yet formatted. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

let project: TsProject | undefined;

export function tsFile(path: string, banner: string, statements: StatementStructures[]): GeneratedFile {
  project ??= new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const text = project.createSourceFile('file.ts', { statements }, { overwrite: true }).getFullText();
  return { path, text: `${banner}\n\n${text}` };
}
