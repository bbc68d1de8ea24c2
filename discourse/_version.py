"""The library's version, read by setup.cfg and recorded in every result's provenance."""

__version__ = "0.1.0"
