import pytest

from comments.models import CommentSettings


@pytest.fixture(autouse=True)
def after_commit(commit_after_each_request):
    """Mails, purges and verifications are queued after commit: each request's
    run at its end (tests/conftest.py)."""


@pytest.fixture
def rules(db) -> CommentSettings:
    """The editors' comment settings (saved ones apply at once: the memo goes)."""
    return CommentSettings.load()


@pytest.fixture
def web(settings):
    """A local web server the mention verifier may fetch from (only through the
    explicit test setting)."""
    from tests.comments.test_mentions import Site

    settings.COMMENTS_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    site = Site()
    yield site
    site.server.shutdown()
