"""The bundled seed: identical to seeds/, loadable after install."""

from __future__ import annotations

from pathlib import Path

from discourse.datasets import SEED_FILENAME, seed_path

REPO = Path(__file__).resolve().parents[1]


def test_packaged_seed_is_identical_to_seeds_folder():
    assert seed_path().read_bytes() == (REPO / "seeds" / SEED_FILENAME).read_bytes()


def test_seed_paragraph_and_comment_texts(seed_thread):
    paragraphs = [p.slice(seed_thread.article.text) for p in seed_thread.article.paragraphs]
    assert paragraphs[0].startswith("The moment the first Russian jet landed")
    assert paragraphs[-1].endswith("with the very first votes reportedly being cast in China.")
    assert "\n" in seed_thread.comments[7].text  # comment 8 spans two lines
    raw = seed_path().read_text(encoding="utf-8")
    for comment in seed_thread.comments:
        assert comment.text in raw  # nothing rewritten, only trimmed
