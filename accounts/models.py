"""The one user model for readers, guest authors and editors.

Based on Oscar's `AbstractUser`, which logs in by e-mail and has no username, so the
same account works in the shop, in the Wagtail admin and (later) for comments and the
newsletter preference centre.
"""

from oscar.apps.customer.abstract_models import AbstractUser


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.email
