/** Time as a dependency, so tests can fix "today" (age rules, Dagtekening checks, backoff). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that starts at `startAt` and runs on with real time (the demo's `serve --clock`: show what
 * happens on a later day, e.g. the watchdog's signal on the sixth werkdag, without waiting for it).
 */
export function clockStartingAt(startAt: Date, base: Clock = systemClock): Clock {
  const offset = startAt.getTime() - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

// Amsterdam is a whole number of hours off UTC, and its clocks change on a whole UTC hour, so its
// date is the same for every instant of one UTC hour: formatted once per hour (Intl's format costs
// microseconds, and every exchange asks for the date a few times).
const msPerHour = 3_600_000;
let cachedHour = Number.NaN;
let cachedDate = '';

/** The calendar date in the Netherlands (YYYY-MM-DD): exchange dates and iJw dates are local dates. */
export function dutchDate(at: Date): string {
  const hour = Math.floor(at.getTime() / msPerHour);
  if (hour !== cachedHour) {
    cachedDate = amsterdamDate.format(at);
    cachedHour = hour;
  }
  return cachedDate;
}
