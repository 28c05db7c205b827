"""Structure of an article pair: headings, lists, tables, images, directives, links."""

from __future__ import annotations

from sitegen.cli import main
from tests.check_helpers import SV_ADVICE, SV_NEEDLES, problem_lines, run_check, sample


def check_sv(site_factory, capsys, rel: str, *replacements: tuple[str, str]) -> tuple[int, list[str]]:
    """Edit a Swedish sample article (its source unchanged, so it stays up to date) and check."""
    status, out, _err = run_check(site_factory({rel: sample(rel, *replacements)}), capsys=capsys)
    return status, problem_lines(out)


def test_a_missing_heading_is_reported_with_the_outline(site_factory, capsys) -> None:
    status, lines = check_sv(
        site_factory, capsys, SV_ADVICE, ("## Efter behandlingen", "Efter behandlingen:")
    )
    assert status == 1
    assert (
        "content/sv/rad.md:12: error [structure] heading outline differs from the English version "
        "(content/en/advice.md:14): no headings here, 1 × h2 there"
    ) in lines


def test_a_heading_on_another_level_is_reported(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_ADVICE, ("## Efter", "### Efter"))
    assert status == 1
    assert (
        "content/sv/rad.md:15: error [structure] heading outline differs from the English version "
        "(content/en/advice.md:14): 1 × h3 here, 1 × h2 there"
    ) in lines


def test_a_missing_list_item_is_reported_in_its_section(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_ADVICE, ("- Drick vatten.\n", ""))
    assert status == 1
    assert (
        "content/sv/rad.md:15: error [structure] list items differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): 1 here, 2 there"
    ) in lines


def test_a_table_with_a_row_too_few_is_reported(site_factory, capsys) -> None:
    table_en = "\n| Day | Soreness |\n|---|---|\n| 1 | some |\n| 2 | less |\n"
    table_sv = "\n| Dag | Ömhet |\n|---|---|\n| 1 | viss |\n"
    files = {
        "content/en/advice.md": sample(
            "content/en/advice.md", ("- Drink water.\n", "- Drink water.\n" + table_en)
        ),
        SV_ADVICE: sample(SV_ADVICE, ("- Drick vatten.\n", "- Drick vatten.\n" + table_sv)),
    }
    root = site_factory(files)
    assert main(["--project", str(root), "check", "--mark-updated", SV_ADVICE]) == 0
    capsys.readouterr()
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:15: error [structure] tables differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): 1 table (2 rows × 2 columns) here, "
        "1 table (3 rows × 2 columns) there"
    ) in problem_lines(out)
    assert (
        "content/sv/rad.md:15: error [numbers] numbers differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): none here, 2 there"
    ) in problem_lines(out)


def test_images_need_their_own_alt_text(site_factory, capsys, tmp_path) -> None:
    files = {
        "static/needle.png": b"\x89PNG",
        "content/en/advice.md": sample("content/en/advice.md", ("- Drink water.\n", "- Drink water.\n\n![A thin needle](/static/needle.png)\n\n![A bruise](/static/needle.png)\n")),
        SV_ADVICE: sample(SV_ADVICE, ("- Drick vatten.\n", "- Drick vatten.\n\n![](/static/needle.png)\n\n![A bruise](/static/needle.png)\n")),
    }  # fmt: skip
    root = site_factory(files)
    assert main(["--project", str(root), "check", "--mark-updated", SV_ADVICE]) == 0
    capsys.readouterr()
    status, out, _err = run_check(root, "--strict", capsys=capsys)
    assert status == 1
    lines = problem_lines(out)
    assert "content/sv/rad.md:20: error [image-alt] image '/static/needle.png' has no alt text" in lines
    assert (
        "content/sv/rad.md:22: warning [image-alt] alt text of image '/static/needle.png' is the same as "
        "in the English version: translate it"
    ) in lines


def test_a_missing_image_is_reported(site_factory, capsys) -> None:
    status, lines = check_sv(
        site_factory,
        capsys,
        SV_ADVICE,
        ("- Drick vatten.\n", "- Drick vatten.\n\n![En nål](/static/style.css)\n"),
    )
    assert status == 1
    assert (
        "content/sv/rad.md:15: error [structure] images differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): 1 here, 0 there"
    ) in lines


def test_data_sets_must_be_the_same_in_the_same_order(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_NEEDLES, ("::: dataset effects\n", ""))
    assert status == 1
    assert (
        "content/sv/om-nalar.md:13: error [directive] data sets differ from the English version "
        "(content/en/about-needles.md:19): none here, effects there"
    ) in lines


def test_evidence_levels_must_agree(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_NEEDLES, ("::: evidence low", "::: evidence moderate"))
    assert status == 1
    assert (
        "content/sv/om-nalar.md:16: error [directive] evidence levels differ from the English version "
        "(content/en/about-needles.md:15): moderate here, low there"
    ) in lines


def test_a_link_to_a_page_in_the_other_language_is_an_error(site_factory, capsys) -> None:
    status, lines = check_sv(
        site_factory, capsys, SV_NEEDLES, ("[våra råd](rad.md#efter-behandlingen)", "[våra råd](/en/advice/)")
    )
    assert status == 1
    assert (
        "content/sv/om-nalar.md:22: error [link] link to '/en/advice/' goes to a page in English: "
        "link to the Swedish page by its file name, such as 'other.md'"
    ) in lines


def test_a_link_to_another_page_than_the_source_links_to_is_an_error(site_factory, capsys) -> None:
    status, lines = check_sv(
        site_factory, capsys, SV_NEEDLES, ("(rad.md#efter-behandlingen)", "(om-nalar.md)")
    )
    assert status == 1
    assert (
        "content/sv/om-nalar.md:22: error [link] link to 'om-nalar.md' goes to another page than the matching "
        "link in the English version ('advice.md#after-treatment', content/en/about-needles.md:21); "
        "the matching page here is 'rad.md'"
    ) in lines


def test_a_link_to_another_heading_than_the_source_links_to_is_an_error(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_NEEDLES, ("(rad.md#efter-behandlingen)", "(rad.md)"))
    assert status == 1
    assert (
        "content/sv/om-nalar.md:22: error [link] link to 'rad.md' goes to another heading than the matching "
        "link in the English version ('advice.md#after-treatment', content/en/about-needles.md:21); "
        "the matching page here is 'rad.md'"
    ) in lines


def test_citations_must_be_in_the_same_order(site_factory, capsys) -> None:
    status, lines = check_sv(site_factory, capsys, SV_NEEDLES, (" [@gildir2019].", "."))
    assert status == 1
    assert (
        "content/sv/om-nalar.md:13: error [citation] citations differ from the English version "
        "(content/en/about-needles.md:13): none here, gildir2019 there"
    ) in lines


def test_drift_in_an_outdated_translation_is_a_warning(site_factory, capsys) -> None:
    files = {
        "content/en/advice.md": sample(
            "content/en/advice.md", ("- Drink water.\n", "- Drink water.\n- Rest.\n")
        )
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 0
    assert (
        "content/sv/rad.md:15: warning [structure] list items differ from the English version in section "
        "'Efter behandlingen' (content/en/advice.md:14): 2 here, 3 there (the translation is outdated)"
    ) in problem_lines(out)
