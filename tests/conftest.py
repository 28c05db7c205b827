"""Test helpers: tiny sites in tmp_path that use the project's own templates and catalogues."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# The web tests' session fixtures: the shipped site built once, a local server, a browser.
pytest_plugins = ["tests.web_site"]

REPO = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "sample-site"
SHARED = ("templates", "locales", "static", "site.yaml", "babel.cfg")
# The shipped site's menu and about page name its own articles, which the sample site lacks.
SITE_MENU = re.compile(r"^# The site menu.*?^about_page: .*?\n", re.M | re.S)


def article(
    title: str = "Title",
    key: str = "topic",
    slug: str = "topic",
    body: str = "Some text.\n",
    **extra: object,
) -> str:
    """Return an article's text with valid front matter; extra keys are added as given."""
    fields: dict[str, object] = {
        "title": title,
        "description": f"About {title}.",
        "translation_key": key,
        "slug": slug,
        "published": "2026-11-01",
        "last_reviewed": "2026-11-21",
        "next_review": "2027-11-21",
    }
    fields.update(extra)
    lines = [f"{k}: {v}" for k, v in fields.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + textwrap.dedent(body)


def make_site(root: Path, files: dict[str, str | bytes] | None = None, sample: bool = True) -> Path:
    """Lay out a site in root: shared project files, the sample content, then files on top."""
    for name in SHARED:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, root / name, dirs_exist_ok=True)
        elif name == "site.yaml":
            (root / name).write_text(SITE_MENU.sub("", src.read_text(encoding="utf-8")), encoding="utf-8")
        elif src.exists():
            shutil.copy2(src, root / name)
    if sample:
        shutil.copytree(SAMPLE / "content", root / "content", dirs_exist_ok=True)
    else:
        for lang in ("sv", "en"):
            (root / "content" / lang).mkdir(parents=True, exist_ok=True)
    for rel, text in (files or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            path.unlink()
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session", autouse=True)
def own_cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Give each test process (each xdist worker) its own cache signing key, made on first use."""
    # Workers must not race to make ~/.cache/sitegen/cache-key, nor use the developer's; the
    # builds that tests run as subprocesses inherit the variable.
    home = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture
def site_factory(tmp_path: Path) -> Callable[..., Path]:
    """Return a function that lays out a tiny site in a fresh temporary folder."""
    counter = iter(range(1000))

    def factory(files: dict[str, str | bytes] | None = None, sample: bool = True) -> Path:
        return make_site(tmp_path / f"site{next(counter)}", files, sample)

    return factory


def published(folder: Path) -> dict[str, bytes]:
    """Return tree(folder) without the output marker, which names the checkout it was built from."""
    files = tree(folder)
    files.pop(".sitegen-output", None)
    return files


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file below folder, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
