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
  let watchers: FSWatcher[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

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
  // one would end a watch on the file itself.
  const rewatch = () => {
    for (const w of watchers) w.close();
    const byFolder = new Map<string, Set<string>>();
    for (const f of files) {
      const names = byFolder.get(path.dirname(f)) ?? new Set<string>();
      names.add(path.basename(f));
      byFolder.set(path.dirname(f), names);
    }
    watchers = [...byFolder].map(([folder, names]) =>
      watch(folder, (_event, name) => {
        if (name !== null && names.has(name.toString())) schedule();
      }),
    );
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(generate);
    }, SETTLE_MS);
  };

  running = generate();
  await running;
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  if (timer !== undefined) clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
}
