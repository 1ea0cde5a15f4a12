// Loaded by popup.html before its modules (a deferred classic script, no imports, so it runs
// just before them without holding up the parsing): starts reading the
// phone's last known state at once, so the storage read overlaps the loading of the popup's
// modules instead of following it. coordinator-client.ts picks the promise up.
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
