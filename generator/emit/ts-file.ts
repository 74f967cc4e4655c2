/**
 * A TypeScript file of the package from its ts-morph statement structures. The built-in printer
 * (print/) writes it directly in the pinned prettier format; where it meets something it does
 * not reproduce, ts-morph prints the structures and write.ts formats the text with prettier, as
 * every file was made before. Both ways give the same bytes (test/print.test.ts compares them).
 */
import { createRequire } from 'node:module';
import type { Project, StatementStructures } from 'ts-morph';
import { Unsupported } from './print/doc.ts';
import { FilePrinter } from './print/structures.ts';

/** A generated file. `formatted` is set when the text is already in the pinned prettier format. */
export interface GeneratedFile {
  readonly path: string;
  readonly text: string;
  readonly formatted?: boolean;
}

let project: Project | undefined;

/** The files (and why) that the built-in printer left to ts-morph and prettier, for tests and diagnostics. */
export const slowFiles: { path: string; reason: string }[] = [];

/** The text ts-morph writes for the structures (not formatted). ts-morph is loaded on first use. */
export function tsMorphText(statements: StatementStructures[]): string {
  if (!project) {
    const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
    project = new tsMorph.Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  }
  return project.createSourceFile('file.ts', { statements }, { overwrite: true }).getFullText();
}

/** WSDL_TSGEN_PRINTER=ts-morph sends every file the ts-morph and prettier way (for comparisons). */
export function builtInPrinterOff(): boolean {
  return process.env['WSDL_TSGEN_PRINTER'] === 'ts-morph';
}

export function tsFile(path: string, banner: string, statements: StatementStructures[]): GeneratedFile {
  if (!builtInPrinterOff()) {
    try {
      return { path, text: new FilePrinter().print(banner, statements), formatted: true };
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      slowFiles.push({ path, reason: e.message });
      if (process.env['WSDL_TSGEN_DEBUG_PRINTER']) process.stderr.write(`wsdl-tsgen: ${path}: ${e.message}\n`);
    }
  }
  return { path, text: `${banner}\n\n${tsMorphText(statements)}` };
}
