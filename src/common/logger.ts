import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'ledgerside' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.access_token',
        '*.refresh_token',
        '*.id_token',
        '*.client_secret',
        'tokenSet',
      ],
      censor: '[redacted]',
    },
  });
}
