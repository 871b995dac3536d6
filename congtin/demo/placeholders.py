"""Generated placeholder pictures, clearly marked, for photos the demo lacks."""

import io
import textwrap
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

_FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]
PLACEHOLDER_MARK = "ẢNH MINH HỌA"


def _font(size):
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size), True
    return ImageFont.load_default(size=size), False


def placeholder_photo(caption: str, width=1200, height=675) -> bytes:
    """A JPEG that says it is a placeholder and repeats the caption."""
    image = PILImage.new("RGB", (width, height), (214, 220, 228))
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, width - 20, height - 20], outline=(150, 30, 30), width=6)
    big, unicode_ok = _font(64)
    small, _ = _font(34)
    mark = PLACEHOLDER_MARK if unicode_ok else "ANH MINH HOA"
    draw.text(
        (width / 2, height * 0.3), mark, font=big, fill=(150, 30, 30), anchor="mm"
    )
    sub = "Ảnh gốc không có sẵn" if unicode_ok else "Anh goc khong co san"
    draw.text(
        (width / 2, height * 0.42), sub, font=small, fill=(60, 60, 60), anchor="mm"
    )
    if unicode_ok:
        for i, line in enumerate(textwrap.wrap(caption, 48)[:4]):
            y = height * 0.58 + i * 44
            draw.text((width / 2, y), line, font=small, fill=(30, 30, 30), anchor="mm")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def placeholder_emblem(size=240) -> bytes:
    """A red disc with a gold star, standing in for the national emblem."""
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        [4, 4, size - 4, size - 4], fill=(200, 16, 46), outline=(245, 197, 24), width=10
    )
    import math

    cx = cy = size / 2
    outer, inner = size * 0.32, size * 0.13
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=(245, 197, 24))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def placeholder_banner(text: str, width: int, height: int) -> bytes:
    """A PNG strip with ``text`` and the placeholder mark, for demo banners."""
    image = PILImage.new("RGB", (width, height), (16, 64, 128))
    draw = ImageDraw.Draw(image)
    draw.rectangle([3, 3, width - 4, height - 4], outline=(245, 197, 24), width=4)
    size = max(14, height // 4)
    font, unicode_ok = _font(size)
    # Shrunk until the text keeps a margin inside the frame.
    while size > 12 and draw.textlength(text, font=font) > width * 0.86:
        size -= 1
        font, unicode_ok = _font(size)
    small, _ = _font(max(12, size * 2 // 3))
    draw.text(
        (width / 2, height * 0.42),
        text if unicode_ok else "Banner",
        font=font,
        fill=(255, 255, 255),
        anchor="mm",
    )
    mark = PLACEHOLDER_MARK if unicode_ok else "ANH MINH HOA"
    draw.text(
        (width / 2, height * 0.75), mark, font=small, fill=(245, 197, 24), anchor="mm"
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
