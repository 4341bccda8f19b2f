// One run of an async job at a time: a caller that arrives while a run is under way waits for that run
// and gets its answer (or its error); the first caller after it settled starts a new one. For work
// that is costly and whose answer a little older is as good, such as walking the audit chain.

export function oneAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
