// Progressive enhancement for the forms (nothing depends on it). Line-item editor (quotes, sales orders): choosing a product fills the
// line's blank description, unit price, account and tax rate straight away. Without this file the
// server does the same on save, so nothing depends on it.
document.addEventListener('change', (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.hasAttribute('data-product-select')) return;
  const option = select.selectedOptions[0];
  const row = select.closest('tr');
  if (!option || !row || option.value === '') return;
  const fill = (suffix, value) => {
    const field = row.querySelector(`[name$="[${suffix}]"]`);
    if (!field || !value || field.value.trim() !== '') return;
    field.value = value;
  };
  fill('description', option.dataset.description);
  fill('unitPrice', option.dataset.unitPrice);
  fill('accountCode', option.dataset.account);
  fill('taxType', option.dataset.tax);
});

// Enter in a "Find contact" / "Find product" / "Find company" / "Find supplier" box finds, as its button does (without this file Enter
// presses the form's default button, Save, and the server's validation answers).
const FINDERS = { contactSearch: 'find-contact', productSearch: 'find-product', company_search: 'find-company', supplier_search: 'find-supplier' };
document.addEventListener('keydown', (event) => {
  const input = event.target;
  if (event.key !== 'Enter' || !(input instanceof HTMLInputElement) || !(input.name in FINDERS)) return;
  const button = input.form?.querySelector(`button[name="action"][value="${FINDERS[input.name]}"]`);
  if (!button) return;
  event.preventDefault();
  button.click();
});

// Contact form: only the fields of the chosen kind (company or person) show, and "Same as postal address" hides the street
// fields. Hidden fields are disabled so they are not sent; without this file every field shows and the server decides.
function syncContactForm(form) {
  const kind = form.querySelector('select[name="kind"]');
  if (kind) {
    for (const block of form.querySelectorAll('[data-contact-kind]')) {
      const shown = kind.value === block.dataset.contactKind;
      block.hidden = !shown;
      for (const field of block.querySelectorAll('input, select, textarea, button')) field.disabled = !shown;
    }
    for (const field of form.querySelectorAll('[data-required-for-kind]')) {
      const required = kind.value === field.dataset.requiredForKind;
      field.required = required;
      const label = form.querySelector(`label[for="${field.id}"]`);
      let mark = label?.querySelector('.required-mark');
      if (label && !mark) {
        mark = document.createElement('span');
        mark.className = 'required-mark';
        mark.setAttribute('aria-hidden', 'true');
        mark.textContent = '*';
        label.append(' ', mark);
      }
      if (mark) mark.hidden = !required;
    }
  }
  const same = form.querySelector('[data-same-as-postal]');
  const street = form.querySelector('[data-street-fields]');
  if (same && street) street.hidden = same.checked;
}
for (const form of document.querySelectorAll('form')) if (form.querySelector('[data-contact-kind], [data-same-as-postal]')) syncContactForm(form);
document.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.matches('select[name="kind"], [data-same-as-postal]')) return;
  const form = target.closest('form');
  if (form) syncContactForm(form);
});
