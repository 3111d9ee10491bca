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
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:46rem;margin:0 auto;padding:0 1rem 3rem;color:#1e3246;background:#f4f7f9;line-height:1.45}
body.wide{max-width:74rem}
header{display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem;border-bottom:3px solid #13b5ea;margin:0 -1rem 1.5rem;padding:.4rem 1rem;background:#fff}
header p{margin:.4rem 0}.brand{display:inline-flex;align-items:center;gap:.5rem}
.brand-mark{display:inline-grid;place-items:center;width:2rem;height:2rem;border-radius:50%;background:#13b5ea;color:#fff;font-weight:700;font-size:.62rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:1rem;padding:0;margin:0 0 1rem}
nav a[aria-current=page]{font-weight:bold}dd{margin:0 0 .6rem}dt{color:#5b6b7b}
a{color:#0b6fa4}
label{display:block;margin:.8rem 0 .25rem;font-weight:600}
input[type=text],input[type=email],input[type=date],input[type=search],input[type=number],select{width:100%;padding:.55rem .6rem;border:1px solid #b8c4ce;border-radius:6px;font:inherit;background:#fff}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #13b5ea;outline-offset:2px}
fieldset{border:1px solid #cfd8e0;border-radius:8px;margin:1rem 0;padding:.5rem 1rem .8rem}
legend{font-weight:600;padding:0 .3rem}
.org{display:flex;align-items:center;gap:.5rem;padding:.45rem 0;border-bottom:1px solid #eef2f5}.org:last-child{border-bottom:0}
.org input{width:1.1rem;height:1.1rem;margin:0}.org label{display:inline;margin:0;font-weight:400}
button{padding:.55rem 1.1rem;margin:.8rem .5rem 0 0;border:1px solid #9fb0bf;border-radius:6px;background:#fff;color:#1e3246;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#eef3f7}
button.primary,button[value=allow],form.sign-in button{background:#0b78b5;border-color:#0b78b5;color:#fff}
button.primary:hover,button[value=allow]:hover,form.sign-in button:hover{background:#085f8f}
.errors{color:#b00020;background:#fdecee;border-left:4px solid #b00020;padding:.5rem .8rem .5rem 2rem;border-radius:4px}.muted{color:#5b6b7b}
.field-error{color:#b00020;margin:.2rem 0}.notice{background:#e7f6ec;border-left:4px solid #1c7c3a;padding:.5rem .8rem}
.inline{display:inline}.inline button{margin-top:0}.filters{display:flex;gap:1rem;align-items:flex-end;flex-wrap:wrap}
.filters label{margin-top:0}.num{text-align:right}.actions{display:flex;gap:.5rem;flex-wrap:wrap;align-items:flex-start}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:0 1.5rem}
table{border-collapse:collapse;width:100%;background:#fff}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #e4e9ee}
body.card{max-width:30rem}body.card main{background:#fff;border:1px solid #dde4ea;border-radius:12px;padding:1.5rem 1.75rem;box-shadow:0 6px 24px rgba(30,50,70,.08)}
body.card h1{font-size:1.4rem;margin-top:0}
.scopes{padding-left:1.2rem}.scopes code{background:#eef3f7;padding:.05rem .35rem;border-radius:4px}
`;

export interface LayoutInput {
  title: string;
  signedInAs?: string | undefined;
  body: SafeHtml;
  /** Links shown above the title (an organisation's pages); `current` is marked for screen readers. */
  nav?: { label: string; items: readonly { href: string; text: string; current: boolean }[] } | undefined;
  /** Wide pages (tables with many columns). */
  wide?: boolean;
  /** A narrow centred card: the sign-in and consent pages, the demo's first impression. */
  card?: boolean;
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
<body${input.wide === true ? new SafeHtml(' class="wide"') : input.card === true ? new SafeHtml(' class="card"') : ''}>
<header><p class="brand"><span class="brand-mark" aria-hidden="true">xero</span><span><strong>Xero sandbox</strong> <span class="muted">(local, not real Xero)</span></span></p>
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
