/**
 * Failed logins are limited per username and per client address: after `max` failures within
 * `windowMs`, further attempts are refused until the window passes. In memory, per process.
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 5,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before another attempt, or 0 when allowed. */
  retryAfter(keys: string[]): number {
    const t = this.now();
    let wait = 0;
    for (const k of keys) {
      const recent = (this.failures.get(k) ?? []).filter((x) => t - x < this.windowMs);
      this.failures.set(k, recent);
      if (recent.length >= this.max) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - t) / 1000));
    }
    return wait;
  }

  fail(keys: string[]): void {
    const t = this.now();
    for (const k of keys) this.failures.set(k, [...(this.failures.get(k) ?? []), t]);
  }

  succeed(username: string): void {
    this.failures.delete(`user:${username}`);
  }
}
