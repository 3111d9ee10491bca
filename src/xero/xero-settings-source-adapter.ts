/**
 * The real XeroSettingsSource: a thin mapping onto the one Xero gateway for one organisation, so the
 * settings cache reads through the same tokens, rate limiter, timeouts and typed errors as every other
 * Xero call. No logic lives here; the cache's refresh service decides what to ask for.
 */
import type { XeroSettingsSource } from '../xero-settings/index.js';
import type { GatewayOrganisation, XeroGateway } from './xero-gateway.js';

export function xeroSettingsSourceAdapter(gateway: XeroGateway, organisation: GatewayOrganisation): XeroSettingsSource {
  const org = gateway.forOrganisation({ id: organisation.id, xeroTenantId: organisation.xeroTenantId, name: organisation.name });
  return {
    accounts: (ifModifiedSince) => org.getAccounts(ifModifiedSince),
    taxRates: () => org.getTaxRates(),
    items: (ifModifiedSince) => org.getItems(ifModifiedSince),
    currencies: () => org.getCurrencies(),
    trackingCategories: () => org.getTrackingCategories(),
    brandingThemes: () => org.getBrandingThemes(),
  };
}
