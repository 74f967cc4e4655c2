/**
 * The files of a folder tree, for the two places that read one whole: the output cache (which
 * hashes the generator's own code and runtime) and write.ts (which compares a package folder with
 * what the generator makes).
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

/**
 * Paths relative to `dir` ('/'-separated) of every file under it, depth first, each folder's
 * entries in name order. `skipTop`: names of top-level folders left out. A folder that does not
 * exist has no files; any other error reading one is thrown.
 */
export function listFiles(dir: string, skipTop: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (prefix: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(dir, prefix), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const rel = prefix === '' ? e.name : `${prefix}/${e.name}`;
      if (!e.isDirectory()) out.push(rel);
      else if (!(prefix === '' && skipTop.has(e.name))) walk(rel);
    }
  };
  walk('');
  return out;
}
