import { identityPaths } from '../identity-deps.js';
import { errorList, html, layout } from '../../web/html.js';

export interface MyXeroView {
  userEmail: string;
  csrfToken: string;
  organisations: {
    tenantId: string;
    name: string;
    countryCode: string;
    shortCode: string;
    apps: { connectionId: string; appName: string; connectedAt: string }[];
  }[];
  errors: string[];
  newOrganisationName: string;
}

const countries = [
  ['AU', 'Australia'],
  ['NZ', 'New Zealand'],
  ['GB', 'United Kingdom'],
  ['US', 'United States'],
] as const;

/** The organisation's accountant pages (served by the accounting side at /app/{ShortCode}/…). */
const accountantLinks = [
  ['invoices', 'Invoices'],
  ['purchase-orders', 'Purchase orders'],
  ['repeating-invoices', 'Repeating invoices'],
  ['contacts', 'Contacts'],
] as const;

export function myXeroPage(view: MyXeroView): string {
  return layout({
    title: 'My organisations',
    signedInAs: view.userEmail,
    body: html` ${errorList(view.errors)}
      <table>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col">Country</th>
            <th scope="col">Short code</th>
            <th scope="col">Connected apps</th>
          </tr>
        </thead>
        <tbody>
          ${view.organisations.map(
            (o) =>
              html`<tr>
                <td>
                  ${o.name}<br />${accountantLinks.map(([area, text]) => html`<a href="/app/${encodeURIComponent(o.shortCode)}/${area}" aria-label="${text} of ${o.name}">${text}</a> `)}
                </td>
                <td>${o.countryCode}</td>
                <td>${o.shortCode}</td>
                <td>
                  ${
                    o.apps.length === 0
                      ? html`<span class="muted">None</span>`
                      : o.apps.map(
                          (a) =>
                            html` <form method="post" action="${identityPaths.myXero}/connections/${a.connectionId}/disconnect">
                              <input type="hidden" name="csrf" value="${view.csrfToken}" />
                              ${a.appName} <span class="muted">since ${a.connectedAt}</span>
                              <button type="submit" aria-label="Disconnect ${a.appName} from ${o.name}">Disconnect</button>
                            </form>`,
                        )
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>Add an organisation</h2>
      <form method="post" action="${identityPaths.myXero}/organisations">
        <input type="hidden" name="csrf" value="${view.csrfToken}" />
        <label for="org-name">Organisation name</label>
        <input type="text" id="org-name" name="name" required maxlength="255" value="${view.newOrganisationName}" />
        <label for="org-country">Country</label>
        <select id="org-country" name="countryCode">
          ${countries.map(([code, label]) => html`<option value="${code}">${label}</option>`)}
        </select>
        <button type="submit">Add organisation</button>
      </form>`,
  });
}
