"""How readers and editors log in: by e-mail address, in one backend, at one cost.

Oscar's e-mail backend followed by Django's ModelBackend checked a wrong password
twice for an existing address and never for an unknown one, so the answer took
0.44 s or 0.25 s and told which addresses have accounts. Here every attempt hashes
the password exactly once, whether or not the address exists.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend
from oscar.apps.customer.utils import normalise_email


class EmailBackend(OscarEmailBackend):
    """Oscar's e-mail login (permissions from Django's ModelBackend, which it
    extends), with the same work done for an unknown address."""

    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        raw = email if email is not None else kwargs.get("username")
        if raw is None or password is None:
            return None
        address = normalise_email(raw)
        users = get_user_model()._default_manager.filter(email__iexact=address)
        if "@" not in address or not users.exists():
            make_password(password)  # what checking a password would have cost
            return None
        return super()._authenticate(request, address, password)


class ThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins from a request (the shop's and the
    admin's forms). Code that authenticates without one (Oscar logging a reader in
    right after registering, with the password just chosen) is no login attempt to
    throttle, so the next backend decides."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
