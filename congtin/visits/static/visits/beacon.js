/* Counts one view of this page (or one search) for the portal's own statistics.
   No cookie, no storage, nothing about the reader: only what the page itself
   carries in its data-visit-* attributes, sent once to the portal's /_v/. */
(function () {
  "use strict";
  var body = document.body;
  var data = new URLSearchParams();
  var search = document.querySelector("[data-visit-search]");
  if (search) {
    data.set("q", search.getAttribute("data-visit-search"));
    data.set("s", search.getAttribute("data-visit-site"));
    data.set("f", search.getAttribute("data-visit-found"));
    data.set("k", search.getAttribute("data-visit-key"));
  } else if (body && body.hasAttribute("data-visit-page")) {
    data.set("p", body.getAttribute("data-visit-page"));
    data.set("k", body.getAttribute("data-visit-key"));
  } else {
    return;
  }
  data.set("m", "1");
  var url = "/_v/";
  if (navigator.sendBeacon && navigator.sendBeacon(url, data)) {
    return;
  }
  if (window.fetch) {
    fetch(url, { method: "POST", body: data, credentials: "omit", keepalive: true });
  }
})();
