/** Xero's webhook signature: `x-xero-signature` = base64(HMAC-SHA256(webhook key, raw body)). */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signXeroWebhook(key: string, rawBody: Buffer | string): string {
  return createHmac('sha256', key).update(rawBody).digest('base64');
}

/** Constant-time check of the header against the raw body; false for a missing or malformed header. */
export function verifyXeroSignature(key: string, rawBody: Buffer, header: string | undefined): boolean {
  const expected = Buffer.from(signXeroWebhook(key, rawBody), 'utf8');
  const given = Buffer.from(header ?? '', 'utf8');
  // timingSafeEqual needs equal lengths; comparing expected with itself keeps the time the same.
  if (given.length !== expected.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(given, expected);
}
