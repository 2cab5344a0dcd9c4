"""Layer 1: the anonymous page cache, the per-process memo, tree routing and the
purges that keep them true."""
