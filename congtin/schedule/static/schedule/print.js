// The week's print view opens the print dialog once it has loaded; a browser driven
// by a program (tests, crawlers) is left alone.
window.addEventListener("load", function () {
  if (!window.navigator.webdriver) {
    window.print();
  }
});
