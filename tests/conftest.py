"""Shared fixtures: the small publisher of `tests.world`, built from the factories
once per session, and fresh objects of it for each test."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import transaction
from wagtail.models import Site

from blog.models import ArticlePage, Author, BlogIndexPage, SeriesPage
from home.models import HomePage

from . import mailsink, threads, world


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The publisher every test can read, built inside a transaction that is rolled
    back when the session ends (as Django's `setUpTestData` does for a class): each
    test runs in a savepoint within it, and a reused test database starts empty."""
    with django_db_blocker.unblock():
        threads.copy_database()
        outer = transaction.atomic()
        # Marked as Django marks a test case's own transaction, so code that asks
        # whether it runs inside a transaction (core/replicas.py) sees only its own.
        outer._from_testcase = True
        outer.__enter__()
        try:
            world.build()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def commit_after_each_request(django_capture_on_commit_callbacks):
    """Each test runs in a transaction that is rolled back, so nothing it does
    reaches "after commit", where mails, purges and tasks are queued. In
    production a request's transaction commits when it ends; here each request of
    the test client ends the same way: what it queued after commit runs then
    (pytest-django's `django_capture_on_commit_callbacks`). Work a test does
    outside a request wraps itself in that fixture."""
    open_captures = []

    def started(**kwargs) -> None:
        capture = django_capture_on_commit_callbacks(execute=True)
        capture.__enter__()
        open_captures.append(capture)

    def finished(**kwargs) -> None:
        if open_captures:
            open_captures.pop().__exit__(None, None, None)

    request_started.connect(started, dispatch_uid="tests-commit-start")
    request_finished.connect(finished, dispatch_uid="tests-commit-end")
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid="tests-commit-start")
        request_finished.disconnect(dispatch_uid="tests-commit-end")


@pytest.fixture
def ids(db) -> world.Ids:
    return world.WORLD


@pytest.fixture
def home_page(ids) -> HomePage:
    return HomePage.objects.get(pk=ids.home)


@pytest.fixture
def blog_index(ids) -> BlogIndexPage:
    return BlogIndexPage.objects.get(pk=ids.journal)


@pytest.fixture
def series(ids) -> SeriesPage:
    return SeriesPage.objects.get(pk=ids.series)


@pytest.fixture
def article(ids) -> ArticlePage:
    """The first part of the series: authors, picks, PDF offer, newsletter box."""
    return ArticlePage.objects.get(pk=ids.first_part)


@pytest.fixture
def second_part(ids) -> ArticlePage:
    return ArticlePage.objects.get(pk=ids.second_part)


@pytest.fixture
def salary_article(ids) -> ArticlePage:
    """The first part of the salary series: no picks, so it suggests products."""
    return ArticlePage.objects.get(pk=ids.salary_parts[0])


@pytest.fixture
def lead_author(ids) -> Author:
    return Author.objects.get(pk=ids.lead_author)


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.get(email=world.ADMIN_EMAIL)


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


@pytest.fixture(autouse=True)
def _render_memory_above_the_session(settings):
    """A PDF render's memory limit (`PDF_RENDER_MEMORY_MB`) caps the forked
    child's whole address space, which starts as the parent's. A worker of the
    site is small; a test process late in a long session maps far more (on
    PostgreSQL well over a gigabyte), so a render there would fail for memory the
    page never needed. Here the limit sits that far above what the session maps;
    the limit itself is tested in a fresh process
    (`tests/delivery/test_delivery.py`)."""
    import resource

    try:
        with open("/proc/self/statm") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize() // 2**20
    except OSError:
        return
    settings.PDF_RENDER_MEMORY_MB = max(settings.PDF_RENDER_MEMORY_MB, mapped + 1024)


@pytest.fixture(autouse=True)
def _mail_through_outbox(settings):
    """Every mail takes the site's path: into the outbox, then (tasks run
    in-process here) to the transport, which is Django's test outbox
    (`mail.outbox`) unless a test starts a real SMTP sink."""
    settings.EMAIL_BACKEND = "mail.backends.OutboxBackend"
    settings.MAIL_TRANSPORT_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback (aiosmtpd) that Django's SMTP backend talks to;
    `.messages` holds what it received, `.parsed()` the mails."""
    port = mailsink.free_port()
    inbox = mailsink.Inbox()
    controller = mailsink.start(inbox, port)
    settings.MAIL_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
