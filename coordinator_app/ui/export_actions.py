"""File → Export this list…: the list on screen, as its filter shows it (or only the
selected record), saved as CSV, XLSX, vCard, iCalendar or IATI XML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from coordinator_app.core.errors import CoordinatorError
from coordinator_app.i18n import N_, _

#: (filter label, suffix, format) offered for each kind of list.
CHOICES = {
    "person": ((N_("Excel workbook"), ".xlsx", "xlsx"), (N_("CSV (comma-separated)"), ".csv",
                                                        "csv"),
               (N_("vCard address book"), ".vcf", "vcf")),
    "organization": ((N_("Excel workbook"), ".xlsx", "xlsx"),
                     (N_("CSV (comma-separated)"), ".csv", "csv"),
                     (N_("vCard address book"), ".vcf", "vcf")),
    "agreement": ((N_("Excel workbook"), ".xlsx", "xlsx"),
                  (N_("CSV (comma-separated)"), ".csv", "csv"),
                  (N_("iCalendar: commitments and deadlines"), ".ics", "ics")),
    "project": ((N_("Excel workbook"), ".xlsx", "xlsx"), (N_("CSV (comma-separated)"), ".csv",
                                                         "csv"),
                (N_("iCalendar: milestones"), ".ics", "ics"),
                (N_("IATI activity XML 2.03"), ".xml", "iati")),
    "activity": ((N_("iCalendar"), ".ics", "ics"),),
}
PLURAL = {"person": "people", "organization": "organizations", "agreement": "agreements",
          "project": "projects", "activity": "activities"}


def export_title(db_path: Path) -> str:
    """The save dialog's title; from an encrypted database it says that the file
    written is not encrypted (CSV, vCard and the rest have no encryption of their own)."""
    from coordinator_app.core.store.connect import is_encrypted

    if is_encrypted(db_path):
        return _("Export: the file will not be encrypted, anyone who has it can read it")
    return _("Export")


def export_list(parent: QWidget, context, kind: str, text: str = "",
                ids: list[str] | None = None) -> Path | None:
    """Ask where, then write the file; returns it, or None if the person cancelled."""
    from coordinator_app.interchange.files_out import export_bytes, write_file

    choices = CHOICES[kind]
    filters = [f"{_(label)} (*{suffix})" for label, suffix, _fmt in choices]
    name, chosen = QFileDialog.getSaveFileName(
        parent, export_title(context.db.path),
        str(Path.home() / f"{PLURAL[kind]}{choices[0][1]}"), ";;".join(filters))
    if not name:
        return None
    path = Path(name)
    fmt = next((f for label, suffix, f in choices if path.suffix.lower() == suffix), None)
    if fmt is None:
        index = filters.index(chosen) if chosen in filters else 0
        fmt = choices[index][2]
        path = path.with_suffix(choices[index][1])
    try:
        with context.workspace.read() as session:
            data = export_bytes(session, PLURAL[kind], fmt, text=text, ids=ids)
        write_file(path, data)
    except CoordinatorError as exc:
        QMessageBox.warning(parent, _("Export"), str(exc))
        return None
    return path
