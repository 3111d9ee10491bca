/** Links into Xero (xero-facts §8): through the organisation's ShortCode so Xero opens the right organisation. */
export function xeroDeepLink(shortCode: string | null, path: string): string {
  if (!shortCode) return `https://go.xero.com${path}`;
  return `https://go.xero.com/organisationlogin/default.aspx?shortcode=${encodeURIComponent(shortCode)}&redirecturl=${encodeURIComponent(path)}`;
}

export const contactXeroPath = (contactId: string): string => `/Contacts/View/${contactId}`;
