"""What a file really is, read from its bytes, never from its name or the content
type the browser declared.

Written by hand rather than with the ``filetype`` library (already installed with
Willow): its DOC matcher wants Word's header at byte 512, which a valid .doc need
not have there; its DOCX matcher looks for "word/" in the first bytes instead of
opening the ZIP; and it only matches the first bytes of an image, where Pillow
parses and verifies it. Four magic numbers plus those two checks are all this is.
"""

import zipfile

PDF_MAGIC = b"%PDF-"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# How many first bytes :func:`office_kind` and :func:`is_pdf` look at.
HEAD_SIZE = 16


def is_pdf(head: bytes) -> bool:
    return head.startswith(PDF_MAGIC)


def office_kind(head: bytes, opener) -> str | None:
    """The kind of the content, "pdf", "doc" or "docx", or None.

    ``opener`` returns a binary file object of the whole content; only a ZIP is
    opened, to tell a Word document from any other ZIP.
    """
    if is_pdf(head):
        return "pdf"
    if head.startswith(OLE2_MAGIC):
        return "doc"
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(opener()) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
    return None


def image_kind(fileobj) -> str | None:
    """Pillow's name of the image format ("jpeg", "png"...) once the image has
    been parsed and verified, or None when it is not a whole image. The file
    object is left at its start."""
    from PIL import Image

    try:
        with Image.open(fileobj) as image:
            kind = (image.format or "").lower()
            image.verify()
    except Exception:
        kind = None
    finally:
        fileobj.seek(0)
    return kind or None
