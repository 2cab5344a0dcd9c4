import pytest

from newsletters import sending


@pytest.fixture(autouse=True)
def after_commit(commit_after_each_request):
    """Mails and sendings are queued after commit: each request's run at its end
    (tests/conftest.py)."""


@pytest.fixture
def send_issue(django_capture_on_commit_callbacks):
    """An editor's "send now" (or "send at"), committed as the admin's request
    would be: the worker's sending starts once the transaction commits."""

    def send_issue(issue, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return sending.sending_create(issue=issue, **kwargs)

    return send_issue
