"""Thin receivers: each hands over to a service."""

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from . import services


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    if request is not None:
        services.login_failure_note(username=str(credentials.get("username") or ""))
