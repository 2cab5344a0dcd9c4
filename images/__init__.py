"""Layer 2: the image-rights registry, renditions made ahead of time and licence
reminders. The image model itself stays in `home` (see docs/ARCHITECTURE.md)."""
