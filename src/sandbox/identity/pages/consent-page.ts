import { identityPaths } from '../identity-deps.js';
import { describeScope } from '../scopes.js';
import { errorList, html, layout } from '../../web/html.js';

export interface ConsentView {
  requestId: string;
  appName: string;
  userEmail: string;
  scopes: string[];
  /** Undefined when the scopes reach no organisation data (sign-in only): no picker is shown. */
  organisations: { tenantId: string; name: string; checked: boolean }[] | undefined;
  errors: string[];
}

export function consentPage(view: ConsentView): string {
  const orgs = view.organisations;
  return layout({
    title: `Allow ${view.appName} to access your data`,
    signedInAs: view.userEmail,
    card: true,
    body: html` <p><strong>${view.appName}</strong> is asking for:</p>
      <ul class="scopes">
        ${view.scopes.map((s) => html`<li>${describeScope(s)} <code>${s}</code></li>`)}
      </ul>
      ${errorList(view.errors)}
      <form method="post" action="${identityPaths.consent}">
        <input type="hidden" name="request" value="${view.requestId}" />
        ${
          orgs === undefined
            ? ''
            : html`<fieldset>
                <legend>Organisations to connect</legend>
                ${orgs.length === 0 ? html`<p>You have no organisations. <a href="${identityPaths.myXero}">Add one</a>.</p>` : ''}
                ${orgs.map((o) => html`<div class="org"><input type="checkbox" id="org-${o.tenantId}" name="tenantId" value="${o.tenantId}" ${o.checked ? ' checked' : ''} /><label for="org-${o.tenantId}">${o.name}</label></div>`)}
              </fieldset>`
        }
        <button type="submit" name="decision" value="allow">Allow access</button>
        <button type="submit" name="decision" value="cancel">Cancel</button>
      </form>
      <p class="muted">Not ${view.userEmail}? <a href="${identityPaths.signIn}?request=${encodeURIComponent(view.requestId)}">Use another account</a></p>`,
  });
}
