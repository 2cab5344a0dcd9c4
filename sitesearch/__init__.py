"""Layer 7: the site search over articles, pages, authors and products."""
