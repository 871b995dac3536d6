"""Albums and videos built directly, without the demo."""

import io
from datetime import date, timedelta

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from congtin.core.tests.factories import PageFactory
from congtin.media_library.models import AlbumPhoto, PhotoAlbumPage, VideoPage


def make_image(title="Ảnh thử", size=(64, 48)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 100, 50)).save(buffer, "PNG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="anh-thu.png"))
    image.save()
    return image


class PhotoAlbumPageFactory(PageFactory):
    """An album; ``photos=[dict(caption=..., alt_text=..., credit=...), ...]``."""

    class Meta:
        model = PhotoAlbumPage

    title = factory.Sequence(lambda n: f"Album thử {n}")
    slug = factory.Sequence(lambda n: f"album-thu-{n}")
    date = factory.Sequence(lambda n: date(2022, 6, 1) - timedelta(days=n))

    @classmethod
    def _instance(cls, model_class, *args, photos=(), **kwargs):
        page = model_class(*args, **kwargs)
        for fields in photos:
            page.photos.add(AlbumPhoto(image=make_image(), **fields))
        return page


class VideoPageFactory(PageFactory):
    class Meta:
        model = VideoPage

    title = factory.Sequence(lambda n: f"Video thử {n}")
    slug = factory.Sequence(lambda n: f"video-thu-{n}")
    date = factory.Sequence(lambda n: date(2022, 6, 1) - timedelta(days=n))
    embed_url = "https://video.example/xem/1"
    transcript = "Lời của video thử."
