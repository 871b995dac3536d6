"""What the demo adds: a spokesperson and two releases for Hải Phòng and Lê Chân,
an album and a video each, shown on the public pages; loading again adds nothing."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import Site

from congtin.media_library.demo import load_media_library_demo
from congtin.media_library.models import AlbumPhoto, PhotoAlbumPage, VideoPage
from congtin.press.demo import load_press_demo
from congtin.press.models import PressReleasePage, Spokesperson

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (Spokesperson, PressReleasePage, PhotoAlbumPage, VideoPage)
    ] + [AlbumPhoto.objects.count()]


def html_of(host, url):
    response = Client(HTTP_HOST=host).get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_demo_press_and_gallery(full_demo):
    city = Site.objects.get(hostname="localhost")
    lechan = Site.objects.get(hostname="lechan.localhost")
    for site in (city, lechan):
        assert Spokesperson.objects.filter(site=site).count() == 1
        releases = PressReleasePage.objects.live().descendant_of(site.root_page)
        assert releases.count() == 2
        assert all("(Minh họa)" in page.title for page in releases)
        assert PhotoAlbumPage.objects.live().descendant_of(site.root_page).count() == 1
        video = VideoPage.objects.live().descendant_of(site.root_page).get()
        assert video.poster and video.transcript and video.subtitles

    before = counts()
    load_press_demo(city, lechan)
    load_media_library_demo(city, lechan)
    assert counts() == before

    # The city's contact pages show the recorded spokesperson, in English too.
    contact = html_of("localhost", "/lien-he/").select_one(".spokesperson")
    assert "Người phát ngôn thành phố (Minh họa)" in contact.get_text()
    english = html_of("localhost", "/en/contact/").select_one(".spokesperson")
    assert "Chief of Office, Hai Phong City People's Committee" in english.get_text()
    assert "Appointed by" in english.get_text()

    album = html_of("lechan.localhost", "/thu-vien-anh-video/album-hoi-nghi-le-chan/")
    figures = album.select(".album figure")
    assert len(figures) == 4
    assert all(f.img["alt"] and f.figcaption.get_text(strip=True) for f in figures)
    video = html_of("localhost", "/thu-vien-anh-video/video-gioi-thieu-thanh-pho/")
    assert video.select_one(".video__transcript")
    assert html_of("lechan.localhost", "/thong-cao-bao-chi/").select(".press-item")
