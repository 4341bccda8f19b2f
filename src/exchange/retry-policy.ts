// Exponential backoff with jitter ("equal jitter": half fixed, half random), so receivers that come
// back are not hit by every waiting delivery at the same instant.
export interface RetrySettings {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

/** Delay before attempt `attempts + 1`, given that `attempts` attempts have failed. */
export function retryDelayMs(settings: RetrySettings, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
