"""Actions of the change journal that readers with no SQLAlchemy name too (the
dashboard's first window reads the journal through sqlite3 alone)."""

#: The action of the one journal row of all the records of a kind that one bulk create
#: wrote (an import, `generate`, a first bundle from another laptop): the records of its
#: kind (`entity`) created at its very moment (each was stamped with its `at`), `new`
#: holding how many ({"count": n}); it names no one record (`entity_id` is empty). A
#: row with a copy of every field per record was two fifths of a 100,000-person file
#: and of the time a first bundle took to apply; the values a record was created with
#: are its values now with the later changes of its fields taken back (`history`).
CREATE_SET = "create_set"
