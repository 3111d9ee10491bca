/**
 * Starts N app processes (app-process.ts) on one database and talks to them: their URLs (one port
 * each; the load is split across them), their summed CPU time and GC pauses, draining, query plans
 * (from the first), and stopping.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../src/config.js';
import type { AppReply, AppRequest, AppStats } from './app-process.js';
import type { ExplainedQuery } from './query-plans.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'app-process.ts');

export interface AppProcesses {
  urls: string[];
  /** Summed over the processes (gcMaxMs: the longest of them). */
  stats(): Promise<AppStats & { rssEach: number[] }>;
  drain(): Promise<void>;
  plans(pathname: string, cookie: string): Promise<{ status: number; bytes: number; queries: ExplainedQuery[] }>;
  stop(): Promise<void>;
}

interface Child {
  process: ChildProcess;
  ask<T extends AppReply['type']>(request: AppRequest, replyType: T): Promise<Extract<AppReply, { type: T }>>;
}

let nextId = 1;

function startChild(settings: AppConfig['database']): Promise<{ child: Child; port: number }> {
  // The child inherits this process's tsx loader flags (execArgv), so it can run TypeScript.
  const proc = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } });
  const waiting = new Map<number, (reply: AppReply) => void>();
  let onReady: ((reply: AppReply) => void) | undefined;
  proc.on('message', (raw: unknown) => {
    const reply = raw as AppReply;
    if (reply.type === 'ready' || (reply.type === 'failed' && onReady)) {
      onReady?.(reply);
      onReady = undefined;
      return;
    }
    if ('id' in reply) {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    } else if (reply.type === 'failed') {
      for (const resolve of waiting.values()) resolve(reply);
      waiting.clear();
    }
  });
  const child: Child = {
    process: proc,
    ask(request, replyType) {
      return new Promise((resolve, reject) => {
        if ('id' in request) {
          waiting.set(request.id, (reply) => {
            if (reply.type === replyType) resolve(reply as never);
            else reject(new Error(`app process: ${reply.type === 'failed' ? reply.error : reply.type}`));
          });
        }
        proc.send(request);
      });
    },
  };
  return new Promise((resolve, reject) => {
    onReady = (reply) =>
      reply.type === 'ready'
        ? resolve({ child, port: reply.port })
        : reject(new Error(`app process failed to start: ${reply.type === 'failed' ? reply.error : ''}`));
    proc.once('exit', (code) => onReady && reject(new Error(`app process exited with code ${String(code)} before listening`)));
    proc.send({ type: 'start', settings } satisfies AppRequest);
  });
}

export async function startApps(count: number, settings: AppConfig['database']): Promise<AppProcesses> {
  const started = await Promise.all(Array.from({ length: count }, () => startChild(settings)));
  const children = started.map((s) => s.child);
  return {
    urls: started.map((s) => `http://127.0.0.1:${s.port}`),
    async stats() {
      const all = await Promise.all(children.map((c) => c.ask({ type: 'stats', id: nextId++ }, 'stats')));
      const sum = (f: (s: AppStats) => number) => all.reduce((n, r) => n + f(r.stats), 0);
      return {
        cpuMs: sum((s) => s.cpuMs),
        rss: sum((s) => s.rss),
        gcMs: sum((s) => s.gcMs),
        gcCount: sum((s) => s.gcCount),
        gcMaxMs: Math.max(...all.map((r) => r.stats.gcMaxMs)),
        rssEach: all.map((r) => r.stats.rss),
      };
    },
    async drain() {
      await Promise.all(children.map((c) => c.ask({ type: 'drain', id: nextId++ }, 'drained')));
    },
    async plans(pathname, cookie) {
      const first = children[0];
      if (!first) throw new Error('no app process');
      const reply = await first.ask({ type: 'plans', id: nextId++, path: pathname, cookie }, 'plans');
      return { status: reply.status, bytes: reply.bytes, queries: reply.queries };
    },
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.process.exitCode !== null) return resolve();
              c.process.once('exit', () => resolve());
              c.process.send({ type: 'stop' } satisfies AppRequest);
              setTimeout(() => c.process.kill(), 10_000).unref();
            }),
        ),
      );
    },
  };
}
