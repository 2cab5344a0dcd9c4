"""The user account's part in GDPR requests (found by `privacy.registry`).

Erasure anonymises the account instead of deleting it: orders, page revisions and
audit entries refer to it, and those must stay intact. The name and address are
replaced and the login disabled, so nothing left identifies the person."""

import uuid

from axes.models import AccessAttempt

from .models import User

# Last: the other apps find a person's data through this account's address.
ERASE_ORDER = 100
ERASED_DOMAIN = "erased.invalid"


def _accounts(email: str):
    return User.objects.filter(email__iexact=email)


def _failed_logins(email: str):
    """Failed logins under the address, kept by django-axes until their lock ends."""
    return AccessAttempt.objects.filter(username__iexact=email)


def export_personal_data(email: str) -> dict:
    failures = list(
        _failed_logins(email).values(
            "attempt_time", "ip_address", "user_agent", "failures_since_start"
        )
    )
    users = [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
            "groups": [group.name for group in user.groups.all()],
        }
        for user in _accounts(email)
    ]
    data = {"users": users, "failed_logins": failures}
    return {key: value for key, value in data.items() if value}


def erase_personal_data(email: str) -> dict:
    erased = []
    for user in _accounts(email):
        user.email = f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        erased.append(f"account {user.pk}: name and e-mail address removed, login off")
    failures, _by_model = _failed_logins(email).delete()
    if failures:
        erased.append(f"{failures} records of failed logins")
    return {"erased": erased, "kept": []}
