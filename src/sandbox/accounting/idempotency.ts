/**
 * Idempotency-Key handling: the first response to a key is replayed for six minutes (errors too);
 * the same key with a different request is refused. Kept in memory: keys outlive no restart in Xero
 * either beyond their window, and a restart of the sandbox is a new world.
 */
import { createHash } from 'node:crypto';
import type { SandboxClock } from '../identity-accounting-seam.js';
import type { ApiReply } from './reply.js';

export const IDEMPOTENCY_WINDOW_MS = 6 * 60 * 1000;
export const IDEMPOTENCY_KEY_MAX = 128;

interface Entry {
  fingerprint: string;
  reply: ApiReply;
  expiresAt: number;
}

const KEY_REUSED: ApiReply = {
  status: 400,
  json: { ErrorNumber: 10, Type: 'ValidationException', Message: 'The Idempotency-Key has already been used with a different request.' },
};

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  /** Requests still running, so a concurrent retry waits for the first answer instead of running twice. */
  private readonly running = new Map<string, { fingerprint: string; reply: Promise<ApiReply> }>();
  constructor(private readonly clock: SandboxClock) {}

  static fingerprint(method: string, path: string, body: Buffer | undefined): string {
    return createHash('sha256')
      .update(`${method} ${path}\n`)
      .update(body ?? Buffer.alloc(0))
      .digest('hex');
  }

  /**
   * The first answer to (scope, key), replayed while it lasts; `work` runs only for a new key.
   * Server errors (5xx) are not remembered, so a retry after one runs again.
   */
  async run(scope: string, key: string, fingerprint: string, work: () => Promise<ApiReply>): Promise<ApiReply> {
    this.sweep();
    const id = `${scope}\u0000${key}`;
    const done = this.entries.get(id);
    if (done) return done.fingerprint === fingerprint ? done.reply : KEY_REUSED;
    const inFlight = this.running.get(id);
    if (inFlight) return inFlight.fingerprint === fingerprint ? inFlight.reply : KEY_REUSED;
    const reply = work();
    this.running.set(id, { fingerprint, reply });
    try {
      const answer = await reply;
      if (answer.status < 500) this.entries.set(id, { fingerprint, reply: answer, expiresAt: this.clock.now() + IDEMPOTENCY_WINDOW_MS });
      return answer;
    } finally {
      this.running.delete(id);
    }
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}
