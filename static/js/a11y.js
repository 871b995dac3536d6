// The accessibility toolbar (templates/includes/a11y_toolbar.html) and the
// Alt+Shift shortcuts. The choices live in localStorage and show as an attribute and
// a class on <html>, which static/js/a11y-prefs.js puts back on every page.
(function () {
  var root = document.documentElement;
  var MIN_SIZE = -1;
  var MAX_SIZE = 5;
  // Percent of the browser's own text size for each step (portal.css, a11y.css).
  var PERCENT = { "-1": 87.5, 0: 100, 1: 112.5, 2: 125, 3: 150, 4: 175, 5: 200 };

  function store(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (error) {
      // Storage turned off: the choice lasts until the next page.
    }
  }

  function textSize() {
    var size = parseInt(root.getAttribute("data-text-size"), 10);
    return isNaN(size) ? 0 : size;
  }

  function show() {
    var size = textSize();
    var contrast = root.classList.contains("high-contrast");
    document.querySelectorAll("[data-a11y-size]").forEach(function (output) {
      output.textContent = String(PERCENT[size]).replace(".", ",") + "%";
    });
    document.querySelectorAll('[data-a11y="contrast"]').forEach(function (button) {
      button.setAttribute("aria-pressed", contrast ? "true" : "false");
    });
    document.querySelectorAll('[data-a11y="smaller"]').forEach(function (button) {
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
      button.setAttribute("aria-disabled", size <= MIN_SIZE ? "true" : "false");
    });
    document.querySelectorAll('[data-a11y="larger"]').forEach(function (button) {
      button.setAttribute("aria-disabled", size >= MAX_SIZE ? "true" : "false");
    });
  }

  function setTextSize(size) {
    size = Math.max(MIN_SIZE, Math.min(MAX_SIZE, size));
    if (size === 0) {
      root.removeAttribute("data-text-size");
      store("congtin.textSize", null);
    } else {
      root.setAttribute("data-text-size", String(size));
      store("congtin.textSize", String(size));
    }
    show();
  }

  function setContrast(high) {
    root.classList.toggle("high-contrast", high);
    store("congtin.contrast", high ? "high" : null);
    show();
  }

  var ACTIONS = {
    smaller: function () { setTextSize(textSize() - 1); },
    larger: function () { setTextSize(textSize() + 1); },
    contrast: function () { setContrast(!root.classList.contains("high-contrast")); },
    reset: function () { setTextSize(0); setContrast(false); }
  };

  function focusOn(element) {
    if (!element) {
      return;
    }
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
    element.scrollIntoView({ block: "nearest" });
  }

  function openMenu() {
    var toggle = document.querySelector("[data-menu-toggle]");
    if (toggle && toggle.offsetParent !== null) {
      toggle.setAttribute("aria-expanded", "true");
    }
    focusOn(document.querySelector(".main-menu__list a"));
  }

  function goHome() {
    // The menu's first item is the home page in the page's language (/en/ on
    // English pages).
    var home = document.querySelector(".main-menu__list a");
    window.location.href = home ? home.href : "/";
  }

  // By the key's place on the keyboard (event.code): with Shift held, event.key is
  // "!" for 1 on a US layout and something else on others.
  var SHORTCUTS = {
    Digit1: goHome,
    Digit2: function () { focusOn(document.getElementById("noi-dung")); },
    Digit3: openMenu,
    Digit4: function () { focusOn(document.querySelector(".search-box__input")); },
    Digit5: ACTIONS.contrast,
    Digit0: ACTIONS.reset,
    Equal: ACTIONS.larger,
    NumpadAdd: ACTIONS.larger,
    Minus: ACTIONS.smaller,
    NumpadSubtract: ACTIONS.smaller
  };
  SHORTCUTS.Numpad1 = SHORTCUTS.Digit1;
  SHORTCUTS.Numpad2 = SHORTCUTS.Digit2;
  SHORTCUTS.Numpad3 = SHORTCUTS.Digit3;
  SHORTCUTS.Numpad4 = SHORTCUTS.Digit4;
  SHORTCUTS.Numpad5 = SHORTCUTS.Digit5;
  SHORTCUTS.Numpad0 = SHORTCUTS.Digit0;

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-a11y]");
    if (button && ACTIONS[button.getAttribute("data-a11y")]) {
      ACTIONS[button.getAttribute("data-a11y")]();
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
      var action = SHORTCUTS[event.code];
      if (action) {
        event.preventDefault();
        action();
      }
      return;
    }
    if (event.key === "Escape") {
      document.querySelectorAll("[data-a11y-help][open]").forEach(function (help) {
        var inside = help.contains(document.activeElement);
        help.open = false;
        if (inside) {
          help.querySelector("summary").focus();
        }
      });
    }
  });

  show();
})();
