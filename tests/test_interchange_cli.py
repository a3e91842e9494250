"""`coordinator import` and `coordinator export`, as scripts use them."""

from __future__ import annotations

import json

from support.interchange import sample

from coordinator_app.cli import main


def test_dry_run_after_an_import_finds_everything_unchanged(db_path, capsys):
    assert main(["--db", str(db_path), "import", str(sample("partner-contacts.xlsx")),
                 "--json"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "import", str(sample("partner-contacts.xlsx")),
                 "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["counts"]["unchanged"] == 3
    assert {row["action"] for row in report["rows"]} == {"unchanged"}


def test_import_reports_bad_rows_with_file_row_and_column(db_path, capsys):
    code = main(["--db", str(db_path), "import", str(sample("staff-semicolon-cp1251.csv"))])
    err = capsys.readouterr().err
    assert code == 1
    assert "staff-semicolon-cp1251.csv, row 4, column “Ел. пошта”" in err
    assert "Traceback" not in err
    assert main(["--db", str(db_path), "import", str(sample("staff-semicolon-cp1251.csv")),
                 "--skip-bad", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["new"] == 2 and report["counts"]["bad"] == 1
    assert report["backup"] and report["change_set"]


def test_a_mapping_file_says_which_column_is_which(db_path, tmp_path, capsys):
    data = "Хто;Де працює;Мобільний\nОксана Бондаренко;Харківська міська рада;0501234567\n"
    source = tmp_path / "list.csv"
    source.write_bytes(data.encode("cp1251"))
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"kind": "people", "columns": {
        "Хто": "full_name", "Де працює": "organization", "Мобільний": "phone"}}),
        encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(source), "--mapping", str(mapping),
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["new"] == 1 and report["new_organizations"] == [
        "Харківська міська рада"]
    assert main(["--db", str(db_path), "show", "people", "Оксана Бондаренко", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["contacts"][0]["value"] == "+380501234567"


def test_export_writes_each_format(db_path, tmp_path, capsys):
    assert main(["--db", str(db_path), "demo"]) == 0
    for name in ("people.csv", "people.xlsx", "people.vcf", "calendar.ics", "projects.xml"):
        kind = name.split(".")[0]
        out = tmp_path / name
        assert main(["--db", str(db_path), "export", kind, "-o", str(out)]) == 0, name
        assert out.stat().st_size > 100
    assert main(["--db", str(db_path), "export", "projects", "-o", str(tmp_path / "p.vcf")]) == 1
    assert "vcf holds people, organizations" in capsys.readouterr().err
