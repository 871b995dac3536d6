"""What media_library adds to a portal: its "Thư viện ảnh, video" page type.

Albums and videos are pages, so the portal's page permissions and workflow apply;
images and video files follow the portal's collection permissions.
"""

from congtin.portals.registry import PortalPart, register

register(PortalPart("media_library", home_children=["media_library.GalleryIndexPage"]))
