// Live amounts and totals in the line editor (progressive enhancement: without this file the amounts
// update when a line is added or removed, and the server always recomputes them exactly on save).
// The arithmetic is src/documents/totals.ts's, in BigInt: quantity and price at 4 dp, discount at 2 dp,
// tax per line rounded half away from zero, sums of rounded lines.
(() => {
  const S = 10000n;
  const HUNDRED = 100n * S;
  const DECIMAL = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

  function parse(text, dp) {
    const t = String(text).trim().replace(/\s+/g, '').replace(/^([+-]?)\$/, '$1');
    const m = DECIMAL.exec(t);
    if (!t || !m || (m[2] === undefined && m[3] === undefined) || (m[3] || '').length > dp) return null;
    const value = BigInt((m[2] || '0').replace(/,/g, '')) * 10n ** BigInt(dp) + BigInt((m[3] || '').padEnd(dp, '0') || '0');
    return m[1] === '-' ? -value : value;
  }
  function divRound(n, d) {
    const negative = n < 0n !== d < 0n;
    const an = n < 0n ? -n : n;
    const ad = d < 0n ? -d : d;
    let q = an / ad;
    if ((an % ad) * 2n >= ad) q += 1n;
    return negative ? -q : q;
  }
  function money(cents) {
    const negative = cents < 0n;
    const abs = negative ? -cents : cents;
    const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${negative ? '-' : ''}${whole}.${(abs % 100n).toString().padStart(2, '0')}`;
  }

  function recompute(editor) {
    const form = editor.closest('form');
    const typesField = form && form.elements.namedItem('lineAmountTypes');
    const types = typesField && 'value' in typesField ? typesField.value : 'Exclusive';
    let amounts = 0n;
    let tax = 0n;
    for (const row of editor.querySelectorAll('[data-line]')) {
      const out = row.querySelector('[data-line-amount]');
      const product = row.querySelector('[data-product-select]');
      const option = product && product.selectedOptions[0];
      const taxSelect = row.querySelector('[data-tax-select]');
      const qtyText = row.querySelector('[data-qty]').value;
      const priceText = row.querySelector('[data-price]').value;
      const discText = row.querySelector('[data-discount]').value;
      const quantity = parse(qtyText, 4);
      const price = priceText.trim() === '' && option && option.dataset.unitPrice ? parse(option.dataset.unitPrice, 4) : parse(priceText, 4);
      const discount = discText.trim() === '' ? 0n : parse(discText, 2);
      if (quantity === null || price === null || discount === null || discount < 0n || discount > 10000n || (priceText.trim() === '' && !(option && option.dataset.unitPrice))) {
        out.textContent = '';
        continue;
      }
      let taxOption = taxSelect && taxSelect.selectedOptions[0];
      if (taxSelect && taxOption && taxOption.value === '' && option && option.dataset.tax) {
        taxOption = [...taxSelect.options].find((o) => o.value === option.dataset.tax) || taxOption;
      }
      const rate = types === 'NoTax' || !taxOption || !taxOption.dataset.rate ? 0n : BigInt(taxOption.dataset.rate);
      const amount = divRound(quantity * price * (HUNDRED - discount * 100n) * 100n, S * S * HUNDRED);
      let lineTax = 0n;
      if (types === 'Exclusive') lineTax = divRound(amount * rate, HUNDRED);
      else if (types === 'Inclusive') lineTax = divRound(amount * rate, HUNDRED + rate);
      out.textContent = money(amount);
      amounts += amount;
      tax += lineTax;
    }
    const subTotal = types === 'Inclusive' ? amounts - tax : amounts;
    editor.querySelector('[data-subtotal]').textContent = money(subTotal);
    editor.querySelector('[data-total-tax]').textContent = money(tax);
    editor.querySelector('[data-total]').textContent = money(subTotal + tax);
  }

  function onChange(event) {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target instanceof HTMLSelectElement && target.selectedOptions[0]) {
      const title = target.selectedOptions[0].getAttribute('title');
      if (title) target.setAttribute('title', title);
    }
    const editor = target.closest('[data-line-editor]') || (target.getAttribute('name') === 'lineAmountTypes' ? target.form && target.form.querySelector('[data-line-editor]') : null);
    // After form-enhancements.js has filled a product's blanks.
    if (editor) setTimeout(() => recompute(editor), 0);
  }
  document.addEventListener('input', onChange);
  document.addEventListener('change', onChange);
})();
