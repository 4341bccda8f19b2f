/** Time as a dependency, so tests can fix "today" (age rules, Dagtekening checks, backoff). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in the Netherlands (YYYY-MM-DD): exchange dates and iJw dates are local dates. */
export function dutchDate(at: Date): string {
  return amsterdamDate.format(at);
}
