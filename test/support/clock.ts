import type { Clock } from '../../src/core/ports.js';

/** The app's clock for tests: real time plus whatever the test has moved it forward by. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
