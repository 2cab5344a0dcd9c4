"""Layer 2: versions of the legal texts that consent records cite."""
