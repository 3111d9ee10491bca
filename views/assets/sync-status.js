// While sends are pending, running or waiting, ask the server every 2 seconds whether any of them has
// changed status, and reload the page when one has (CSP: no inline script, so this file).
(function () {
  var marker = document.querySelector('[data-sync-poll]');
  if (!marker) return;
  var watched = {};
  marker.getAttribute('data-sync-poll').split(',').forEach(function (pair) {
    var parts = pair.split(':');
    if (parts[0]) watched[parts[0]] = parts[1];
  });
  var ids = Object.keys(watched);
  if (!ids.length) return;
  function poll() {
    fetch('/sync-log/status.json?ids=' + encodeURIComponent(ids.join(',')), { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (!body || !body.statuses) return setTimeout(poll, 5000);
        for (var i = 0; i < ids.length; i++) {
          if (body.statuses[ids[i]] !== watched[ids[i]]) return window.location.reload();
        }
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
