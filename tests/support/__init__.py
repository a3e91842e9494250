"""Helpers shared by several test files (fixtures live in conftest.py)."""
