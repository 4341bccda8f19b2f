// What was typed survives an expired session. Form fields that hold no BSN use useDraft instead of
// useState; when the gateway answers 401 the session calls saveDraftsForSignIn(), which writes the
// values of the fields on screen to sessionStorage (this tab only) just before going to sign-in. The
// page that comes back after sign-in reads them once; the stored copy is removed as soon as it is read.
// Nothing is written at any other moment, and a BSN field never uses this hook.
import { useEffect, useState } from 'react';

const storageKey = 'ketenpoort.drafts';
/** Drafts older than this are not restored (the user has moved on). */
const maxAgeMs = 60 * 60 * 1000;

interface StoredDrafts {
  readonly path: string;
  readonly savedAt: number;
  readonly values: Record<string, unknown>;
}

const live = new Map<string, () => unknown>();
let restored: StoredDrafts | null | undefined;

function takeStored(): StoredDrafts | null {
  if (restored !== undefined) return restored;
  restored = null;
  try {
    const raw = window.sessionStorage.getItem(storageKey);
    window.sessionStorage.removeItem(storageKey);
    if (raw !== null) {
      const parsed = JSON.parse(raw) as StoredDrafts;
      if (Date.now() - parsed.savedAt < maxAgeMs) restored = parsed;
    }
  } catch {
    restored = null;
  }
  return restored;
}

/** Forget restored drafts once the user leaves the page they belonged to. */
export function forgetRestoredDrafts(currentPath: string): void {
  if (restored && restored.path !== currentPath) restored = null;
}

/** Writes the drafts of the fields on screen; called when the session expired. */
export function saveDraftsForSignIn(path: string): void {
  if (live.size === 0) return;
  const values: Record<string, unknown> = {};
  for (const [key, read] of live) values[key] = read();
  try {
    window.sessionStorage.setItem(storageKey, JSON.stringify({ path, savedAt: Date.now(), values } satisfies StoredDrafts));
    restored = undefined;
  } catch {
    // Storage disabled or full: the typed text is lost, as it would be without this feature.
  }
}

/** useState for a form field whose value is kept across an expired session (never for a BSN). */
export function useDraft<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = takeStored();
    if (stored !== null && stored.path === window.location.pathname && key in stored.values) return stored.values[key] as T;
    return initial;
  });
  useEffect(() => {
    live.set(key, () => value);
    return () => {
      live.delete(key);
    };
  }, [key, value]);
  return [value, setValue];
}
