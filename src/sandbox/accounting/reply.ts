/**
 * What a route answers, before it is written to the response (so it can be cached for idempotency).
 */
import type { Response } from 'express';
import type { JsonObject } from './types.js';
import { XeroHttpError } from './wire.js';

export type ApiReply =
  | { status: number; json: JsonObject }
  | { status: number; text: string; contentType?: string }
  | { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> };

export function replyFromError(error: XeroHttpError): ApiReply {
  return typeof error.body === 'string' ? { status: error.status, text: error.body } : { status: error.status, json: error.body };
}

export function sendReply(res: Response, reply: ApiReply): void {
  res.status(reply.status);
  if ('json' in reply) {
    res.type('application/json; charset=utf-8').send(JSON.stringify(reply.json));
  } else if ('text' in reply) {
    res.type(reply.contentType ?? 'text/plain; charset=utf-8').send(reply.text);
  } else {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.type(reply.contentType).send(reply.bytes);
  }
}
