// Loaded by popup.html with `async` (a classic script, no imports): it runs as soon as it
// arrives, without waiting for the parser or the stylesheet, and starts reading the phone's
// last known state, so the storage read overlaps the loading of the popup's own script
// (popup-app.js) instead of following it. coordinator-client.ts picks the promise up, and
// reads the state itself in the rare case that this script arrives after the popup's.
'use strict';
(function () {
  var api = globalThis.chrome || globalThis.browser;
  try {
    globalThis.__offhookEarlySnapshot = api.storage.session.get('lastSnapshot').then(
      function (items) { return items && items.lastSnapshot ? items.lastSnapshot : null; },
      function () { return null; }
    );
  } catch {
    globalThis.__offhookEarlySnapshot = undefined;
  }
})();
