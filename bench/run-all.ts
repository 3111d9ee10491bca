/** `npm run bench`: every benchmark in turn. Figures only; nothing here fails on time. */
import { crmPagesBenchmark } from './crm-pages.js';

try {
  await crmPagesBenchmark();
} catch (error) {
  // A failed insert's message carries the whole statement: keep the log readable.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Benchmark failed: ${message.length > 600 ? `${message.slice(0, 300)} … ${message.slice(-300)}` : message}`);
  process.exitCode = 1;
}
