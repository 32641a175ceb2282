// Runs after the ALTCHA widget module (module scripts run in order). The "external" build bundles no
// workers and no translations: register the SHA-256 worker served from /lib/altcha (same origin, allowed by
// the CSP) and the widget's words in the page's language, taken from the server's resources.
const altcha = globalThis.$altcha;
altcha.algorithms.set('SHA-256', () => new Worker('/lib/altcha/sha.js'));
const widget = document.querySelector('altcha-widget[data-strings]');
if (widget) {
  const lang = (document.documentElement.lang || 'zh-CN').toLowerCase();
  // Start from the built-in English words so any word without a translation still shows.
  altcha.i18n.set(lang, Object.assign({}, altcha.i18n.get('en'), JSON.parse(widget.getAttribute('data-strings'))));
}
