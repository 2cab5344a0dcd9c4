"""The GDPR registry: which apps hold personal data about an e-mail address, what
they hold, and how they erase it.

An app takes part by having a module `privacy.py` with two functions:

    def export_personal_data(email: str) -> dict | list | None
    def erase_personal_data(email: str) -> {"erased": [...], "kept": [{"what", "why"}]}

and optionally `ERASE_ORDER` (default 50; higher runs later, so the user account,
which the others find data through, goes last). They are found through Django's app
registry, so an app registers by existing and the registry imports no app: nothing
here depends on the layers above it.
"""

from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps

MODULE_NAME = "privacy"
DEFAULT_ORDER = 50


@dataclass(frozen=True)
class Provider:
    label: str
    name: object  # the app's verbose name, translated when shown
    module: ModuleType

    @property
    def order(self) -> int:
        return getattr(self.module, "ERASE_ORDER", DEFAULT_ORDER)


_providers: list[Provider] | None = None


def providers() -> list[Provider]:
    """Every installed app's `privacy` module, in erasure order."""
    global _providers
    if _providers is None:
        found = []
        for config in apps.get_app_configs():
            name = f"{config.name}.{MODULE_NAME}"
            if config.name == MODULE_NAME or find_spec(name) is None:
                continue
            module = import_module(name)
            if hasattr(module, "export_personal_data") and hasattr(
                module, "erase_personal_data"
            ):
                found.append(Provider(config.label, config.verbose_name, module))
        _providers = sorted(found, key=lambda provider: provider.order)
    return _providers


def normalise(email: str) -> str:
    return (email or "").strip().lower()


def export(email: str) -> dict:
    """Everything every app holds about `email`, keyed by app label. Apps holding
    nothing are left out."""
    email = normalise(email)
    data = {}
    for provider in providers():
        found = provider.module.export_personal_data(email)
        if found:
            data[provider.label] = found
    return data


def erase(email: str) -> dict:
    """Erase `email` in every app; each says what it erased and what it must keep
    (and why). Keyed by app label."""
    email = normalise(email)
    report = {}
    for provider in providers():
        outcome = provider.module.erase_personal_data(email) or {}
        if outcome.get("erased") or outcome.get("kept"):
            report[provider.label] = {
                "erased": list(outcome.get("erased", [])),
                "kept": list(outcome.get("kept", [])),
            }
    return report
