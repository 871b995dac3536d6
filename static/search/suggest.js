// Suggestions under a search box: titles that start like what the reader types,
// with or without diacritics. Without this script every box is a plain search
// field that submits its form, so nothing here may be needed to search.
//
// The box follows the ARIA combobox pattern: Up/Down move through the list,
// Enter opens the chosen title (or submits the form when none is chosen),
// Escape closes the list.
(function () {
  "use strict";
  // The header and the search page may both load this file.
  if (window.congtinSuggest) {
    return;
  }
  window.congtinSuggest = true;

  var DELAY_MS = 200;
  var MIN_LENGTH = 2;
  var boxes = 0;

  function isSafeUrl(url) {
    return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/.test(url);
  }

  function setup(input) {
    var endpoint = input.getAttribute("data-suggest");
    if (!endpoint || input.hasAttribute("data-suggest-ready")) {
      return;
    }
    input.setAttribute("data-suggest-ready", "");
    boxes += 1;
    var listId = "goi-y-" + boxes;
    var form = input.form;

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý tìm kiếm");
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var asked = null;
    var sequence = 0;

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function open() {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      setActive(-1);
    }

    function setActive(index) {
      var all = options();
      active = index;
      for (var i = 0; i < all.length; i += 1) {
        all[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function follow(index) {
      var item = items[index];
      if (item && isSafeUrl(item.url)) {
        window.location.href = item.url;
      }
    }

    function show(suggestions) {
      items = suggestions.filter(function (item) {
        return item && typeof item.title === "string" && isSafeUrl(item.url);
      });
      list.textContent = "";
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.title;
        // mousedown, not click: the box must keep the focus (no blur closing it).
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          follow(index);
        });
        list.appendChild(option);
      });
      active = -1;
      if (items.length) {
        open();
        status.textContent =
          items.length + " gợi ý. Dùng phím mũi tên lên, xuống để chọn, Enter để mở.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LENGTH) {
        asked = null;
        show([]);
        return;
      }
      if (text === asked) {
        if (items.length) {
          open();
        }
        return;
      }
      asked = text;
      var params = new URLSearchParams({ q: text });
      var scope = form && form.querySelector('input[name="pham-vi"]:checked');
      if (scope) {
        params.set("pham-vi", scope.value);
      }
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      sequence += 1;
      var mine = sequence;
      fetch(endpoint + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          // An older answer must not replace a newer one.
          if (mine !== sequence || input.value.trim() !== text) {
            return;
          }
          show(Array.isArray(data.suggestions) ? data.suggestions : []);
        })
        .catch(function () {
          // Suggestions are a convenience; the form still works without them.
          if (mine === sequence) {
            asked = null;
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var count = items.length;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!count) {
          return;
        }
        event.preventDefault();
        if (list.hidden) {
          open();
        }
        setActive(active + 1 >= count ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!count || list.hidden) {
          return;
        }
        event.preventDefault();
        setActive(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          follow(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (!list.hidden) {
          // Keep the text: in a search field Escape would otherwise clear it.
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i += 1) {
      setup(inputs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
