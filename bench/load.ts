/** Runs one load job in a child process (see load-runner.ts) and returns its figures. */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './load-runner.js';

const RUNNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-runner.ts');

export function runLoadInChild(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The child inherits this process's tsx loader flags (execArgv), so it can run TypeScript.
    const child = fork(RUNNER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: unknown) => {
      settled = true;
      const reply = message as { ok: boolean; result?: LoadResult; error?: string };
      if (reply.ok && reply.result) resolve(reply.result);
      else reject(new Error(`load generator failed: ${reply.error ?? 'no result'}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${String(code)} before reporting`));
    });
    child.send(job);
  });
}
