"""Mappings remembered per layout of headers: the same export next month maps itself."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from coordinator_app.core.store.paths import data_dir
from coordinator_app.interchange.fields import fold_header
from coordinator_app.interchange.mapping import Mapping

FILE = "import-layouts.json"


def _path() -> Path:
    return data_dir() / FILE


def layout_key(headers: list[str]) -> str:
    folded = "\x1f".join(fold_header(h) for h in headers)
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:24]


def _load() -> dict:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def saved_mapping(headers: list[str]) -> Mapping | None:
    entry = _load().get(layout_key(headers))
    if not isinstance(entry, dict):
        return None
    try:
        return Mapping.from_json(entry, headers)
    except (ValueError, TypeError):
        return None  # saved by an older version with fields that are gone


def save_mapping(headers: list[str], mapping: Mapping) -> None:
    data = _load()
    data[layout_key(headers)] = mapping.to_json(headers)
    path = _path()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
