"""The office server: a plain PostgreSQL database that laptops exchange sync
operations through when a network is up (no application server of ours).

The hub is a transport: it stores each operation as an opaque payload keyed by
its origin device and origin sequence, with the association that pushed it and
whether it is shared with the partnership or private to that association, which
is all the row-level security needs. Nothing here imports Qt.
"""
