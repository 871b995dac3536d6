// Runs in <head>, before the first paint: the reader's text size and contrast, kept
// in this browser (pages are cached for everyone, so the server never knows them),
// and the "js" class that lets the style sheets rely on static/js/a11y.js and portal.js.
(function () {
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var size = parseInt(window.localStorage.getItem("congtin.textSize"), 10);
    if (size >= -1 && size <= 5 && size !== 0) {
      root.setAttribute("data-text-size", String(size));
    }
    if (window.localStorage.getItem("congtin.contrast") === "high") {
      root.classList.add("high-contrast");
    }
  } catch (error) {
    // Storage turned off: the defaults stay.
  }
})();
