/**
 * Xero's connections endpoint. xero-node hard-codes api.xero.com for it, so it is called here directly
 * against the configured base (the same origin as the Accounting API).
 */
import { z } from 'zod';
import { XeroApiError } from './xero-errors.js';

const connectionSchema = z.object({
  id: z.string(),
  authEventId: z.string().nullish(),
  tenantId: z.string(),
  tenantType: z.string(),
  tenantName: z.string().nullish(),
  createdDateUtc: z.string().nullish(),
  updatedDateUtc: z.string().nullish(),
});

export type XeroConnection = z.infer<typeof connectionSchema>;

export interface XeroConnectionsApi {
  list(accessToken: string, authEventId?: string): Promise<XeroConnection[]>;
  remove(accessToken: string, connectionId: string): Promise<void>;
}

export function xeroConnectionsApi(connectionsUrl: string, timeoutMs = 15000): XeroConnectionsApi {
  const request = async (url: string, init: RequestInit): Promise<Response> => {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new XeroApiError('xero_unreachable', 502, 'Xero could not be reached. Please try again shortly.', undefined, [], undefined, { cause: error });
    }
  };
  const fail = async (response: Response, what: string): Promise<never> => {
    const text = await response.text().catch(() => '');
    throw new XeroApiError(
      response.status === 403 ? 'xero_forbidden' : 'xero_failed',
      502,
      `Xero refused to ${what} (HTTP ${response.status}).`,
      response.status,
      [],
      text,
    );
  };
  return {
    async list(accessToken, authEventId) {
      const url = new URL(connectionsUrl);
      if (authEventId) url.searchParams.set('authEventId', authEventId);
      const response = await request(url.toString(), { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } });
      if (!response.ok) return fail(response, 'list the connected organisations');
      return z.array(connectionSchema).parse(await response.json());
    },
    async remove(accessToken, connectionId) {
      const response = await request(`${connectionsUrl.replace(/\/$/, '')}/${encodeURIComponent(connectionId)}`, {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      // Already gone counts as done.
      if (!response.ok && response.status !== 404) return fail(response, 'disconnect the organisation');
    },
  };
}
