"""The PySide6 face over the core services. Nothing here is needed by the core."""
