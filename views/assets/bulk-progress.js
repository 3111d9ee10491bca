// A bulk send's progress page: while the send runs, ask for its figures every 2 seconds and show them;
// reload the page when its status, its failed count or Xero's daily-limit hold changes (CSP: no inline
// script, so this file).
(function () {
  var card = document.querySelector('[data-bulk-poll]');
  if (!card) return;
  var url = card.getAttribute('data-bulk-poll');
  var status = card.getAttribute('data-bulk-status');
  var failed = Number(card.getAttribute('data-bulk-failed'));
  var held = card.getAttribute('data-bulk-held') || null;
  function fmt(v) { return typeof v === 'number' ? v.toLocaleString('en') : v === null ? 'not known yet' : String(v); }
  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { return res.ok ? res.json() : null; })
      .then(function (body) {
        if (!body) return setTimeout(poll, 5000);
        if (body.status !== status || body.failed !== failed || (body.heldUntil || null) !== held) return window.location.reload();
        ['done', 'failed', 'waiting', 'remaining', 'perMinute', 'timeLeft', 'calls', 'callsLeftToday'].forEach(function (name) {
          var el = card.querySelector('[data-bulk="' + name + '"]');
          if (el) el.textContent = fmt(body[name]);
        });
        var bar = card.querySelector('progress');
        var percent = body.total ? Math.round(((body.done + body.failed + body.cancelled) / body.total) * 100) : 100;
        if (bar) bar.value = percent;
        var percentText = card.querySelector('[data-bulk="percentText"]');
        if (percentText) percentText.textContent = percent + '% of ' + fmt(body.total);
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
