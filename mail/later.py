"""Mails composed in the worker, after the transaction that asked for them commits.

Some mails are slow to make (the payment mail renders the invoice PDF) or must not
go out for work that is rolled back. An app marks the function that makes such a
mail with `@composer` and asks for it with `mail_queue(function, **kwargs)`: after
the commit, the worker calls the function with the same (JSON) arguments and puts
the message it returns into the outbox. None means there is nothing to send any
more (the reader confirmed meanwhile, the order is gone).

The task names the function by its dotted path; only functions marked `@composer`
are called, so a task row cannot make the worker run anything else.
"""

from collections.abc import Callable

from django.core.mail import EmailMessage
from django.db import transaction

from .services import COMPOSER_MARK
from .tasks import mail_compose

Composer = Callable[..., EmailMessage | None]


def composer(fn: Composer) -> Composer:
    """Mark `fn` as a function that makes one mail from JSON arguments."""
    setattr(fn, COMPOSER_MARK, f"{fn.__module__}.{fn.__qualname__}")
    return fn


def mail_queue(fn: Composer, **kwargs) -> None:
    """Have the worker make and send `fn(**kwargs)`'s mail once this transaction
    commits (at once outside a transaction)."""
    # An unmarked function fails here, in the caller, not later in the worker.
    path = getattr(fn, COMPOSER_MARK)
    transaction.on_commit(lambda: mail_compose.enqueue(path, kwargs))
