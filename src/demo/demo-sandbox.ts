/**
 * Demo mode: the local Xero sandbox starts beside the app, registered for exactly this app's
 * client and redirect URI, with its data in the app's data folder. Any SANDBOX_* setting given still wins.
 */
import path from 'node:path';
import type { AppConfig, Env } from '../config.js';
import { startSandbox, type RunningSandbox } from '../sandbox/index.js';
import { loadSandboxConfig } from '../sandbox/sandbox-config.js';

/**
 * The one-line switch for demo webhooks: on since the app has its webhook receiver (src/xero-webhooks/),
 * so the sandbox signs deliveries with the app's webhook key and posts them to `${appUrl}/webhooks/xero`.
 */
export const DEMO_WEBHOOKS_TO_APP = true;

export function demoSandboxEnv(config: AppConfig, env: Env, webhooksToApp: boolean = DEMO_WEBHOOKS_TO_APP): Env {
  return {
    SANDBOX_DB: path.join(config.dataDir, 'sandbox.sqlite'),
    SANDBOX_CLIENT_ID: config.xero.clientId,
    SANDBOX_CLIENT_SECRET: config.xero.clientSecret,
    SANDBOX_REDIRECT_URIS: config.xero.redirectUri,
    SANDBOX_WEBHOOK_URL: webhooksToApp ? `${config.appUrl}/webhooks/xero` : 'off',
    SANDBOX_WEBHOOK_KEY: config.xero.webhookKey,
    ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('SANDBOX_'))),
    SANDBOX_PORT: String(config.sandboxPort),
  };
}

export async function startDemoSandbox(config: AppConfig, env: Env): Promise<RunningSandbox> {
  return startSandbox(loadSandboxConfig(demoSandboxEnv(config, env)));
}
