"""Quote Workbench: verify who said what in the news."""

__version__ = "0.1.0"
