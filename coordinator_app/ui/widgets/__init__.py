"""Widgets the record editors are built from: fields that commit themselves, a record
picker with type-to-search, and tables of related records."""
