"""Checks across article pairs: counterparts, front matter, emergency numbers, forbidden words."""

from __future__ import annotations

from sitegen.cli import main
from tests.check_helpers import EN_ADVICE, EN_NEEDLES, SV_ADVICE, SV_NEEDLES, problem_lines, run_check, sample
from tests.conftest import article


def test_the_sample_site_has_no_translation_problems(site_factory, capsys) -> None:
    # The tiny site shares the project's catalogues, so only their unused entries are reported.
    status, out, _err = run_check(site_factory(), capsys=capsys)
    assert status == 0
    assert [line for line in problem_lines(out) if "catalog-outdated" not in line] == []
    assert "sv (Swedish): pages 2/2 up to date, 0 outdated, 0 unmarked, 0 missing, 0 orphan" in out


def test_an_article_without_its_translation_is_reported_at_its_key(site_factory, capsys) -> None:
    files = {
        SV_ADVICE: None,
        SV_NEEDLES: sample(SV_NEEDLES, ("Läs också [våra råd](rad.md#efter-behandlingen).", "")),
        EN_NEEDLES: sample(EN_NEEDLES, ("Read our [advice](advice.md#after-treatment) too.", "")),
    }
    root = site_factory(files)
    assert main(["--project", str(root), "check", "--mark-updated", SV_NEEDLES]) == 0
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 0
    assert (
        "content/en/advice.md:4: warning [missing-translation] no Swedish translation: "
        "no article in content/sv/ has translation_key 'advice'"
    ) in problem_lines(out)
    status, _out, _err = run_check(root, "--strict", capsys=capsys)
    assert status == 1


def test_an_orphan_translation_is_reported(site_factory, capsys) -> None:
    root = site_factory({EN_ADVICE: None})
    status, out, _err = run_check(root, "--strict", capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:4: warning [orphan] orphan translation: "
        "no English article has translation_key 'advice'"
    ) in problem_lines(out)


def test_references_must_be_the_same_in_the_same_order(site_factory, capsys) -> None:
    files = {
        "content/data/references.yaml": sample("content/data/references.yaml")
        + "  - id: other2020\n    authors: A B\n    title: T\n    journal: J\n    year: 2020\n",
        SV_NEEDLES: sample(
            SV_NEEDLES,
            ("references: [gildir2019]", "references: [gildir2019, other2020]"),
            ("muskeln [@gildir2019].", "muskeln [@gildir2019] [@other2020]."),
        ),  # fmt: skip
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    assert (
        "content/sv/om-nalar.md:9: error [front-matter] references differ from the English version "
        "(content/en/about-needles.md:9): [gildir2019, other2020] here, [gildir2019] there"
    ) in problem_lines(out)
    assert (
        "content/sv/om-nalar.md:14: error [citation] citations differ from the English version "
        "(content/en/about-needles.md:13): gildir2019, other2020 here, gildir2019 there"
    ) in problem_lines(out)


def test_a_translation_reviewed_before_its_source_is_reported(site_factory, capsys) -> None:
    files = {SV_ADVICE: sample(SV_ADVICE, ("last_reviewed: 2026-11-21", "last_reviewed: 2026-11-02"))}
    status, out, _err = run_check(site_factory(files), "--strict", capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:7: warning [review-date] last reviewed 2026-11-02, before the English version "
        "(2026-11-21): review the translation too"
    ) in problem_lines(out)


def test_an_untranslated_title_is_reported(site_factory, capsys) -> None:
    files = {SV_ADVICE: sample(SV_ADVICE, ("title: Råd", "title: Advice"))}
    status, out, _err = run_check(site_factory(files), "--strict", capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:2: warning [untranslated] 'title' is the same as in the English version: "
        "translate it (or list it under 'identical' in locales/glossary.yaml)"
    ) in problem_lines(out)


def test_a_us_emergency_number_on_a_swedish_page_is_an_error(site_factory, capsys) -> None:
    files = {
        EN_ADVICE: sample(EN_ADVICE, ("1 to 2 days.", "1 to 2 days. In the US, call 911.")),
        SV_ADVICE: sample(SV_ADVICE, ("1 till 2 dagar.", "1 till 2 dagar. Ring 911 i USA.")),
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:13: error [emergency] '911' is the US emergency number: "
        "a Swedish page must not give it; its readers are in Sweden: give 112 "
        "(emergency number in Sweden and the EU) instead, or leave it out"
    ) in problem_lines(out)
    assert not any(line.startswith("content/en/") for line in problem_lines(out) if "[emergency]" in line)


def test_an_emergency_number_the_source_gives_must_be_in_the_translation(site_factory, capsys) -> None:
    files = {EN_ADVICE: sample(EN_ADVICE, ("1 to 2 days.", "1 to 2 days. Call 112 if you feel faint."))}
    root = site_factory(files)
    main(["--project", str(root), "check", "--mark-updated", SV_ADVICE])
    capsys.readouterr()
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:12: error [emergency] the English version gives the number 112 "
        "(emergency number in Sweden and the EU) at content/en/advice.md:12; this page does not"
    ) in problem_lines(out)


def test_a_number_for_readers_outside_sweden_need_not_be_in_the_swedish_page(site_factory, capsys) -> None:
    files = {
        EN_ADVICE: sample(
            EN_ADVICE, ("1 to 2 days.", "1 to 2 days. Call 112, 999 (UK), 911 (US) or NHS 111.")
        ),
        SV_ADVICE: sample(SV_ADVICE, ("1 till 2 dagar.", "1 till 2 dagar. Ring 112.")),
    }
    root = site_factory(files)
    main(["--project", str(root), "check", "--mark-updated", SV_ADVICE])
    capsys.readouterr()
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 0
    assert [line for line in problem_lines(out) if "[emergency]" in line or "[numbers]" in line] == []


def test_a_swedish_number_the_source_gives_is_still_required(site_factory, capsys) -> None:
    files = {
        EN_ADVICE: sample(EN_ADVICE, ("1 to 2 days.", "1 to 2 days. Call 1177 in Sweden or 999 in the UK.")),
        SV_ADVICE: sample(SV_ADVICE, ("1 till 2 dagar.", "1 till 2 dagar. Ring din vårdcentral.")),
    }
    root = site_factory(files)
    main(["--project", str(root), "check", "--mark-updated", SV_ADVICE])
    capsys.readouterr()
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert [line for line in problem_lines(out) if "[emergency]" in line] == [
        "content/sv/rad.md:12: error [emergency] the English version gives the number 1177 "
        "(Swedish health advice line) at content/en/advice.md:12; this page does not"
    ]


def test_forbidden_words_are_errors_in_every_language(site_factory, capsys) -> None:
    files = {
        EN_ADVICE: sample(EN_ADVICE, ("Drink water.", "Drink water to flush out toxins.")),
        SV_ADVICE: sample(SV_ADVICE, ("Drick vatten.", "Drick vatten, det botar huvudvärk.")),
    }
    status, out, _err = run_check(site_factory(files), capsys=capsys)
    assert status == 1
    lines = problem_lines(out)
    assert (
        "content/en/advice.md:17: error [forbidden-word] 'toxins' is on the list of forbidden English words "
        "in locales/glossary.yaml: say what the evidence shows instead"
    ) in lines
    assert (
        "content/sv/rad.md:18: error [forbidden-word] 'botar' is on the list of forbidden Swedish words "
        "in locales/glossary.yaml: say what the evidence shows instead"
    ) in lines


def test_a_term_pair_the_translation_does_not_follow_is_reported(site_factory, capsys) -> None:
    files = {
        EN_ADVICE: sample(EN_ADVICE, ("Drink water.", "Press on the trigger point.")),
        SV_ADVICE: sample(SV_ADVICE, ("Drick vatten.", "Tryck på den ömma punkten.")),
    }
    status, out, _err = run_check(site_factory(files), "--strict", capsys=capsys)
    assert status == 1
    assert (
        "content/sv/rad.md:12: warning [terminology] the English version uses 'trigger point' but this page "
        "never uses 'triggerpunkt' (term pair at locales/glossary.yaml:8)"
    ) in problem_lines(out)


def test_source_hash_on_a_source_article_is_reported(site_factory, capsys) -> None:
    files = {"content/en/extra.md": article(key="extra", slug="extra", source_hash="0123456789ab")}
    files["content/sv/extra.md"] = article(key="extra", slug="extra-sv", title="Extra")
    status, out, _err = run_check(site_factory(files), "--strict", capsys=capsys)
    assert status == 1
    assert (
        "content/en/extra.md:9: warning [outdated] 'source_hash' belongs in translations only: "
        "this is the English source"
    ) in problem_lines(out)
    assert (
        "content/sv/extra.md:1: warning [outdated] no 'source_hash': it is not known which version of "
        "content/en/extra.md this translates; once it matches, run: "
        "python3 build.py check --mark-updated content/sv/extra.md"
    ) in problem_lines(out)
