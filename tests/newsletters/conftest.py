import pytest
from django.db import transaction


@pytest.fixture(autouse=True)
def after_commit_at_once(monkeypatch):
    """Each test runs inside a transaction that is rolled back, so nothing would
    ever reach "after commit", where mails and sendings are queued. Here they run
    at the point they are queued, on the same connection; the task backend is the
    immediate one, so the mail goes to the SMTP sink right then."""
    monkeypatch.setattr(
        transaction, "on_commit", lambda func, using=None, robust=False: func()
    )
