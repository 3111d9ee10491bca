// A list's bulk send: the "Send N to Xero" button counts the ticked rows, and the header box ticks
// every row of the page (CSP: no inline script, so this file). Without it the form still works.
(function () {
  var form = document.querySelector('[data-bulk-form]');
  if (!form) return;
  var button = form.querySelector('[data-bulk-send]');
  var all = form.querySelector('[data-bulk-page]');
  function boxes() { return Array.prototype.slice.call(form.querySelectorAll('input[name="id"]')); }
  function update() {
    var n = boxes().filter(function (b) { return b.checked; }).length;
    button.textContent = n === 0 ? 'Send selected to Xero' : 'Send ' + n.toLocaleString('en') + ' to Xero';
    button.disabled = n === 0;
  }
  form.addEventListener('change', function (event) {
    if (event.target === all) boxes().forEach(function (b) { b.checked = all.checked; });
    update();
  });
  update();
})();
