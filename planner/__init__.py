"""The clinical core and application services. Never imports Qt or reportlab."""

__version__ = "0.1.0"
