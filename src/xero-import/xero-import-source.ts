/** The real XeroImportSource: the one Xero gateway, for one organisation. */
import type { GatewayOrganisation, XeroGateway } from '../xero/index.js';
import type { XeroImportSource } from './import-kinds.js';

export function xeroImportSourceAdapter(gateway: XeroGateway, organisation: GatewayOrganisation): XeroImportSource {
  const org = gateway.forOrganisation({ id: organisation.id, xeroTenantId: organisation.xeroTenantId, name: organisation.name });
  return {
    contactsPage: (page) => org.getContactsPage(page),
    items: () => org.getItems(),
  };
}
