/**
 * A TypeScript file of the package from its ts-morph statement structures: ts-morph prints
 * them, and write.ts formats the text with prettier.
 */
import { Project, type StatementStructures } from 'ts-morph';

/** A generated file, not yet formatted. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
}

let project: Project | undefined;

export function tsFile(path: string, banner: string, statements: StatementStructures[]): GeneratedFile {
  project ??= new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const text = project.createSourceFile('file.ts', { statements }, { overwrite: true }).getFullText();
  return { path, text: `${banner}\n\n${text}` };
}
