"""Layer 0, no models: rich-text cleaning, query cleaning and highlighting,
pagination, SEO primitives and the schedule registry, shared by every app above."""
