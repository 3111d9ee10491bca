// Progressive enhancement only: every page works without this file.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const message = event.submitter?.getAttribute('data-confirm') || form.getAttribute('data-confirm');
  if (message && !window.confirm(message)) event.preventDefault();
});

// Menus are <details>: a click elsewhere or Escape closes an open one (without this file, clicking its button again does).
document.addEventListener('click', (event) => {
  for (const open of document.querySelectorAll('details.menu[open], details.phone-menu[open]')) {
    if (!open.contains(event.target)) open.removeAttribute('open');
  }
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  for (const open of document.querySelectorAll('details.menu[open], details.phone-menu[open]')) {
    open.removeAttribute('open');
    open.querySelector('summary')?.focus();
  }
});

// Whole rows clickable where a table says so (the row's first link is the target; the link still works alone).
document.addEventListener('click', (event) => {
  const row = event.target instanceof Element ? event.target.closest('tr[data-href]') : null;
  if (!row || event.target.closest('a, button, input, select, textarea, label')) return;
  window.location.href = row.getAttribute('data-href');
});

// After a failed save the error summary takes focus, so the first thing read is what to fix.
const errorSummary = document.querySelector('[data-error-summary]');
if (errorSummary instanceof HTMLElement) errorSummary.focus();

// "Print or save as PDF" opens the browser's print dialog (the print stylesheet leaves only the document).
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('[data-print]') : null;
  if (!link) return;
  event.preventDefault();
  window.print();
});

// A date box (the browser's own picker, in the browser's language) is echoed in the organisation's format as it changes,
// so "01/12/2026" is never read as 12 January; the server writes the echo for the saved value, this keeps it current.
document.addEventListener('input', (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== 'date') return;
  const echo = document.getElementById(`${input.id}-echo`);
  if (!echo) return;
  const date = input.value ? new Date(`${input.value}T00:00:00Z`) : null;
  echo.textContent =
    date && !Number.isNaN(date.getTime())
      ? new Intl.DateTimeFormat(document.documentElement.lang || undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date)
      : '';
});
