// A COMMIT whose outcome is unknown: the connection broke while it ran, so the server may have made
// the transaction durable or not. Such an error is marked here by the store that raised it, so the
// group committer (group-commit.ts) answers every item of the batch with it instead of running each
// again on its own: a retry of work that did commit would fail on its own rows or, worse, do it twice.
// The caller gets store-unavailable (503); a client finds out with its Idempotency-Key (README).

const outcomeUnknown = new WeakSet<object>();

export function markCommitOutcomeUnknown<E extends object>(error: E): E {
  outcomeUnknown.add(error);
  return error;
}

export function isCommitOutcomeUnknown(error: unknown): boolean {
  return typeof error === 'object' && error !== null && outcomeUnknown.has(error);
}
