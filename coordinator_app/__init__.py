"""Coordinator: offline-first partnerships between municipalities."""

__version__ = "0.1.0"
