"use strict";
// stancematrix serve: reloads the page when the workbook is saved. The
// server's event stream sends the version of the current page when the
// script connects and after every save; the page reloads when it differs
// from its own. A hidden tab lets go of its connection (browsers allow a
// few per server) and asks again when it is shown.
(function () {
  var me = document.currentScript;
  var url = me.getAttribute("data-events");
  var version = me.getAttribute("data-version");
  var es = null;
  function connect() {
    if (es || document.hidden) { return; }
    es = new EventSource(url);
    es.onmessage = function (e) {
      if (e.data !== version) {
        es.close();
        location.reload();
      }
    };
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) {
      if (es) { es.close(); es = null; }
    } else {
      connect();
    }
  });
  connect();
})();
