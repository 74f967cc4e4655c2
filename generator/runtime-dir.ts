/**
 * Where the runtime copied into every package lives: templates/runtime of this project, found
 * from the generator's source folder or from dist/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIME_DIR = findUp(path.dirname(fileURLToPath(import.meta.url)), 'templates/runtime');

function findUp(from: string, relative: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`internal: ${relative} not found above ${from}`);
  }
}

