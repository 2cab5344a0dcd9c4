"""Layer 1: the topics (`Category`) shared by articles and products."""
