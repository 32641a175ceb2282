// Enhancements for the filing form and receipt; everything works without this file.
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // A refused form: the summary of what to fix is read first.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();

  // Cascading region selects: fill the next list from /Report/Regions instead of a round trip.
  document.querySelectorAll('select[data-region-level]').forEach(function (select) {
    select.addEventListener('change', function () {
      var nextId = select.getAttribute('data-region-next');
      var chain = [];
      for (var id = nextId; id; ) {
        var el = document.getElementById(id);
        if (!el) break;
        chain.push(el);
        id = el.getAttribute('data-region-next');
      }
      chain.forEach(function (el) { el.length = 1; });
      if (!nextId || !select.value) return;
      var parent = select.value;
      fetch('/Report/Regions?parent=' + encodeURIComponent(parent), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          // Arrowing through a list sends one request per step; only the answer for the current choice counts.
          if (select.value !== parent) return;
          var next = document.getElementById(nextId);
          next.length = 1;
          items.forEach(function (item) { next.add(new Option(item.name, item.code)); });
        });
    });
  });

  // Receipt: copy, print, and a warning before leaving (the key cannot be recovered).
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.addEventListener('click', function () {
      var text = button.getAttribute('data-copy-target').split(',')
        .map(function (sel) { var el = document.querySelector(sel); return el ? el.textContent.trim() : ''; })
        .join('\n');
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.getAttribute('data-copied');
        keyKept();
      });
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); keyKept(); });
  });
  // Until the key has been copied or printed, leaving the receipt asks first: the key cannot be shown again.
  var receipt = document.querySelector('[data-leave-warning]');
  var leaving = function (e) { e.preventDefault(); e.returnValue = receipt.getAttribute('data-leave-warning'); return e.returnValue; };
  function keyKept() { window.removeEventListener('beforeunload', leaving); }
  if (receipt) {
    window.addEventListener('beforeunload', leaving);
    document.querySelectorAll('[data-leave-ok]').forEach(function (a) { a.addEventListener('click', keyKept); });
  }
})();
