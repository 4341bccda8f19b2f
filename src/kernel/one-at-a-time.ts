// One run of an async job at a time, and never an answer older than the call: a caller that arrives
// while a run is under way waits for it to end and then shares the next run, started after it arrived
// (callers meanwhile share that one too, so at most one run waits). For costly work whose answer must
// reflect the state at the call, such as walking the audit chain: a row edited behind a running walk
// must not be reported whole to a request that came after the edit (found in review).

export function oneAtATime<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  let waiting: Promise<T> | undefined;
  const start = (): Promise<T> => {
    const started = run().finally(() => {
      if (running === started) running = undefined;
    });
    running = started;
    return started;
  };
  return () => {
    if (running === undefined) return start();
    waiting ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      waiting = undefined;
      // A run started meanwhile by a caller that found none running began after this one's callers came.
      return running ?? start();
    });
    return waiting;
  };
}
