/**
 * Demo defaults shared by the app's demo mode (config.ts) and the sandbox (sandbox-config.ts), so the
 * two match with no settings. A leaf module: it imports nothing, so the app's config needs nothing of
 * the sandbox and the sandbox nothing of the app (the boundary rules allow the sandbox this one file).
 */
export const DEMO_CLIENT_ID = 'LEDGERSIDEDEMOCLIENT0000000000000';
export const DEMO_CLIENT_SECRET = 'ledgerside-demo-client-secret-not-for-production';
export const DEMO_WEBHOOK_KEY = 'ledgerside-demo-webhook-key';
export const DEFAULT_APP_PORT = 3000;
export const DEFAULT_SANDBOX_PORT = 3001;
export const demoRedirectUri = (appPort: number): string => `http://localhost:${appPort}/auth/xero/callback`;
export const demoWebhookUrl = (appPort: number): string => `http://localhost:${appPort}/webhooks/xero`;
