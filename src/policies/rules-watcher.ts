import { watch } from "chokidar";

export interface RulesWatcher {
  /** Resolves once the folder is being watched: changes before that may go unseen. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Editors save in bursts (temporary file, rename, chmod): one reload after the burst, not one per event. */
const debounceMilliseconds = 300;

/** Watches the rules folder (tests included) and calls `reload` after each burst of changes. */
export function watchRules(rulesDirectory: string, reload: () => Promise<unknown>, onError: (error: unknown) => void): RulesWatcher {
  const watcher = watch(rulesDirectory, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 } });
  let timer: NodeJS.Timeout | undefined;
  let reloading: Promise<unknown> = Promise.resolve();
  const scheduleReload = () => {
    clearTimeout(timer);
    // Reloads run one after the other, so an older read never replaces a newer one.
    timer = setTimeout(() => {
      reloading = reloading.then(reload).catch(onError);
    }, debounceMilliseconds);
  };
  const ready = new Promise<void>((resolve) => watcher.once("ready", () => resolve()));
  watcher.on("all", scheduleReload).on("error", onError);
  return {
    ready,
    async close() {
      clearTimeout(timer);
      await watcher.close();
      await reloading;
    },
  };
}
