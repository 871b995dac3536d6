"""A small, valid one-page PDF of plain lines, for illustrative demo files.

Written by hand (about thirty lines) rather than with a PDF library: only demo and
test placeholders are made here, and a library would be a dependency of every
installation for them. Helvetica without embedding has no Vietnamese letters, so
the marks are folded away (``Dự thảo`` is written ``Du thao``).
"""

from congtin.core.vietnamese import strip_diacritics


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def simple_pdf(lines: list[str]) -> bytes:
    """One A4 page showing ``lines`` in 13 pt Helvetica, top left."""
    text_ops = ["BT", "/F1 13 Tf", "56 780 Td", "18 TL"]
    for line in lines:
        ascii_line = strip_diacritics(line).encode("ascii", "replace").decode()
        text_ops.append(f"({_escape(ascii_line)}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
