/**
 * The load generator, in its own process (forked by load.ts) so autocannon never competes with the app
 * for the app's event loop. Latencies are taken from autocannon's per-response event as fractional
 * milliseconds, for every status (autocannon's own histogram keeps whole milliseconds of 2xx only, and
 * the baseline is a 404 page). With several app processes (several URLs), the connections are split
 * evenly between them, one autocannon instance per URL, and the figures are of all responses together.
 */
import autocannon from 'autocannon';
import { z } from 'zod';

const jobSchema = z.object({
  urls: z.array(z.url()).min(1),
  cookie: z.string(),
  paths: z.array(z.string()).min(1),
  connections: z.number().int().positive(),
  seconds: z.number().positive(),
});
export type LoadJob = z.infer<typeof jobSchema>;

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  mean: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Filled in by the app's side (crm-pages.ts): the app process's CPU time per request. */
  cpuMsPerRequest: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const { paths } = job;
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    job.urls.map((url, i) =>
      loadOne(
        url,
        Math.max(1, Math.floor(job.connections / job.urls.length) + (i < job.connections % job.urls.length ? 1 : 0)),
        job,
        paths,
        latencies,
        statuses,
      ),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length),
    statuses,
    errors: results.reduce((n, r) => n + r.errors, 0),
    timeouts: results.reduce((n, r) => n + r.timeouts, 0),
    cpuMsPerRequest: Number.NaN,
  };
}

function loadOne(
  url: string,
  connections: number,
  job: LoadJob,
  paths: string[],
  latencies: number[],
  statuses: Record<string, number>,
): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: job.seconds,
        headers: { cookie: job.cookie, accept: 'text/html' },
        requests: [
          {
            method: 'GET',
            // A fresh path per request: random record ids and search terms, not one cached page.
            setupRequest: (request) => ({ ...request, path: paths[Math.floor(Math.random() * paths.length)] ?? '/' }),
          },
        ],
      },
      (error, done) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
}

// Forked by load.ts: one job in, one result out.
if (process.send) {
  process.once('message', (message: unknown) => {
    runLoad(jobSchema.parse(message))
      .then((result) => process.send?.({ ok: true, result }))
      .catch((error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => process.disconnect());
  });
}
