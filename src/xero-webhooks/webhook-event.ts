/** The payload Xero posts (parsed only after its signature is checked) and the events as stored. */
import { createHash } from 'node:crypto';
import { z } from 'zod';

const eventSchema = z.object({
  resourceUrl: z.string().max(2000).optional(),
  resourceId: z.string().min(1).max(64),
  eventDateUtc: z.string().min(1).max(40),
  eventType: z.string().min(1).max(16),
  eventCategory: z.string().min(1).max(32),
  tenantId: z.string().min(1).max(64),
  tenantType: z.string().max(32).optional(),
});

const payloadSchema = z.object({
  events: z.array(eventSchema),
  firstEventSequence: z.number().optional(),
  lastEventSequence: z.number().optional(),
  entropy: z.string().optional(),
});

export type ReceivedEvent = z.infer<typeof eventSchema>;

/** The events of a delivery (an intent-to-receive check has none), or null when the body is not Xero's shape. */
export function parseWebhookPayload(raw: Buffer): ReceivedEvent[] | null {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  return parsed.success ? parsed.data.events : null;
}

/** The same event re-delivered (at-least-once) has the same key. */
export function eventKey(e: ReceivedEvent): string {
  return createHash('sha256').update([e.tenantId, e.eventCategory, e.eventType, e.resourceId, e.eventDateUtc].join('\n')).digest('hex');
}

export const EVENT_STATUSES = ['pending', 'running', 'handled', 'ignored', 'failed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export interface StoredEvent {
  id: string;
  xeroTenantId: string;
  organisationId: string | null;
  category: string;
  type: string;
  resourceId: string;
  resourceUrl: string | null;
  eventDateUtc: string;
  status: EventStatus;
  reason: string | null;
  attempts: number;
  receivedAt: Date;
  finishedAt: Date | null;
}
