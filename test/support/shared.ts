/**
 * The project's shared folder (third-party reference data that tests read in place): beside
 * the repository, as CI lays it out, or at its usual place on a developer machine.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const candidates = [path.resolve('..', 'shared'), '/work/shared'];

export const SHARED = candidates.find((c) => existsSync(path.join(c, 'reference'))) ?? candidates[0]!;

export function sharedPath(relative: string): string {
  return path.join(SHARED, relative);
}
