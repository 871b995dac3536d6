vcl 4.1;

# congtin's edge cache: Varnish 7 (Debian's `varnish`) between nginx and the app
# servers. docs/deployment.md, "Edge cache (Varnish) and CDN", says how it is run,
# how purges reach it and what to change for a CDN.
#
# What is cached is what the app says may be shared: a GET or HEAD without the
# session cookie or Authorization, answered 200 (or a redirect, 404...) with a
# Cache-Control that gives shared caches a lifetime (s-maxage or max-age) and no
# Set-Cookie. The app's s-maxage is the time to live and its stale-while-revalidate
# the grace (Varnish reads both itself). Nothing else is stored.

import directors;
import std;

# --- The app servers ------------------------------------------------------------
#
# One backend per app server (gunicorn's --bind address), each added to the
# round-robin director in vcl_init. For three servers:
#
#   backend app1 { .host = "10.0.0.11"; .port = "8000"; .probe = app_alive; ... }
#   backend app2 { .host = "10.0.0.12"; .port = "8000"; .probe = app_alive; ... }
#   backend app3 { .host = "10.0.0.13"; .port = "8000"; .probe = app_alive; ... }
#   sub vcl_init { new app = directors.round_robin();
#                  app.add_backend(app1); app.add_backend(app2); app.add_backend(app3); }
#
# A server whose probe fails is skipped until it answers again.

probe app_alive {
    # /robots.txt is the cheapest answer the app has. The Host must be one of
    # ALLOWED_HOSTS, or Django answers 400 and the server counts as down: put a
    # portal's hostname.
    .request =
        "HEAD /robots.txt HTTP/1.1"
        "Host: localhost"
        "User-Agent: varnish-probe"
        "Connection: close";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    # Healthy from the start: no 503s while the first probes are under way.
    .initial = 3;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .probe = app_alive;
    .connect_timeout = 2s;
    # gunicorn kills a worker after --timeout 30.
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 10s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}

# --- Who may purge ----------------------------------------------------------------
#
# The hosts that run the task worker (`manage.py db_worker`), which sends Wagtail's
# purges: the app servers' private addresses. nginx must not be able to pass a
# client's PURGE on: when nginx connects from one of these addresses (the same
# host), its config refuses the method (docs/deployment.md).

acl purgers {
    "127.0.0.1";
    "::1";
}

# --- Requests ----------------------------------------------------------------------

sub vcl_recv {
    # Lower-case Host; 400 without one.
    call vcl_req_host;
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.url ~ "\*$") {
            # Wagtail's "every URL under this prefix on that host", e.g. `/*` for a
            # whole portal: a ban on the headers vcl_backend_response stores, which
            # the ban lurker tests without a request. Regex characters in the
            # prefix are escaped; the host's port does not count.
            if (std.ban("obj.http.x-host == " + regsub(req.http.host, ":[0-9]+$", "")
                    + " && obj.http.x-url ~ ^"
                    + regsuball(regsub(req.url, "\*$", ""),
                        "([.?+*|(){}$^\[\\])", "\\\1"))) {
                return (synth(200, "Banned"));
            }
            return (synth(400, std.ban_error()));
        }
        return (purge);
    }

    if (req.method != "GET" && req.method != "HEAD") {
        if (req.method ~ "^(POST|PUT|PATCH|DELETE|OPTIONS)$") {
            return (pass);
        }
        # BAN, TRACE, CONNECT and the like: never piped to the app.
        return (synth(405, "Method Not Allowed"));
    }

    # Editors and staff: their pages are their own; so are a reader's pages while
    # a flash message ("messages" cookie) waits to be shown once.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;)\s*(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(django-)?admin([/?]|$)") {
        return (pass);
    }

    # Readers: the same page for everyone at a URL. The language is in the URL (/en/
    # for English, none for Vietnamese), so Accept-Language chooses nothing; the
    # CSRF cookie is only read on a POST, which is passed with its cookies above.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    # Host without its port, as the bans and the app's sites match it.
    hash_data(req.url);
    hash_data(regsub(req.http.host, ":[0-9]+$", ""));
    return (lookup);
}

# --- Responses from the app ------------------------------------------------------

sub vcl_backend_response {
    # For bans: which host and URL this object is (removed again in vcl_deliver).
    set beresp.http.x-host = regsub(bereq.http.host, ":[0-9]+$", "");
    set beresp.http.x-url = bereq.url;

    if (bereq.uncacheable) {
        return (deliver);
    }
    # The app marks what may be shared; a response it did not mark is not kept,
    # where Varnish by itself would keep it default_ttl (two minutes).
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        call vcl_beresp_hitmiss;
    }
    # Set-Cookie, private / no-cache / no-store, ttl 0 (max-age=0 without s-maxage),
    # Vary: *: not kept (Varnish's own rules).
    call vcl_builtin_backend_response;
    return (deliver);
}

sub vcl_backend_error {
    # The app servers are down or too slow: the portal's own words, not Varnish's.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    # The app's own headers do not reach this page: the same policy as its 500 page
    # (the hash is of the style element below, the same text as in the app's
    # templates/500.html).
    set beresp.http.Content-Security-Policy = "default-src 'none'; style-src 'sha256-Qs29kIMaVepqJXII7ZUmKzz4nEBc4nAYFlV2LQBxnfc='; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    set beresp.http.X-Content-Type-Options = "nosniff";
    set beresp.body = {"<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tạm thời gián đoạn</title>
<style>body{font-family:Arial,Helvetica,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}h1{color:#a50e0e}</style></head>
<body><main role="main"><h1>Cổng thông tin tạm thời gián đoạn</h1>
<p>Máy chủ đang bận hoặc đang bảo trì. Xin vui lòng thử lại sau ít phút.</p>
<p lang="en">The portal is temporarily unavailable. Please try again in a few minutes.</p></main></body>
</html>
"};
    return (deliver);
}

# --- Responses to the client -------------------------------------------------------

sub vcl_synth {
    # Answers to purges and refused requests: one line of text for the purger's log.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = "" + resp.status + " " + resp.reason + {"
"};
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Age is Varnish's own: seconds the object has been in the cache.
}
