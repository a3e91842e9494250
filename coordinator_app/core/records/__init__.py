"""The records and the one way to change them: the models, the registry of kinds, validation, the service and its journal, tombstones, tags, attachments and the history read back from the journal."""

# The registry gives the models the columns of their translatable fields
# (core.records.languages): loading it with the package means no model is ever used
# without them, whichever module of the package is imported first.
from coordinator_app.core.records import registry as _registry  # noqa: E402,F401
