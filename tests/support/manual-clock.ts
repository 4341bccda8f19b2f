// A clock a test moves by hand: forward by some milliseconds, or to an instant.
import type { Clock } from '../../src/kernel/clock.ts';

export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}
