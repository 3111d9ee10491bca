// A document sent to Xero whose state Xero may still change (an invoice awaiting payment): ask the
// server every 2 seconds for the state it keeps (updated by Xero's webhooks and the poll) and reload
// the page when it differs from the one shown (CSP: no inline script, so this file).
(function () {
  var marker = document.querySelector('[data-document-state]');
  if (!marker) return;
  var url = marker.getAttribute('data-document-state');
  var shown = marker.getAttribute('data-document-version');
  if (!url || url.charAt(0) !== '/') return;
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (!body || typeof body.version !== 'string') return setTimeout(poll, 5000);
        if (body.version !== shown) return window.location.reload();
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
