/**
 * What the emitters produce and are told, shared by every emit module (and by generate.ts,
 * cache.ts and write.ts, which take the files on).
 */
import type { PackageMetadata } from '../package-metadata.ts';

export interface EmittedFile {
  readonly path: string;
  readonly text: string;
  /**
   * Already in the pinned prettier format, so write.ts leaves it as it is: the runtime copied from
   * templates/runtime (test/generate.test.ts checks that every template is formatted).
   */
  readonly formatted?: boolean;
}

export interface EmitOptions {
  readonly packageName: string;
  /** The contract as it should be named in generated files (never an absolute path). */
  readonly sourceName: string;
  /** Markdown from the config's `readme` file, placed in the generated README after Install. */
  readonly readme?: string;
  /** The user's fields of package.json (version, license, ...), already checked. */
  readonly metadata?: PackageMetadata;
}
