"""The Qt-free core: models, database, services, journal, search."""
