"""The one place the version is written; the package, caches and servers read it here."""

__version__ = "0.1.0"
