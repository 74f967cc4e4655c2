/**
 * Third-party reference data that conformance tests read in place: the `shared` folder beside
 * the repository (as CI lays it out). It is never part of the project; `npm test` does not
 * read it, and `npm run test:conformance` names it as a prerequisite when it is missing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: two folders above this file. */
const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SHARED = path.join(path.dirname(REPOSITORY), 'shared');

export function sharedPath(relative: string): string {
  return path.join(SHARED, relative);
}
