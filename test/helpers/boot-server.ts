/**
 * Runs `src/server.ts` as `npm start` does, in a child process. `bootOnFreePorts` picks ports that were
 * free a moment ago and waits for the server's own "running" log line, so a test talks to this server
 * and not to another process that took the port meanwhile (other suites run servers on this machine
 * at the same time); a port taken in between is retried on new ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port.js';

export const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface ServerRun {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function runServer(env: Record<string, string>): ServerRun {
  // npm start's flags (package.json).
  const child = spawn(process.execPath, ['--heap-growing-percent=50', '--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function bootOnFreePorts(env: Record<string, string>): Promise<{ run: ServerRun; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const sandboxPort = await freePort();
    const run = runServer({ ...env, PORT: String(port), SANDBOX_PORT: String(sandboxPort), LOG_LEVEL: 'info' });
    const running = new Promise<'running'>((resolve) => {
      const check = (): void => {
        if (run.output().includes('Ledgerside is running on')) resolve('running');
      };
      run.child.stdout?.on('data', check);
      check();
    });
    if ((await Promise.race([running, run.exited.then(() => 'exited' as const)])) === 'running') return { run, port };
    if (attempt === 3 || !run.output().includes('EADDRINUSE')) throw new Error(`server did not start:\n${run.output()}`);
  }
}

/** Stops a server started by runServer (SIGTERM, then waits for it to exit). */
export async function stopServer(run: ServerRun): Promise<void> {
  if (run.child.exitCode === null && run.child.signalCode === null) {
    run.child.kill('SIGTERM');
    await run.exited;
  }
}
