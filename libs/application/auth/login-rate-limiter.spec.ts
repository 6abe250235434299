import { describe, expect, it } from '@jest/globals';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('login rate limiter', () => {
  it('refuses the sixth failure within the window and allows again after it', () => {
    let now = 1_000_000;
    const l = new LoginRateLimiter(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) {
      expect(l.retryAfter(['user:a'])).toBe(0);
      l.fail(['user:a']);
    }
    expect(l.retryAfter(['user:a'])).toBe(60);
    now += 30_000;
    expect(l.retryAfter(['user:a'])).toBe(30);
    now += 30_001;
    expect(l.retryAfter(['user:a'])).toBe(0);
  });
  it('a success clears the user counter', () => {
    const l = new LoginRateLimiter(2, 60_000, () => 0);
    l.fail(['user:b']);
    l.fail(['user:b']);
    expect(l.retryAfter(['user:b'])).toBeGreaterThan(0);
    l.succeed('b');
    expect(l.retryAfter(['user:b'])).toBe(0);
  });
});
