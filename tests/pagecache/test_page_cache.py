"""The anonymous page cache: hits cost no SQL, nobody sees another person's page,
and every change purges the pages that show it."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client

from blog.models import ArticlePage, Author, BlogIndexPage
from publisher.models import PublisherSettings

pytestmark = pytest.mark.django_db

ARTICLE_URL = "/journal/gut-gestartet/der-erste-tag/"


def get(client, path, **kwargs):
    response = client.get(path, **kwargs)
    return response, response.get("X-Page-Cache")


def test_second_anonymous_reader_gets_the_page_from_cache_without_sql(
    django_assert_num_queries,
):
    first, state = get(Client(), ARTICLE_URL)
    assert (first.status_code, state) == (200, "miss")
    with django_assert_num_queries(0):
        second, state = get(Client(), ARTICLE_URL)
    assert (second.status_code, state) == (200, "hit")
    # The same page, except the serving time the comment form carries.
    assert same_but_issued(second.content, first.content)
    assert second["Content-Type"].startswith("text/html")


def test_cached_page_carries_no_personal_data_and_no_csrf_token(admin_client):
    anonymous, _ = get(Client(), ARTICLE_URL)
    html = anonymous.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "admin@kompass-verlag.example" not in html
    assert not anonymous.cookies

    # An editor with a session bypasses the cache and gets the Wagtail user bar.
    logged_in, state = get(admin_client, ARTICLE_URL)
    assert state is None
    assert "wagtail-userbar" in logged_in.content.decode()
    # ...and that personal page was not stored for the next anonymous reader.
    again, state = get(Client(), ARTICLE_URL)
    assert state == "hit"
    assert "wagtail-userbar" not in again.content.decode()


def test_reader_with_a_basket_bypasses_the_cache(ids):
    reader = Client()
    added = reader.post(f"/shop/basket/add/{ids.pdf_product}/", {"quantity": 1})
    assert "oscar_open_basket" in added.cookies
    get(Client(), ARTICLE_URL)  # fill the cache
    _, state = get(reader, ARTICLE_URL)
    assert state is None


def test_only_page_numbers_make_cached_variants():
    _, state = get(Client(), "/journal/", data={"page": "2"})
    assert state == "miss"
    _, state = get(Client(), "/journal/", data={"page": "2"})
    assert state == "hit"
    _, state = get(Client(), "/journal/", data={"utm_source": "x"})
    assert state is None


def test_publishing_purges_the_page_and_the_listings_showing_it(
    blog_index, django_capture_on_commit_callbacks
):
    reader = Client()
    for path in [ARTICLE_URL, "/", "/journal/", "/journal/gut-gestartet/"]:
        get(reader, path)
    article = ArticlePage.objects.get(slug="der-erste-tag")
    article.title = "Der erste Arbeitstag, neu erzählt"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    for path in [ARTICLE_URL, "/", "/journal/", "/journal/gut-gestartet/"]:
        response, state = get(reader, path)
        assert state == "miss", path
    # The oldest article is listed on the article itself and on its series page.
    for path in [ARTICLE_URL, "/journal/gut-gestartet/"]:
        assert "neu erzählt" in Client().get(path).content.decode(), path


def test_unpublishing_removes_the_page_for_readers_at_once(
    django_capture_on_commit_callbacks,
):
    get(Client(), ARTICLE_URL)
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(slug="der-erste-tag").unpublish()
    assert Client().get(ARTICLE_URL).status_code == 404


def test_moving_a_page_purges_old_and_new_addresses(
    blog_index, django_capture_on_commit_callbacks
):
    get(Client(), ARTICLE_URL)
    get(Client(), "/journal/gut-gestartet/")
    article = ArticlePage.objects.get(slug="der-erste-tag")
    with django_capture_on_commit_callbacks(execute=True):
        article.move(blog_index, pos="last-child")
    # Wagtail's redirects app sends the old address on to the new one.
    old = Client().get(ARTICLE_URL)
    assert (old.status_code, old["Location"]) == (301, "/journal/der-erste-tag/")
    assert Client().get("/journal/der-erste-tag/").status_code == 200
    series_html = Client().get("/journal/gut-gestartet/").content.decode()
    assert "Der erste Arbeitstag" not in series_html


def test_deleting_a_page_purges_it(django_capture_on_commit_callbacks):
    get(Client(), "/journal/fuehren-auf-distanz/")
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(slug="fuehren-auf-distanz").delete()
    assert Client().get("/journal/fuehren-auf-distanz/").status_code == 404


def test_changing_an_author_purges_the_articles_and_their_archive(
    django_capture_on_commit_callbacks,
):
    get(Client(), ARTICLE_URL)
    get(Client(), "/journal/autoren/hanna-berger/")
    author = Author.objects.get(slug="hanna-berger")
    author.name = "Hanna Berger-Lind"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()
    for path in [ARTICLE_URL, "/journal/autoren/hanna-berger/"]:
        assert "Hanna Berger-Lind" in Client().get(path).content.decode(), path


def test_changing_publisher_settings_purges_every_page(
    site, django_capture_on_commit_callbacks
):
    get(Client(), "/")
    publisher = PublisherSettings.for_site(site)
    publisher.name = "Lindenblatt Neu"
    with django_capture_on_commit_callbacks(execute=True):
        publisher.save()
    from pagecache import store as pagecache

    pagecache.forget_local_tokens()  # as if GENERATION_REFRESH had passed
    assert "Lindenblatt Neu" in Client().get("/").content.decode()


def test_private_pages_are_never_cached(blog_index):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=blog_index, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response, state = get(Client(), "/journal/")
    assert response.status_code == 200  # the password form
    assert state is None


def test_page_whose_response_used_a_csrf_token_is_not_stored(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from pagecache.middleware import PageCacheMiddleware
    from pagecache.store import page_cache_allow

    def view(request):
        page_cache_allow(request)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    middleware = PageCacheMiddleware(view)
    assert middleware(rf.get("/formular/")).get("X-Page-Cache") is None
    assert middleware(rf.get("/formular/")).get("X-Page-Cache") is None


def test_index_routes_are_listed_for_purging(blog_index):
    paths = BlogIndexPage.objects.get(pk=blog_index.pk).get_cached_paths()
    assert "/" in paths
    assert "/autoren/hanna-berger/" in paths
    assert "/themen/gehalt/" in paths
    assert "/schlagwort/onboarding/" in paths
    assert "/schlagwort/gespräch/feed/atom/" in paths


def test_a_configured_cdn_receives_the_same_purges(
    settings, django_capture_on_commit_callbacks
):
    """Wagtail's frontend-cache HTTP backend, pointed at a real server on loopback,
    gets a PURGE for the article and every page listing it."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    purged: list[str] = []

    class Varnish(BaseHTTPRequestHandler):
        def do_PURGE(self):
            purged.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Varnish)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": f"http://127.0.0.1:{server.server_port}",
            }
        }
        article = ArticlePage.objects.get(slug="der-erste-tag")
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
    finally:
        server.shutdown()
    for path in [ARTICLE_URL, "/journal/gut-gestartet/", "/journal/", "/"]:
        assert path in purged
    assert "/journal/autoren/hanna-berger/" in purged
    # Archive paths with umlauts arrive percent-encoded instead of breaking the batch.
    assert "/journal/schlagwort/gespr%C3%A4ch/" in purged


def test_a_purge_from_another_process_is_seen_within_five_seconds(monkeypatch):
    """Another process (a worker publishing a scheduled page) empties the cache by
    writing a new generation token; this process notices within GENERATION_REFRESH."""
    import time

    from django.core.cache import cache

    from pagecache import store as pagecache

    get(Client(), ARTICLE_URL)
    assert get(Client(), ARTICLE_URL)[1] == "hit"
    cache.set(pagecache.GENERATION_KEY, time.time_ns(), None)  # the other process
    later = time.monotonic() + pagecache.GENERATION_REFRESH + 0.01
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert get(Client(), ARTICLE_URL)[1] == "miss"
    assert pagecache.GENERATION_REFRESH < 5


def test_a_hit_reads_this_process_copy_until_a_purge_anywhere(monkeypatch):
    """A hit on a page this process has served costs no round trip to the cache
    (it keeps a copy, good while the entries token is unchanged); a purge of the
    page by another process (the second app server) is seen within
    GENERATION_REFRESH, and a purge in this process at once."""
    import time

    from django.core.cache import cache

    from pagecache import store as pagecache

    # The process's clock stands still unless the test moves it: a busy machine
    # must not let GENERATION_REFRESH pass between two requests by accident.
    clock = [time.monotonic()]
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock[0])
    get(Client(), ARTICLE_URL)
    assert get(Client(), ARTICLE_URL)[1] == "hit"  # read from the cache, kept here
    reads = []
    real_get = cache.get
    monkeypatch.setattr(
        cache, "get", lambda *a, **k: reads.append(a) or real_get(*a, **k)
    )
    assert get(Client(), ARTICLE_URL)[1] == "hit"
    assert reads == []

    # Another server purges the page: the entry and a new entries token.
    cache.delete(pagecache.key_for(ARTICLE_URL))
    cache.set(pagecache.ENTRIES_KEY, time.time_ns(), None)
    assert get(Client(), ARTICLE_URL)[1] == "hit"  # this process has not looked yet
    clock[0] += pagecache.GENERATION_REFRESH + 0.01
    assert get(Client(), ARTICLE_URL)[1] == "miss"
    assert pagecache.GENERATION_REFRESH <= 0.5

    assert get(Client(), ARTICLE_URL)[1] == "hit"
    pagecache.purge_paths([ARTICLE_URL])
    assert get(Client(), ARTICLE_URL)[1] == "miss"


def test_page_deleted_in_the_admin_is_gone_for_readers_at_once(
    admin_client, django_capture_on_commit_callbacks
):
    article = ArticlePage.objects.get(slug="fuehren-auf-distanz")
    assert get(Client(), article.url)[1] == "miss"
    assert get(Client(), article.url)[1] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/pages/{article.pk}/delete/")
    assert response.status_code == 302
    assert not ArticlePage.objects.filter(pk=article.pk).exists()
    gone, state = get(Client(), article.url)
    assert gone.status_code == 404 and state is None


def test_cache_hit_checks_the_host_and_answers_with_the_same_headers(settings):
    settings.ALLOWED_HOSTS = ["verlag.example"]
    miss = Client().get(ARTICLE_URL, HTTP_HOST="verlag.example")
    hit = Client().get(ARTICLE_URL, HTTP_HOST="verlag.example")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in ("X-Frame-Options", "Content-Language", "Vary", "Content-Type"):
        assert hit[header] == miss[header], header
    assert hit["X-Frame-Options"] == "DENY"
    assert Client().get(ARTICLE_URL, HTTP_HOST="evil.example").status_code == 400


def test_a_purge_by_another_process_takes_effect_here_at_once():
    """The embedded default shares its cache between `make run`'s web server,
    worker and scheduler: a purge made by one (a scheduled unpublish in the worker)
    is seen by the others on their next request, not after the entry expires."""
    assert get(Client(), ARTICLE_URL)[1] == "miss"
    assert get(Client(), ARTICLE_URL)[1] == "hit"
    script = (
        "import django; django.setup();"
        "from pagecache.services import page_cache_purge_paths;"
        f"page_cache_purge_paths(paths=[{ARTICLE_URL!r}])"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
    )
    fresh, state = get(Client(), ARTICLE_URL)
    assert fresh.status_code == 200 and state != "hit"  # rendered anew here


def same_but_issued(one: bytes, other: bytes) -> bool:
    """Equal once each response's own serving time (`core.cached_forms`) is set
    aside."""
    pattern = rb'name="issued" value="[^"]*"'
    return re.sub(pattern, b"", one) == re.sub(pattern, b"", other)


def test_a_new_release_does_not_serve_pages_of_the_old_one(settings, tmp_path):
    """A deploy that changes a template or a stylesheet starts with fresh keys:
    the digest of the release's files is part of every page and fragment key."""
    from pagecache import store

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>alt</p>")
    settings.BASE_DIR = tmp_path
    store._release.clear()
    try:
        old_key, old_fragments = store.key_for("/"), store.fragments_generation()
        template.write_text("<p>neu</p>")
        store._release.clear()
        assert store.key_for("/") != old_key
        assert store.fragments_generation() != old_fragments
        template.write_text("<p>alt</p>")  # the same files give the same keys
        store._release.clear()
        assert store.key_for("/") == old_key
    finally:
        store._release.clear()
