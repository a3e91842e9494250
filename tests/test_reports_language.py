"""Reports in the reader's language, record text included; the bilingual summary."""

from __future__ import annotations

import re

from pypdf import PdfReader
from sqlalchemy import select

from coordinator_app.core.records.languages import in_language
from coordinator_app.core.records.models import Agreement, Commitment
from coordinator_app.core.sample.demo import MEMORANDUM_TITLE
from coordinator_app.reports import render_memorandum
from support.pdf import flat, pages_text

#: Words of the demo's English text that no Ukrainian or Lithuanian sentence holds.
ENGLISH = re.compile(r"\b(the|and|of|for|with|between|Memorandum of Cooperation)\b")


def _memorandum(session) -> Agreement:
    return session.scalars(select(Agreement).where(Agreement.title == MEMORANDUM_TITLE)).one()


def test_the_memorandum_summary_in_lithuanian_and_ukrainian_has_no_english_sentence(
        demo_workspace, tmp_path):
    with demo_workspace.read() as session:
        memo = _memorandum(session)
        commitments = session.scalars(select(Commitment).where(
            Commitment.agreement_id == memo.id)).all()
        expected = {lang: [in_language(memo, "title", lang), in_language(memo, "purpose", lang),
                           *(in_language(c, "description", lang) for c in commitments)]
                    for lang in ("uk", "lt")}
    for lang in ("uk", "lt"):
        text = flat("\n".join(pages_text(render_memorandum(
            demo_workspace, memo.id, tmp_path / f"{lang}.pdf", lang))))
        for sentence in expected[lang]:
            assert flat(sentence) in text, (lang, sentence)
        # Names of files and the Russian-language news title are not English sentences.
        assert not ENGLISH.findall(text), (lang, ENGLISH.findall(text))


def test_a_missing_translation_prints_the_original_with_its_language_named(workspace,
                                                                            tmp_path):
    with workspace.edit("add") as edit:
        memo = edit.create(Agreement, title="Партнерство Харків – Плунге",
                           **{"title.en": "Partnership Kharkiv – Plungė"})
        edit.create(Commitment, agreement_id=memo.id, description="Передати генератори.",
                    **{"description.lt": "Perduoti generatorius."})
    lt = flat("\n".join(pages_text(render_memorandum(workspace, memo.id, tmp_path / "lt.pdf",
                                                     "lt"))))
    # No Lithuanian title: the Ukrainian original, tagged; the commitment is Lithuanian.
    assert "Партнерство Харків – Плунге [UK]" in lt
    assert "Perduoti generatorius." in lt and "Передати генератори." not in lt
    en = flat("\n".join(pages_text(render_memorandum(workspace, memo.id, tmp_path / "en.pdf",
                                                     "en"))))
    assert "Partnership Kharkiv – Plungė" in en and "[UK]" in en  # the commitment's tag
    assert "Партнерство" not in en


def test_the_bilingual_summary_sets_ukrainian_and_lithuanian_side_by_side(demo_workspace,
                                                                          tmp_path, cli):
    with demo_workspace.read() as session:
        memo = _memorandum(session)
        uk, lt = (in_language(memo, "title", lang) for lang in ("uk", "lt"))
    out = tmp_path / "both.pdf"
    done = cli("report", "memorandum", memo.id, "--bilingual", "-o", str(out),
               db=demo_workspace.db.path)
    assert done.returncode == 0, done.stderr
    first = PdfReader(out).pages[0]
    left, right = [], []

    def visit(text, cm, tm, _font, _size):
        # Where the text starts on the page: its matrix, moved by the drawing's (cells).
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        if text.strip():
            (left if x < first.mediabox.width / 2 else right).append(text)

    first.extract_text(visitor_text=visit)
    assert flat(uk) in flat(" ".join(left)) and flat(lt) in flat(" ".join(right))
    assert "Сторони" in " ".join(left) and "Šalys" in " ".join(right)
    assert PdfReader(out).metadata.title == f"{uk} / {lt}"
