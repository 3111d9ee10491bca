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
