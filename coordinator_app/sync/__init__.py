"""Laptops that merge: field-level sync of the records through operations.

- `clock`: the hybrid logical clock every operation carries;
- `operations`: an operation, its stable encoding, and the operations after a cursor;
- `record`: this copy's edits turned into operations as the journal writes them;
- `merge`: applying operations from other devices (versions, conflicts, deletions);
- `conflicts`: the open conflicts and their resolution;
- `keys`, `peers`, `bundle`: the association's keys and the files carried on a stick;
- `body`: what a bundle carries, operations column by column (format 2) or one by one (1);
- `bulk`: making hundreds of thousands of rows without the cycle collector's passes.

Nothing here imports Qt.
"""
