"""The records and the one way to change them: the models, the registry of kinds, validation, the service and its journal, tombstones, tags, attachments and the history read back from the journal."""
