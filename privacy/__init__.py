"""Layer 1: the GDPR registry. `privacy.export(email)` and `privacy.erase(email)` ask
every app's `privacy.py` (found through Django's app registry) what it holds about a
person and erase it, keeping what the law requires to be kept."""

from .registry import erase, export

__all__ = ["erase", "export"]
