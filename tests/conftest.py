"""Shared fixtures: the demo publisher, loaded once into the test database."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from blog.models import ArticlePage, BlogIndexPage, SeriesPage
from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The demo content is the realistic data set every test can read; each test
    still runs in its own transaction and leaves it untouched."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=io.StringIO())


@pytest.fixture
def home_page(db) -> HomePage:
    return HomePage.objects.get()


@pytest.fixture
def blog_index(db) -> BlogIndexPage:
    return BlogIndexPage.objects.get(slug="magazin")


@pytest.fixture
def series(db) -> SeriesPage:
    return SeriesPage.objects.get(slug="die-ersten-100-tage")


@pytest.fixture
def article(db) -> ArticlePage:
    return ArticlePage.objects.get(slug="der-erste-arbeitstag")


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.get(email="admin@imprint.example")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths and settings in the cache, which outlives each
    test's rolled-back transaction. The page cache's tokens are copied into this
    process for two seconds; after a clear that copy is forgotten too, or a refresh
    in the middle of a test would change every fragment key (and its query count)."""
    from django.core.cache import cache

    from pagecache import store as pagecache

    def clear():
        cache.clear()
        pagecache.forget_local_tokens()

    clear()
    yield
    clear()
