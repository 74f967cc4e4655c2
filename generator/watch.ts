/**
 * `wsdl-tsgen generate --watch`: generate, then regenerate whenever a file the contracts were
 * read from changes (the WSDL, every imported or included schema, and the config file). Bad
 * input is reported and watching goes on, so fixing the file regenerates.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isGeneratorError } from './errors.ts';
import { DEFAULT_CONFIG, readConfig, runGenerate, type GenerateRequest } from './generate.ts';
import { isUrl } from './load/read-source.ts';

/** Changes closer together than this are one change (editors write files in several steps). */
const SETTLE_MS = 100;

export async function watchGenerate(request: GenerateRequest, stop: AbortSignal): Promise<void> {
  const config = request.wsdl === undefined ? path.resolve(request.config ?? DEFAULT_CONFIG) : undefined;
  let files = new Set<string>(config ? [config] : [path.resolve(request.wsdl!)]);
  /** One watcher per folder, with the names in it that matter. */
  const watchers = new Map<string, { readonly watcher: FSWatcher; names: Set<string> }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  /** Set when watching ends: a generation still running then opens no watcher. */
  let stopped = false;

  const generate = async () => {
    try {
      const result = await runGenerate(request);
      const roots = config ? (await readConfig(config)).flatMap((p) => p.contracts.map((c) => path.resolve(c.wsdl))) : [];
      files = new Set([...(config ? [config] : []), ...roots, ...result.sources.filter((s) => !isUrl(s))]);
    } catch (e) {
      if (!isGeneratorError(e)) throw e;
      request.warn(e.format());
    }
    rewatch();
    request.log(`wsdl-tsgen: watching ${files.size} file(s) for changes`);
  };

  // Folders are watched, not files: an editor that saves by renaming a new file over the old
  // one would end a watch on the file itself. A folder's watcher is kept from one generation to
  // the next, so a change made while generating is not missed.
  const rewatch = () => {
    if (stopped) return;
    const byFolder = new Map<string, Set<string>>();
    for (const f of files) {
      const names = byFolder.get(path.dirname(f)) ?? new Set<string>();
      names.add(path.basename(f));
      byFolder.set(path.dirname(f), names);
    }
    for (const [folder, w] of watchers) {
      if (byFolder.has(folder)) continue;
      w.watcher.close();
      watchers.delete(folder);
    }
    for (const [folder, names] of byFolder) {
      const kept = watchers.get(folder);
      if (kept) {
        kept.names = names;
        continue;
      }
      const entry = {
        names,
        watcher: watch(folder, (_event, name) => {
          if (name !== null && entry.names.has(name.toString())) schedule();
        }),
      };
      // A folder that goes away (or another watch failure): reported; the next generation
      // watches it again if it is still needed.
      entry.watcher.on('error', (e) => {
        request.warn(`wsdl-tsgen: stopped watching ${folder}: ${e.message}`);
        entry.watcher.close();
        if (watchers.get(folder) === entry) watchers.delete(folder);
      });
      watchers.set(folder, entry);
    }
  };

  const schedule = () => {
    if (stopped) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(generate);
    }, SETTLE_MS);
  };

  running = generate();
  await running;
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  stopped = true;
  if (timer !== undefined) clearTimeout(timer);
  await running;
  for (const w of watchers.values()) w.watcher.close();
}
