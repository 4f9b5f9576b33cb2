"""The labelled corpus: every field of every text read right.

dev.jsonl is the team's corpus (a copy of shared/corpus/dev.jsonl); found.jsonl
holds real texts found in registries, labels and papers, each with its source.
open.jsonl holds texts not yet read fully, each saying why; it is measured by
``python -m regimen.evaluate`` and checked by the schema test, not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regimen.evaluate import evaluate

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.mark.parametrize("name", ["dev.jsonl", "found.jsonl"])
def test_every_labelled_field_is_right(name: str) -> None:
    result = evaluate([CORPUS / name])
    wrong = [f"{m.id}: {m.field}: expected {m.expected!r}, got {m.got!r}"
             for m in result.mismatches]
    assert wrong == []
    tally = result.tally
    assert tally.right == tally.total > 0
    assert tally.errors == 0


def test_the_corpus_copy_is_the_shared_one() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
    if not shared.exists():
        pytest.skip("no shared/ beside this checkout")
    assert (CORPUS / "dev.jsonl").read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")
