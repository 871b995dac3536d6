/* Live dialogue: while the session runs, ask the server every ~10 seconds for the
   answers after the last one shown and append them; a polite live region says how
   many arrived. Without this script the page shows every answer at each reload. */
(function () {
    "use strict";
    var box = document.querySelector("[data-dialogue-updates]");
    var list = document.querySelector("[data-dialogue-transcript]");
    if (!box || !list || !window.fetch) { return; }
    var announcer = document.querySelector("[data-dialogue-announcer]");
    var statusBadge = document.querySelector("[data-dialogue-status]");
    var url = box.getAttribute("data-url");
    var last = parseInt(box.getAttribute("data-last"), 10) || 0;
    var startsAt = Date.parse(box.getAttribute("data-starts"));
    var endsAt = Date.parse(box.getAttribute("data-ends"));
    var INTERVAL = 10000;
    var MARGIN = 120000; /* the reader's clock may be a little off */
    var delay = INTERVAL;
    var timer = null;

    function announce(text) {
        if (announcer) { announcer.textContent = text; }
    }

    function showStatus(data) {
        if (!statusBadge || !data.status_label) { return; }
        statusBadge.textContent = data.status_label;
        statusBadge.className = "dialogue-status dialogue-status--" + data.status;
    }

    function append(items) {
        var empty = document.querySelector("[data-dialogue-empty]");
        if (items.length && empty) { empty.parentNode.removeChild(empty); }
        items.forEach(function (item) {
            if (item.order <= last) { return; }
            /* The server escapes every text the citizens and staff wrote. */
            list.insertAdjacentHTML("beforeend", item.html);
            last = item.order;
        });
    }

    function schedule(wait) {
        if (timer) { clearTimeout(timer); }
        timer = setTimeout(poll, wait);
    }

    function inWindow() {
        var now = Date.now();
        return now >= startsAt - MARGIN && now <= endsAt + MARGIN;
    }

    function poll() {
        if (document.hidden || !inWindow()) {
            /* Nothing to fetch before the session or while the tab is hidden. */
            schedule(INTERVAL);
            return;
        }
        fetch(url + "?sau=" + last, { headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (!response.ok) { throw new Error(response.status); }
                return response.json();
            })
            .then(function (data) {
                var before = last;
                append(data.items || []);
                showStatus(data);
                var added = data.items ? data.items.filter(function (i) { return i.order > before; }).length : 0;
                if (added) {
                    announce(added === 1 ? "Có 1 câu trả lời mới." : "Có " + added + " câu trả lời mới.");
                }
                delay = INTERVAL;
                if (data.more) { schedule(500); return; }
                if (data.ended) {
                    announce("Buổi đối thoại đã kết thúc.");
                    return;
                }
                schedule(delay);
            })
            .catch(function () {
                /* The server or the network is busy: ask less often, up to a minute. */
                delay = Math.min(delay * 2, 60000);
                schedule(delay);
            });
    }

    schedule(INTERVAL);
})();
