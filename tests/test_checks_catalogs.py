"""UI string catalogues: untranslated, fuzzy, obsolete, out of date, placeholders, plurals, required blocks."""

from __future__ import annotations

from tests.check_helpers import problem_lines, run_check
from tests.conftest import REPO

SV_PO = "locales/sv/LC_MESSAGES/messages.po"
PO_TEXT = (REPO / SV_PO).read_text(encoding="utf-8")
DISCLAIMER = (
    "This information does not replace advice from your doctor, physiotherapist or other clinician. "
    "Talk to them about your own situation."
)


def line_of(text: str, needle: str) -> int:
    """Return the line number of the first line that contains needle."""
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def entry(msgid: str) -> str:
    """Return the sv catalogue's entry for msgid (msgid and msgstr lines)."""
    start = PO_TEXT.index(f'msgid "{msgid}"')
    end = PO_TEXT.index("\n\n", start)
    return PO_TEXT[start:end]


def at(po: str, needle: str) -> str:
    """Return 'path:line' of the first line of the sv catalogue text po that contains needle."""
    return f"{SV_PO}:{line_of(po, needle)}"


def check_po(site_factory, capsys, po: str, *args: str) -> tuple[int, list[str]]:
    status, out, _err = run_check(site_factory({SV_PO: po}), *args, capsys=capsys)
    return status, problem_lines(out)


def test_an_untranslated_string_is_a_warning(site_factory, capsys) -> None:
    po = PO_TEXT.replace(entry("Last updated"), 'msgid "Last updated"\nmsgstr ""')
    status, lines = check_po(site_factory, capsys, po)
    assert status == 0
    assert at(po, 'msgid "Last updated"') + ": warning [untranslated] untranslated: 'Last updated'" in lines


def test_a_fuzzy_string_is_a_warning(site_factory, capsys) -> None:
    po = PO_TEXT.replace(entry("Last updated"), '#, fuzzy\nmsgid "Last updated"\nmsgstr "Senast uppdaterad"')
    status, lines = check_po(site_factory, capsys, po, "--strict")
    assert status == 1
    assert (
        at(po, 'msgid "Last updated"') + ": warning [fuzzy] fuzzy translation of 'Last updated': "
        "check it and remove the fuzzy flag (fuzzy is not used)"
    ) in lines


def test_an_obsolete_entry_is_a_warning(site_factory, capsys) -> None:
    po = PO_TEXT.rstrip("\n") + '\n\n#~ msgid "Old string"\n#~ msgstr "Gammal text"\n'
    status, lines = check_po(site_factory, capsys, po, "--strict")
    assert status == 1
    assert at(po, "#~ msgid") + ": warning [catalog-obsolete] obsolete entry 'Old string': delete it" in lines


def test_a_string_not_yet_extracted_is_reported_where_the_template_uses_it(site_factory, capsys) -> None:
    template = (REPO / "templates/404.html").read_text(encoding="utf-8")
    template += '<p>{{ _("A brand new sentence.") }}</p>\n'
    root = site_factory({"templates/404.html": template})
    status, out, _err = run_check(root, "--strict", capsys=capsys)
    assert status == 1
    assert (
        f"templates/404.html:{len(template.splitlines())}: warning [catalog-outdated] UI string "
        "'A brand new sentence.' is missing from locales/messages.pot, locales/sv/LC_MESSAGES/messages.po, "
        "locales/en/LC_MESSAGES/messages.po: run the extract and update commands (README, 'Translating UI strings')"
    ) in problem_lines(out)


def test_a_dropped_placeholder_is_an_error(site_factory, capsys) -> None:
    old = entry("Information as of %(date)s.")
    po = PO_TEXT.replace(
        old, old.replace('msgstr "Uppgifterna gäller %(date)s."', 'msgstr "Uppgifterna gäller i dag."')
    )
    assert po != PO_TEXT
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    assert (
        at(po, 'msgstr "Uppgifterna gäller i dag.') + ": error [placeholder] placeholders differ from "
        "'Information as of %(date)s.': none here, %(date)s in the source"
    ) in lines


def test_a_dropped_brace_placeholder_is_an_error(site_factory, capsys) -> None:
    po = PO_TEXT.rstrip("\n") + '\n\nmsgid "Hello {name}"\nmsgstr "Hej"\n'
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    assert (
        at(po, 'msgstr "Hej"') + ": error [placeholder] placeholders differ from 'Hello {name}': "
        "none here, {name} in the source"
    ) in lines


def test_a_plural_entry_needs_every_plural_form(site_factory, capsys) -> None:
    po = PO_TEXT.rstrip("\n") + (
        '\n\nmsgid "%(num)s page"\nmsgid_plural "%(num)s pages"\nmsgstr[0] "%(num)s sida"\n'
    )
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    assert (
        at(po, 'msgid "%(num)s page"') + ": error [plural] '%(num)s page' has 1 plural forms; Swedish needs 2"
        in lines
    )


def test_a_swedish_string_identical_to_the_english_is_a_warning_unless_allowed(site_factory, capsys) -> None:
    po = PO_TEXT.replace(entry("Last updated"), 'msgid "Last updated"\nmsgstr "Last updated"')
    status, lines = check_po(site_factory, capsys, po, "--strict")
    assert status == 1
    assert (
        at(po, 'msgstr "Last updated"') + ": warning [untranslated] the Swedish text is the same as "
        "the English 'Last updated': translate it, or list it under 'identical' in locales/glossary.yaml"
    ) in lines
    assert not [line for line in lines if "'DOI'" in line]  # allowed in the glossary


def test_a_changed_number_in_a_translated_string_is_an_error(site_factory, capsys) -> None:
    old = entry("Share of treatments (2014 survey)")
    po = PO_TEXT.replace(
        old,
        old.replace("2014", "2015").replace(
            'msgid "Share of treatments (2015', 'msgid "Share of treatments (2014'
        ),
    )
    assert po != PO_TEXT
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    assert (
        at(po, 'msgstr "Andel av behandlingarna (enkät 2015') + ": error [numbers] numbers differ from "
        "'Share of treatments (2014 survey)': 2015 here, 2014 there"
    ) in lines


def test_an_untranslated_disclaimer_is_an_error_not_a_warning(site_factory, capsys) -> None:
    po = PO_TEXT.replace(entry(DISCLAIMER), f'msgid "{DISCLAIMER}"\nmsgstr ""')
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    line = line_of(po, f'msgid "{DISCLAIMER}"')
    assert (
        lines.count(
            f"{SV_PO}:{line}: error [required-block] the disclaimer shows '{DISCLAIMER[:50]}' on every Swedish "
            "article, but it is untranslated here: translate it"
        )
        == 1
    )
    assert not [x for x in lines if x.startswith(f"{SV_PO}:{line}: warning")]


def test_an_untranslated_html_string_of_the_seek_care_box_is_an_error(site_factory, capsys) -> None:
    msgid = "Call %(numbers)s."  # shown with _html(): its variable is a list of tel: links
    po = PO_TEXT.replace(entry(msgid), f'msgid "{msgid}"\nmsgstr ""')
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    line = line_of(po, f'msgid "{msgid}"')
    assert (
        f"{SV_PO}:{line}: error [required-block] the seek-care box shows '{msgid}' on every Swedish "
        "article, but it is untranslated here: translate it"
    ) in lines


def test_a_seek_care_string_missing_from_the_catalogue_is_an_error(site_factory, capsys) -> None:
    msgid = "When to seek care"
    po = PO_TEXT.replace(entry(msgid) + "\n\n", "")
    template = (REPO / "templates/partials/seek-care.html").read_text(encoding="utf-8")
    status, lines = check_po(site_factory, capsys, po)
    assert status == 1
    assert (
        f"templates/partials/seek-care.html:{line_of(template, msgid)}: error [required-block] the seek-care box "
        f"needs '{msgid}' in Swedish, but it is not in {SV_PO}: run the extract and update commands and translate it"
    ) in lines


def test_an_article_template_without_the_disclaimer_is_an_error(site_factory, capsys) -> None:
    template = (REPO / "templates/article.html").read_text(encoding="utf-8")
    root = site_factory({"templates/article.html": template.replace('class="disclaimer"', 'class="note"')})
    status, out, _err = run_check(root, capsys=capsys)
    assert status == 1
    assert (
        "templates/article.html:1: error [required-block] the article template has no disclaimer "
        '(an element with class="disclaimer", in the template or a template it includes)'
    ) in problem_lines(out)
