"""Batches bounded by characters: long articles a few at a time, the same suggestions as one big batch."""

from __future__ import annotations

from annotations.nlp import suggest
from annotations.nlp.pipeline import _batches

SHORT = '"We will not accept any delay," Lena Dahl, the harbour master, said.'
LONG = "\n\n".join(f'"The quay reopens in week {n}," Omar Haddad said.' for n in range(40))


def test_a_batch_stops_at_its_size_or_before_it_passes_its_characters():
    pieces = ["a" * 40, "b" * 40, "c" * 100, "d" * 10, "e" * 10, "f" * 10]
    assert [len(batch) for batch in _batches(pieces, 2, 90)] == [2, 1, 2, 1]
    # A piece longer than the limit goes alone, never split or dropped.
    assert list(_batches(["x" * 200, "y"], 8, 50)) == [["x" * 200], ["y"]]


def test_bounded_batches_find_the_same_suggestions_as_one_big_batch(nlp):
    texts = [SHORT, LONG, SHORT.replace("Lena", "Mei"), LONG.replace("Omar", "Sara"), SHORT]
    assert list(suggest(nlp, texts, batch_size=32, batch_chars=len(LONG) // 2)) == list(
        suggest(nlp, texts, batch_size=32)
    )
