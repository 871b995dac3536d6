// Print buttons: the print stylesheet does the rest.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

// The main menu's button on narrow screens (portal.css hides the list behind it
// only when this script runs): it says whether the menu is open, Escape closes it.
(function () {
  var toggle = document.querySelector("[data-menu-toggle]");
  if (!toggle) {
    return;
  }
  var menu = toggle.closest(".main-menu");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") {
      return;
    }
    var inside = menu.contains(document.activeElement);
    setOpen(false);
    if (inside && toggle.offsetParent !== null) {
      toggle.focus();
    }
  });
})();
