"""Word lists of the extractor (data files)."""
