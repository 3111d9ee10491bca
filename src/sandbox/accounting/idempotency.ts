/**
 * Idempotency-Key handling: the first response to a key is replayed for six minutes (errors too);
 * the same key with a different request is refused. Kept in memory: keys outlive no restart in Xero
 * either beyond their window, and a restart of the sandbox is a new world.
 */
import { createHash } from 'node:crypto';
import type { SandboxClock } from '../contracts.js';
import type { ApiReply } from './reply.js';

export const IDEMPOTENCY_WINDOW_MS = 6 * 60 * 1000;
export const IDEMPOTENCY_KEY_MAX = 128;

interface Entry {
  fingerprint: string;
  reply: ApiReply;
  expiresAt: number;
}

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly clock: SandboxClock) {}

  static fingerprint(method: string, path: string, body: Buffer | undefined): string {
    return createHash('sha256').update(`${method} ${path}\n`).update(body ?? Buffer.alloc(0)).digest('hex');
  }

  lookup(scope: string, key: string, fingerprint: string): { hit: ApiReply } | { conflict: true } | undefined {
    this.sweep();
    const entry = this.entries.get(`${scope}\u0000${key}`);
    if (!entry) return undefined;
    return entry.fingerprint === fingerprint ? { hit: entry.reply } : { conflict: true };
  }

  remember(scope: string, key: string, fingerprint: string, reply: ApiReply): void {
    this.entries.set(`${scope}\u0000${key}`, { fingerprint, reply, expiresAt: this.clock.now() + IDEMPOTENCY_WINDOW_MS });
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }
}
