import { identityPaths } from '../identity-deps.js';
import { errorList, html, layout } from '../../web/html.js';

export interface SignInView {
  /** The pending authorize request, when signing in on the way to consent. */
  requestId: string | undefined;
  /** A page of the sandbox to return to after signing in (a deep link followed while signed out). */
  next: string | undefined;
  appName: string | undefined;
  email: string;
  firstName: string;
  lastName: string;
  errors: string[];
}

export function signInPage(view: SignInView): string {
  return layout({
    title: 'Sign in',
    card: true,
    body: html` <p>
        ${view.appName === undefined ? 'Sign in to manage your sandbox organisations.' : html`<strong>${view.appName}</strong> wants to connect to your Xero sandbox account.`}
      </p>
      <p class="muted">No password: the same email address is the same sandbox user. A new user gets four demo companies.</p>
      ${errorList(view.errors)}
      <form class="sign-in" method="post" action="${identityPaths.signIn}">
        ${view.requestId === undefined ? '' : html`<input type="hidden" name="request" value="${view.requestId}" />`}
        ${view.next === undefined ? '' : html`<input type="hidden" name="next" value="${view.next}" />`}
        <label for="email">Email address</label>
        <input type="email" id="email" name="email" required value="${view.email}" autocomplete="email" />
        <label for="first_name">First name</label>
        <input type="text" id="first_name" name="first_name" required value="${view.firstName}" autocomplete="given-name" />
        <label for="last_name">Last name</label>
        <input type="text" id="last_name" name="last_name" required value="${view.lastName}" autocomplete="family-name" />
        <button type="submit">Sign in</button>
      </form>`,
  });
}
