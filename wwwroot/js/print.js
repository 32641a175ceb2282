// Print buttons (a page's own print stylesheet decides what is printed). Shown only when this script runs.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
