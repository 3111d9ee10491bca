/**
 * Xero's rate limits: per connection (calls per minute and per day, calls in flight) and per app
 * (calls per minute across tenants). Windows follow the sandbox clock, shortened by `timeScale`.
 */
import type { RequestHandler } from 'express';
import type { RateLimitSettings, SandboxClock } from '../identity-accounting-seam.js';
import { accessOf } from './http.js';

interface Window {
  start: number;
  count: number;
}

interface ConnectionState {
  minute: Window;
  day: Window;
  inFlight: number;
}

export type RateLimitProblem = 'minute' | 'day' | 'concurrent' | 'appminute';

export class RateLimiter {
  private readonly connections = new Map<string, ConnectionState>();
  private readonly apps = new Map<string, Window>();
  private readonly minuteMs: number;
  private readonly dayMs: number;

  constructor(
    private readonly limits: RateLimitSettings,
    timeScale: number,
    private readonly clock: SandboxClock,
  ) {
    const scale = timeScale > 0 ? timeScale : 1;
    this.minuteMs = 60_000 / scale;
    this.dayMs = 86_400_000 / scale;
  }

  private roll(window: Window, length: number, now: number): void {
    if (now - window.start >= length) {
      window.start = now;
      window.count = 0;
    }
  }

  /** Counts a call, or says which limit it breaks and how many seconds until it clears. */
  acquire(
    connectionId: string,
    clientId: string,
  ):
    | { ok: true; release: () => void; headers: Record<string, string> }
    | { ok: false; problem: RateLimitProblem; retryAfter: number; headers: Record<string, string> } {
    const now = this.clock.now();
    const conn = this.connections.get(connectionId) ?? { minute: { start: now, count: 0 }, day: { start: now, count: 0 }, inFlight: 0 };
    this.connections.set(connectionId, conn);
    const app = this.apps.get(clientId) ?? { start: now, count: 0 };
    this.apps.set(clientId, app);
    this.roll(conn.minute, this.minuteMs, now);
    this.roll(conn.day, this.dayMs, now);
    this.roll(app, this.minuteMs, now);
    const seconds = (w: Window, length: number) => Math.max(1, Math.ceil((w.start + length - now) / 1000));
    let problem: { problem: RateLimitProblem; retryAfter: number } | undefined;
    if (conn.day.count >= this.limits.day) problem = { problem: 'day', retryAfter: seconds(conn.day, this.dayMs) };
    else if (conn.inFlight >= this.limits.concurrent) problem = { problem: 'concurrent', retryAfter: 1 };
    else if (conn.minute.count >= this.limits.minute) problem = { problem: 'minute', retryAfter: seconds(conn.minute, this.minuteMs) };
    else if (app.count >= this.limits.appMinute) problem = { problem: 'appminute', retryAfter: seconds(app, this.minuteMs) };
    if (!problem) {
      conn.minute.count += 1;
      conn.day.count += 1;
      app.count += 1;
      conn.inFlight += 1;
    }
    const headers = {
      'X-DayLimit-Remaining': String(Math.max(0, this.limits.day - conn.day.count)),
      'X-MinLimit-Remaining': String(Math.max(0, this.limits.minute - conn.minute.count)),
      'X-AppMinLimit-Remaining': String(Math.max(0, this.limits.appMinute - app.count)),
    };
    if (problem) return { ok: false, ...problem, headers };
    let released = false;
    return {
      ok: true,
      headers,
      release: () => {
        if (released) return;
        released = true;
        conn.inFlight -= 1;
      },
    };
  }

  middleware(): RequestHandler {
    return (_req, res, next) => {
      const access = accessOf(res);
      const result = this.acquire(access.connectionId, access.clientId);
      for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
      if (!result.ok) {
        res.setHeader('Retry-After', String(result.retryAfter));
        res.setHeader('X-Rate-Limit-Problem', result.problem);
        res.status(429).end();
        return;
      }
      res.once('finish', result.release);
      res.once('close', result.release);
      next();
    };
  }
}
