"""Team work: agreement between reviewers, final verdicts, statistics, exports and imports.

Pure functions of plain records (no store, no TinyDB): the store's repository API
(`workbench.store.Store`) gathers the records and calls these; the command line and the
TUI call the store.
"""
