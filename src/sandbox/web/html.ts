/** Server-rendered HTML for the sandbox's pages: interpolations are escaped unless already SafeHtml. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | undefined | null | false | readonly Interpolation[];

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c] ?? c);

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const styles = `
body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1e3246}
body.wide{max-width:72rem}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:2px solid #13b5ea;margin-bottom:1.5rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0;margin:0 0 1rem}
nav a[aria-current=page]{font-weight:bold}dd{margin:0 0 .6rem}dt{color:#5b6b7b}
label{display:block;margin:.6rem 0 .2rem}input[type=text],input[type=email],input[type=date],input[type=search],select{width:100%;padding:.4rem;box-sizing:border-box}
fieldset{border:1px solid #cfd8e0;margin:1rem 0}.org label{display:inline;margin-left:.3rem}
button{padding:.5rem 1rem;margin:.8rem .5rem 0 0}.errors{color:#b00020}.muted{color:#5b6b7b}
.field-error{color:#b00020;margin:.2rem 0}.notice{background:#e7f6ec;border-left:4px solid #1c7c3a;padding:.5rem .8rem}
.inline{display:inline}.inline button{margin-top:0}.filters{display:flex;gap:1rem;align-items:flex-end;flex-wrap:wrap}
.filters label{margin-top:0}.num{text-align:right}.actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:flex-start}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1.5rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #e4e9ee}
`;

export interface LayoutInput {
  title: string;
  signedInAs?: string | undefined;
  body: SafeHtml;
  /** Links shown above the title (an organisation's pages); `current` is marked for screen readers. */
  nav?: { label: string; items: readonly { href: string; text: string; current: boolean }[] } | undefined;
  /** Wide pages (tables with many columns). */
  wide?: boolean;
}

export function layout(input: LayoutInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Xero sandbox</title>
<style>${new SafeHtml(styles)}</style>
</head>
<body${input.wide === true ? new SafeHtml(' class="wide"') : ''}>
<header><p><strong>Xero sandbox</strong> <span class="muted">(local, not real Xero)</span></p>
${input.signedInAs === undefined ? '' : html`<p>${input.signedInAs} · <a href="/identity/my-xero">My organisations</a> · <a href="/identity/sign-out">Sign out</a></p>`}
</header>
${
  input.nav === undefined
    ? ''
    : html`<nav aria-label="${input.nav.label}">
        <ul>
          <li><strong>${input.nav.label}</strong></li>
          ${input.nav.items.map((i) => html`<li><a href="${i.href}" ${i.current ? new SafeHtml(' aria-current="page"') : ''}>${i.text}</a></li>`)}
        </ul>
      </nav>`
}
<main>
<h1>${input.title}</h1>
${input.body}
</main>
</body>
</html>
`.value;
}

export const errorList = (errors: readonly string[]): SafeHtml =>
  errors.length === 0
    ? html``
    : html`<ul class="errors" role="alert">
        ${errors.map((e) => html`<li>${e}</li>`)}
      </ul>`;
