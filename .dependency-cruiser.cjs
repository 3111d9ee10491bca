/**
 * The import boundaries the build enforces (`npm run lint:boundaries`, part of `npm test`):
 * - no import cycles in the app (inside src/sandbox they are reported as warnings for now);
 * - a capability (src/<folder>/) reaches another only through that folder's index.ts; the kernel
 *   (src/db, src/http, src/common) and the composition root (src/app.ts, src/server.ts, src/config.ts)
 *   are the exceptions: anyone may import the kernel, and the root wires everything;
 * - nothing in the app imports src/sandbox/ except the demo wiring (src/demo/);
 * - the sandbox imports nothing of the app (only src/demo/demo-defaults.ts, a leaf of shared constants).
 */
const KERNEL = '^src/(db|http|common)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules need each other: inject a callback or a small interface into one of them instead.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'capability-through-index',
      severity: 'error',
      comment: "Another capability's files are private: import its index.ts (its whole public surface).",
      from: { path: '^src/([^/]+)/', pathNot: ['^src/sandbox/', '^src/demo/'] },
      to: {
        path: '^src/[^/]+/',
        pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$', KERNEL, '^src/sandbox/'],
      },
    },
    {
      name: 'kernel-imports-no-capability',
      severity: 'error',
      comment: 'The kernel (db, http, common) is imported by capabilities, never the other way round.',
      from: { path: KERNEL },
      to: { path: '^src/[^/]+/', pathNot: [KERNEL] },
    },
    {
      name: 'app-does-not-import-sandbox',
      severity: 'error',
      comment: 'The sandbox is a separate program (a local Xero); only the demo wiring (src/demo/) starts it.',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/demo/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'sandbox-imports-nothing-of-the-app',
      severity: 'error',
      comment: 'The sandbox stands alone; the demo defaults it shares with the app live in src/demo/demo-defaults.ts.',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: ['^src/sandbox/', '^src/demo/demo-defaults\\.ts$'] },
    },
    {
      name: 'demo-defaults-is-a-leaf',
      severity: 'error',
      comment: 'Shared by the app and the sandbox, so it may import nothing.',
      from: { path: '^src/demo/demo-defaults\\.ts$' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    exclude: { path: '^(node_modules|test|bench|migrations)/' },
  },
};
