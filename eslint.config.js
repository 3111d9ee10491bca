// ESLint (flat config, typescript-eslint). Import boundaries (no cycles, other capabilities only
// through their index.ts, the sandbox kept apart) are checked by dependency-cruiser
// (.dependency-cruiser.cjs); `npm run lint` runs both. Type-only imports are enforced by tsc
// (verbatimModuleSyntax).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'data/', 'test-results/', 'views/assets/', '.ci/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/sales/*'], message: 'src/sales is now src/documents: import its index.ts.' }] }],
    },
  },
  {
    // One finding in src/sandbox/accounting/webhooks.ts (a redundant `status = 0` in a catch); the
    // sandbox is being changed on other branches, so its owners remove this override with the fix.
    files: ['src/sandbox/**/*.ts'],
    rules: { 'no-useless-assignment': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
