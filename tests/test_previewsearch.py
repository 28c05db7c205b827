"""The preview's search index: made in the background after a build, then put in quietly."""

from __future__ import annotations

from sitegen.preview.builder import PreviewBuilder
from tests.conftest import tree


def index_of(folder) -> dict[str, bytes]:
    return {name: data for name, data in tree(folder).items() if name.startswith("pagefind/")}


def test_the_index_follows_each_build_without_holding_it_up(site_factory, tmp_path) -> None:
    root = site_factory()
    out = tmp_path / "preview"
    builder = PreviewBuilder(root, out, search=True)
    assert builder.rebuild().ok
    assert builder.indexer is not None and builder.indexer.idle.wait(120)
    first = index_of(out)
    assert "pagefind/pagefind.js" in first
    source = root / "content" / "en" / "advice.md"
    source.write_text(source.read_text("utf-8") + "\nZebrafinch.\n", "utf-8")
    outcome = builder.rebuild()
    assert "en/advice/index.html" in outcome.changed
    assert index_of(out) == first  # the last index stays until the new one is ready
    assert builder.indexer.idle.wait(120)
    assert index_of(out) != first
    assert builder.rebuild().changed == []  # nothing new: no index to make again
    assert builder.indexer.idle.is_set()
