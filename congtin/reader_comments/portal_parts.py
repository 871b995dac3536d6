"""What reader_comments adds to a portal: who may switch its comments on or off.

Wagtail's site settings permission is global (it edits every portal's settings), so
only "Quản trị" gets it; the portal's editors and chiefs moderate the comments
(``core.public_forms.moderation``) and choose per article.
"""

from congtin.portals.registry import PortalPart, register

register(
    PortalPart(
        "reader_comments",
        permissions={"admin": ["reader_comments.change_readercommentsettings"]},
    )
)
