"""Read replicas (core/replicas.py) against a real streaming replica: anonymous page
reads come from it, a browser that wrote and a logged-in reader read the primary,
orders and downloads never leave it, and a lagging or stopped replica is skipped.

The replica is a copy of the test database as committed (its schema and what the
migrations wrote); the tests' small publisher lives only in the primary's open
transaction. So a count of pages tells which of the two answered."""

import contextlib
import time

import pytest
from django.apps import apps
from django.db import connection, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Page

from core.replicas import (
    PIN_COOKIE,
    ReplicaRouter,
    ReplicaRoutingMiddleware,
    replica_health_forget,
    replica_lag,
)
from taxonomy.models import Category

from .replica_cluster import binaries_present, replica_pair

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not binaries_present(),
        reason="needs PostgreSQL and its server binaries (initdb, pg_basebackup)",
    ),
    pytest.mark.django_db(databases=["default", "replica_1"]),
]


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker):
    """A primary holding a copy of the test database (with its small publisher) and a
    replica streaming from it, configured as `DATABASE_REPLICA_URLS` with one URL
    would be; the primary of the site stays the test database."""
    with django_db_blocker.unblock():
        source = dict(connections.settings["default"])
    with replica_pair(source) as running:
        connections.settings["replica_1"] = {
            **source,
            "HOST": "127.0.0.1",
            "PORT": str(running.replica_port),
            "CONN_MAX_AGE": 0,
            "TEST": {**source.get("TEST", {}), "MIRROR": "default"},
        }
        try:
            yield running
        finally:
            connections["replica_1"].close()
            del connections["replica_1"]
            del connections.settings["replica_1"]


@contextlib.contextmanager
def _replica_configured(pair, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders, so routing shows
    settings.REPLICA_CHECK_SECONDS = 0
    settings.REPLICA_MAX_LAG = 1.0
    replica_health_forget()
    try:
        yield
    finally:
        connections["replica_1"].close()
        replica_health_forget()


def _served_by(request, *, before=None) -> tuple[str, HttpResponse]:
    """Run a request through the middleware to a view that counts the site's pages:
    the replica holds the migrated database without the tests' small publisher, so
    the count tells which database answered."""
    answered = {}

    def view(request):
        if before:
            before()
        pages = Page.objects.count()
        answered["by"] = "replica" if pages == replica_pages else "primary"
        return HttpResponse("ok")

    replica_pages = Page.objects.using("replica_1").count()
    assert Page.objects.using("default").count() != replica_pages
    response = ReplicaRoutingMiddleware(view)(request)
    return answered["by"], response


factory = RequestFactory()


def test_anonymous_reads_come_from_the_replica(pair, settings):
    with _replica_configured(pair, settings):
        by, response = _served_by(factory.get("/magazin/"))
    assert by == "replica"
    assert PIN_COOKIE not in response.cookies


def test_a_browser_that_wrote_reads_its_writes_from_the_primary(pair, settings):
    with _replica_configured(pair, settings):
        by, response = _served_by(
            factory.post("/newsletter/", {"email": "a@b.example"})
        )
        assert by == "primary"
        pinned_until = float(response.cookies[PIN_COOKIE].value)
        assert pinned_until > time.time() + settings.REPLICA_PIN_SECONDS - 5

        # The next pages of that browser come from the primary until the pin ends.
        pinned = factory.get("/magazin/")
        pinned.COOKIES[PIN_COOKIE] = response.cookies[PIN_COOKIE].value
        assert _served_by(pinned)[0] == "primary"
        ended = factory.get("/magazin/")
        ended.COOKIES[PIN_COOKIE] = str(int(time.time()) - 1)
        assert _served_by(ended)[0] == "replica"

        # A GET that writes reads the primary from its write on, and pins too.
        def write():
            Category.objects.create(name="Neu", slug="neu-replica")

        by, response = _served_by(factory.get("/magazin/"), before=write)
        assert by == "primary" and PIN_COOKIE in response.cookies


def test_logged_in_readers_orders_downloads_and_transactions_use_the_primary(
    pair, settings
):
    with _replica_configured(pair, settings):
        with_session = factory.get("/magazin/")
        with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "irgendeine"
        assert _served_by(with_session)[0] == "primary"

        def in_transaction():
            with transaction.atomic():
                assert Page.objects.db == "default"

        _served_by(factory.get("/magazin/"), before=in_transaction)

        router = ReplicaRouter()
        chosen = {}

        def view(request):
            for label in (
                "order.Order",
                "payment.Source",
                "basket.Basket",
                "delivery.Grant",
                "sessions.Session",
                "wagtailcore.Page",
            ):
                chosen[label] = router.db_for_read(apps.get_model(label))
            return HttpResponse("ok")

        ReplicaRoutingMiddleware(view)(factory.get("/shop/downloads/x/"))
    assert chosen.pop("wagtailcore.Page") == "replica_1"
    assert set(chosen.values()) == {"default"}, chosen


def test_a_lagging_replica_is_skipped_until_it_catches_up(pair, settings):
    with _replica_configured(pair, settings):
        assert _served_by(factory.get("/"))[0] == "replica"
        pair.on_primary("CREATE TABLE IF NOT EXISTS lag_probe (id int)")
        pair.on_replica("SELECT pg_wal_replay_pause()")
        try:
            pair.on_primary("INSERT INTO lag_probe VALUES (1)")
            time.sleep(settings.REPLICA_MAX_LAG + 0.5)
            pair.on_primary("INSERT INTO lag_probe VALUES (2)")
            deadline = time.monotonic() + 5
            while replica_lag("replica_1") <= settings.REPLICA_MAX_LAG:
                assert time.monotonic() < deadline, "the replica never lagged"
                time.sleep(0.1)
            assert _served_by(factory.get("/"))[0] == "primary"
        finally:
            pair.on_replica("SELECT pg_wal_replay_resume()")
        deadline = time.monotonic() + 10
        while pair.on_replica("SELECT count(*) FROM lag_probe") != (2,):
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.1)
        assert _served_by(factory.get("/"))[0] == "replica"


def test_an_unreachable_replica_degrades_to_the_primary(pair, settings):
    with _replica_configured(pair, settings):
        connections["replica_1"].close()
        port = connections.settings["replica_1"]["PORT"]
        connections.settings["replica_1"]["PORT"] = str(pair.primary_port + 1)
        try:
            router = ReplicaRouter()
            chosen = {}

            def view(request):
                chosen["page"] = router.db_for_read(Page)
                return HttpResponse(str(Page.objects.count()))

            response = ReplicaRoutingMiddleware(view)(factory.get("/"))
        finally:
            connections["replica_1"].close()
            connections.settings["replica_1"]["PORT"] = port
    assert chosen["page"] == "default"
    assert int(response.content) == Page.objects.count()
