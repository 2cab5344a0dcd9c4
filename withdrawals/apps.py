from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WithdrawalsConfig(AppConfig):
    name = "withdrawals"
    label = "withdrawals"
    verbose_name = _("Withdrawals")
    default_auto_field = "django.db.models.BigAutoField"
