"""Bringing records in from the files people keep, and taking them out.

Readers turn a file (CSV, XLSX/ODS, vCard) into incoming rows; `plan` matches them
with what the database holds and says what would be created, updated or
skipped; `apply` writes the plan through the service layer as one change set.
Writers make CSV, XLSX, vCard, iCalendar and IATI files of records. Nothing
here imports Qt: the app's import dialog and the command line share it all.
"""
