/**
 * Links into Xero (xero-facts §8): through the organisation's ShortCode so Xero opens the right
 * organisation. `webUrl`: https://go.xero.com, or the sandbox in demo mode (config.xero.webUrl).
 */
export function xeroDeepLink(webUrl: string, shortCode: string | null, path: string): string {
  if (!shortCode) return `${webUrl}${path}`;
  return `${webUrl}/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${encodeURIComponent(path)}`;
}

export const contactXeroPath = (contactId: string): string => `/Contacts/View/${contactId}`;
