"""Paths: nothing an editor writes makes the build read or write outside its folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.cli import main
from tests.conftest import article, tree

OUTSIDE_FILE = "secret.md"


def build(root: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["--project", str(root), "--no-search", *extra])
    return status, capsys.readouterr().err.splitlines()


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A file outside the project that a link could lead to."""
    secret = tmp_path / "outside" / OUTSIDE_FILE
    secret.parent.mkdir()
    secret.write_text(article(key="secret", slug="secret", body="Secret.\n"), encoding="utf-8")
    return secret


# --- names in front matter, links and directives ----------------------------------------


@pytest.mark.parametrize("slug", ["../escape", "/etc", "a/b", "..", "a\\\\b"])
def test_a_slug_that_is_a_path_is_refused(site_factory, capsys, slug: str) -> None:
    root = site_factory({"content/en/advice.md": article(key="advice", slug=f'"{slug}"')})
    status, err = build(root, capsys)
    assert status == 1
    shown = slug.replace("\\\\", "\\")
    assert (
        f"content/en/advice.md:5: error [front-matter] 'slug' must be lowercase letters, digits and hyphens, "
        f"not '{shown}' (until it is fixed, this also shows in content/sv/rad.md)"
    ) in err
    assert not (root / "escape").exists() and not (root / "_site").exists()


def test_a_translation_key_that_is_a_path_is_refused(site_factory, capsys) -> None:
    root = site_factory({"content/en/advice.md": article(key="../x", slug="advice")})
    status, err = build(root, capsys)
    assert status == 1
    assert (
        "content/en/advice.md:4: error [front-matter] 'translation_key' must be lowercase letters, "
        "digits and hyphens, not '../x'"
    ) in err


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("../en/advice.md", "link to another article by its file name, such as 'other.md'"),
        ("../../../etc/passwd", "link to another article by its file name, such as 'other.md'"),
        ("/../../etc/passwd", "no page has that URL"),
        ("file:///etc/passwd", "only http, https, mailto and tel links are allowed"),
    ],
)
def test_a_link_out_of_the_content_folder_is_refused(site_factory, capsys, link: str, message: str) -> None:
    root = site_factory({"content/en/evil.md": article(key="evil", slug="evil", body=f"[x]({link})\n")})
    status, err = build(root, capsys)
    assert status == 1
    assert f"content/en/evil.md:10: error [link] link to '{link}': {message}" in err


@pytest.mark.parametrize("image", ["/static/../site.yaml", "/static/../../../etc/passwd", "/etc/passwd"])
def test_an_image_outside_static_is_refused(site_factory, capsys, image: str) -> None:
    root = site_factory({"content/en/evil.md": article(key="evil", slug="evil", body=f"![x]({image})\n")})
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"content/en/evil.md:10: error [link] image '{image}' is outside static/: give it as /static/NAME"
        in err
    )


def test_an_image_linked_out_of_static_is_refused(site_factory, capsys, outside: Path) -> None:
    root = site_factory(
        {"content/en/evil.md": article(key="evil", slug="evil", body="![x](/static/leak.png)\n")}
    )
    (root / "static/leak.png").symlink_to(outside)
    status, err = build(root, capsys)
    assert status == 1
    assert (
        "content/en/evil.md:10: error [link] image '/static/leak.png' is outside static/: give it as /static/NAME"
        in err
    )


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..", "effects/../references"])
def test_a_data_set_name_that_is_a_path_is_refused(site_factory, capsys, name: str) -> None:
    root = site_factory(
        {"content/en/evil.md": article(key="evil", slug="evil", body=f"::: dataset {name}\n")}
    )
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"content/en/evil.md:10: error [directive] unknown data set '{name}' (known: effects, references)"
        in err
    )


def test_a_data_set_file_name_must_be_a_plain_name(site_factory, capsys) -> None:
    effects = (site_factory() / "content/data/effects.yaml").read_text(encoding="utf-8")
    root = site_factory({"content/data/Side Effects.yaml": effects})
    status, err = build(root, capsys)
    assert status == 1
    assert (
        "content/data/Side Effects.yaml:1: error [data] data set name 'Side Effects' must be lowercase letters, "
        "digits and hyphens"
    ) in err


# --- symbolic links and files that are not files ----------------------------------------


def test_an_article_linked_out_of_content_is_refused_unread(site_factory, capsys, outside: Path) -> None:
    root = site_factory()
    (root / "content/en/secret.md").symlink_to(outside)
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"content/en/secret.md: error [path] symbolic link to {outside}, outside content/: "
        "only files inside it are read"
    ) in err
    assert not (root / "_site").exists()


def test_an_article_linked_within_content_is_read(site_factory, capsys) -> None:
    root = site_factory()
    target = root / "content/shared/advice.md"
    target.parent.mkdir()
    (root / "content/en/advice.md").rename(target)
    (root / "content/en/advice.md").symlink_to(target)
    status, err = build(root, capsys)
    assert status == 0, err
    assert (root / "_site/en/advice/index.html").is_file()


def test_a_folder_linked_out_of_content_is_not_followed(site_factory, capsys, outside: Path) -> None:
    root = site_factory()
    (root / "content/en/more").symlink_to(outside.parent, target_is_directory=True)
    status, err = build(root, capsys)
    assert status == 0, err
    assert not (root / "_site/en/secret").exists()


@pytest.mark.parametrize(
    ("link", "folder", "to_folder"),
    [
        ("content/data/secret.yaml", "content", False),
        ("static/leak.txt", "static", False),
        ("static/more", "static", True),
        ("templates/partials/leak.html", "templates", False),
    ],
)
def test_a_source_linked_out_of_its_folder_is_refused_and_not_published(
    site_factory, capsys, outside: Path, link: str, folder: str, to_folder: bool
) -> None:
    root = site_factory()
    target = outside.parent if to_folder else outside
    (root / link).symlink_to(target, target_is_directory=to_folder)
    status, err = build(root, capsys)
    assert status == 1
    message = f"symbolic link to {target}, outside {folder}/: only files inside it are read"
    assert f"{link}: error [path] {message}" in err
    assert not (root / "_site").exists()


def test_a_catalogue_linked_out_of_the_project_is_refused(site_factory, capsys, tmp_path: Path) -> None:
    root = site_factory()
    po = root / "locales/sv/LC_MESSAGES/messages.po"
    moved = tmp_path / "messages.po"
    po.rename(moved)
    po.symlink_to(moved)
    status, err = build(root, capsys)
    assert status == 1
    assert (
        f"locales/sv/LC_MESSAGES/messages.po: error [path] symbolic link to {moved}, outside locales/: "
        "only files inside it are read"
    ) in err


def test_a_folder_named_like_an_article_is_refused(site_factory, capsys) -> None:
    root = site_factory()
    (root / "content/en/notes.md").mkdir()
    status, err = build(root, capsys)
    assert status == 1
    assert "content/en/notes.md: error [path] not a regular file" in err


def test_a_pipe_named_like_an_article_is_refused_without_hanging(site_factory, capsys) -> None:
    root = site_factory()
    os.mkfifo(root / "content/en/pipe.md")
    os.mkfifo(root / "static/pipe.css")
    status, err = build(root, capsys)
    assert status == 1
    assert "content/en/pipe.md: error [path] not a regular file" in err
    assert "static/pipe.css: error [path] not a regular file" in err


def test_a_dangling_link_is_reported(site_factory, capsys) -> None:
    root = site_factory()
    (root / "content/en/gone.md").symlink_to(root / "content/en/nowhere.md")
    status, err = build(root, capsys)
    assert status == 1
    assert "content/en/gone.md: error [path] cannot be read: No such file or directory" in err


def test_an_unreadable_article_is_reported(site_factory, capsys) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    root = site_factory()
    (root / "content/en/advice.md").chmod(0)
    status, err = build(root, capsys)
    assert status == 1
    assert "content/en/advice.md: error [path] cannot be read: Permission denied" in err


# --- the output folder ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "the output folder would replace the project folder; choose a folder inside it"),
        ("..", "the output folder would replace the project folder; choose a folder inside it"),
        ("content", "the output folder must not be inside content/, which the build reads"),
        ("content/en/site", "the output folder must not be inside content/, which the build reads"),
        ("static/site", "the output folder must not be inside static/, which the build reads"),
        ("templates", "the output folder must not be inside templates/, which the build reads"),
        ("locales/out", "the output folder must not be inside locales/, which the build reads"),
    ],
)
def test_an_output_folder_that_would_replace_sources_is_refused(
    site_factory, capsys, output: str, message: str
) -> None:
    root = site_factory()
    before = tree(root)
    status, err = build(root, capsys, "--output", str(root / output))
    assert status == 1
    assert err[0] == f"{output}: error [output] {message}"
    assert tree(root) == before


def test_an_existing_folder_that_is_not_a_site_is_not_replaced(site_factory, capsys) -> None:
    root = site_factory()
    (root / "docs").mkdir()
    (root / "docs/notes.txt").write_text("keep me")
    status, err = build(root, capsys, "--output", str(root / "docs"))
    assert status == 1
    assert err[0] == (
        "docs: error [output] the folder exists and is not a site this generator built (no .sitegen-output); "
        "refusing to replace it: empty it or choose another output folder"
    )
    assert (root / "docs/notes.txt").read_text() == "keep me"


def test_an_output_folder_that_is_a_link_or_a_file_is_refused(site_factory, capsys, tmp_path: Path) -> None:
    root = site_factory()
    (tmp_path / "real").mkdir()
    (root / "_site").symlink_to(tmp_path / "real", target_is_directory=True)
    status, err = build(root, capsys)
    assert status == 1
    assert err[0] == (
        "_site: error [output] the output folder is a symbolic link; give the folder it points to instead"
    )
    (root / "_site").unlink()
    (root / "_site").write_text("a file")
    status, err = build(root, capsys)
    assert status == 1
    assert err[0] == "_site: error [output] the output path exists and is not a folder"


def test_an_empty_or_new_output_folder_elsewhere_is_fine(site_factory, capsys, tmp_path: Path) -> None:
    root = site_factory()
    (tmp_path / "empty").mkdir()
    for out in (tmp_path / "empty", tmp_path / "new" / "site"):
        status, err = build(root, capsys, "--output", str(out))
        assert status == 0, err
        assert (out / "sitemap.xml").is_file()
        status, err = build(root, capsys, "--output", str(out))  # a built site may be replaced
        assert status == 0, err
