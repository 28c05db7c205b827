"""Load the site configuration from site.yaml."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from .menu import MenuGroup, read_menu
from .problems import BuildFailed, Problem, error
from .sources.snapshot import MISSING, Entry, Snapshot
from .sources.yaml_lines import YamlError, load_with_lines

CONFIG_FILE = "site.yaml"
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
PHONE = re.compile(r"^\+?[0-9]{2,15}$")
EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+$")


@dataclass(frozen=True)
class Language:
    """A language the site is published in."""

    code: str
    name: str
    locale: str


@dataclass(frozen=True)
class CallLine:
    """Numbers to call, and where they work (in the language of the page that shows them)."""

    numbers: tuple[str, ...]
    where: str = ""
    # The line of each number in site.yaml, for the checks that hold them against the glossary.
    lines: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class CareNumbers:
    """Whom the seek-care box tells one language's readers to call."""

    emergency: tuple[CallLine, ...] = ()
    advice: tuple[CallLine, ...] = ()
    elsewhere: str = ""

    @property
    def numbers(self) -> tuple[str, ...]:
        """Return every number given, once each, in order."""
        found = [n for line in self.emergency + self.advice for n in line.numbers]
        return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site and where to reach them; empty until site.yaml says."""

    name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Config:
    """Site-wide settings; paths are absolute."""

    root: Path
    base_url: str
    title: dict[str, str]
    languages: tuple[Language, ...]
    default_language: str
    source_language: str
    output_dir: Path = field(compare=False)
    content_dir: Path = field(compare=False)
    care: dict[str, CareNumbers] = field(default_factory=dict)
    care_page: str = ""
    publisher: Publisher = Publisher()
    publisher_line: int = 1

    @property
    def phone_numbers(self) -> tuple[str, ...]:
        """Return every number the seek-care settings give, longest first: these become tel: links."""
        found = {n for care in self.care.values() for n in care.numbers}
        return tuple(sorted(found, key=lambda n: (-len(n), n)))

    menu: tuple[MenuGroup, ...] = ()
    # The translation key of the article about the site itself (typed AboutPage in its metadata).
    about_page: str = ""
    # Every source file as this build read it: the only way stages read the project.
    sources: Snapshot = field(default_factory=lambda: Snapshot(Path("/"), {}), compare=False, repr=False)

    @property
    def codes(self) -> tuple[str, ...]:
        """Return the language codes in configured order."""
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        """Return the language with this code."""
        return next(lang for lang in self.languages if lang.code == code)

    @property
    def data_dir(self) -> Path:
        return self.content_dir / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def base_path(self) -> str:
        """Return the path part of the base URL without its last '/': '' or '/dryneedling'."""
        return urlsplit(self.base_url).path.rstrip("/")

    def absolute_url(self, path: str) -> str:
        """Join the base URL and a site path that starts with '/'."""
        return self.base_url + path

    def url(self, path: str) -> str:
        """Return the link to a site path as pages write it: under the base URL's sub-path."""
        return self.base_path + path


BASE_URL = re.compile(
    r"^https?://(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&()*+,;=:@%/-]*)?$"
)
# It is written into robots.txt, feeds and every page's links: none of these may appear.
UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>`\\\u2028\u2029]")


def base_url_problem(value: object, name: str = "'base_url'") -> str | None:
    """Return why value is not a usable base URL (absolute http(s), nothing to escape), or None."""
    if isinstance(value, str):
        unsafe = UNSAFE_IN_URL.search(value)
        if unsafe is not None:
            return (
                f"{name} must be an absolute http(s) URL without quotes, spaces or control characters "
                f"(it contains {unsafe.group(0)!r})"
            )
    if not isinstance(value, str) or not BASE_URL.match(value):
        return f"{name} must be an absolute http(s) URL"
    return None


def _not_a_project_file(found: Entry, root: Path) -> str | None:
    """Return why site.yaml may not be read: a link out of the project, or not a plain file."""
    if found.target is not None and found.digest == MISSING and not os.path.exists(found.target):
        return f"{CONFIG_FILE} is a symbolic link to nothing"
    if found.target is not None and not Path(found.target).is_relative_to(os.path.realpath(root)):
        return f"{CONFIG_FILE} is a symbolic link to a file outside the project: put the file itself here"
    if found.reason == "not a regular file":
        return f"{CONFIG_FILE} is not a regular file"
    if found.data is None:
        return f"cannot read {CONFIG_FILE}: {found.reason.removeprefix('cannot be read: ')}"
    return None


def load_config(
    root: Path,
    output_dir: Path | None = None,
    base_url: str | None = None,
    previous: Snapshot | None = None,
) -> Config:
    """Read the project's sources once, then validate site.yaml; base_url (--base-url) replaces its own.

    previous is the last build's snapshot (the preview's): unchanged files are not read again.
    """
    sources = Snapshot.take(root, previous)
    rel = CONFIG_FILE
    found = sources.entry(rel)
    if found is None:
        raise BuildFailed([error(rel, None, f"no {CONFIG_FILE} in {root}", "config")])
    refused = _not_a_project_file(found, root)
    if refused is not None:
        raise BuildFailed([error(rel, None, refused, "config")])
    assert found.data is not None
    try:
        text = found.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BuildFailed([error(rel, 1, f"not UTF-8: {exc.reason}", "config")]) from None
    try:
        raw, lines = load_with_lines(text)
    except YamlError as exc:
        raise BuildFailed([error(rel, exc.line, exc.message, exc.check or "config")]) from None
    problems: list[Problem] = []

    def bad(key: tuple[object, ...], message: str) -> None:
        problems.append(error(rel, lines.get(key, 1), message, "config"))

    if not isinstance(raw, dict):
        raise BuildFailed([error(rel, 1, "the configuration must be a mapping", "config")])
    known = {
        "base_url",
        "title",
        "languages",
        "default_language",
        "source_language",
        "seek_care",
        "publisher",
        "menu",
        "about_page",
    }
    for key in raw:
        if key not in known:
            bad((key,), f"unknown key '{key}'")
    given = base_url is not None
    base_url = raw.get("base_url") if base_url is None else base_url
    wrong = base_url_problem(base_url)
    if wrong is not None:
        if given:  # from the command line, not from the file
            problems.append(error("--base-url", None, wrong.replace("'base_url' must be", "give"), "config"))
        else:
            bad(("base_url",), wrong)
        base_url = "http://localhost"
    languages: list[Language] = []
    langs_raw = raw.get("languages")
    if not isinstance(langs_raw, dict) or not langs_raw:
        bad(("languages",), "'languages' must map language codes to {name, locale}")
        langs_raw = {}
    for code, spec in langs_raw.items():
        if not isinstance(code, str) or not LANG_CODE.match(code):
            bad(("languages", code), f"'{code}' is not a language code such as 'sv'")
            continue
        if not isinstance(spec, dict) or set(spec) != {"name", "locale"}:
            bad(("languages", code), f"language '{code}' needs exactly 'name' and 'locale'")
            continue
        try:
            Locale.parse(str(spec["locale"]))
        except (ValueError, UnknownLocaleError):
            bad(("languages", code, "locale"), f"unknown locale '{spec['locale']}'")
            continue
        languages.append(Language(code, str(spec["name"]), str(spec["locale"])))
    codes = [lang.code for lang in languages]
    default = raw.get("default_language")
    if default not in codes:
        bad(("default_language",), f"'default_language' must be one of {', '.join(codes)}")
    source = raw.get("source_language", default)
    if "source_language" in raw and source not in codes:
        bad(("source_language",), f"'source_language' must be one of {', '.join(codes)}")
    title = raw.get("title")
    if not isinstance(title, dict) or any(not isinstance(title.get(c), str) for c in codes):
        bad(("title",), f"'title' needs a text for each language ({', '.join(codes)})")
        title = {c: "" for c in codes}
    care, care_page = _seek_care(raw.get("seek_care"), codes, bad, lines)
    publisher = _publisher(raw.get("publisher"), bad)
    menu = read_menu(raw.get("menu"), codes, bad, lines)
    about = raw.get("about_page", "")
    if not isinstance(about, str) or (about and not re.match(r"^[a-z0-9-]+$", about)):
        bad(("about_page",), "'about_page' must be the translation key of an article, such as 'about'")
    if problems:
        raise BuildFailed(problems)
    return Config(
        root=root,
        base_url=base_url.rstrip("/"),
        title={c: title[c] for c in codes},
        languages=tuple(languages),
        default_language=default,
        source_language=source,
        output_dir=output_dir or root / "_site",
        content_dir=root / "content",
        care=care,
        care_page=care_page,
        publisher=publisher,
        publisher_line=lines.get(("publisher",), 1),
        menu=menu,
        about_page=about,
        sources=sources,
    )


Bad = Callable[[tuple[object, ...], str], None]
Lines = dict[tuple[object, ...], int]


def _seek_care(raw: object, codes: list[str], bad: Bad, lines: Lines) -> tuple[dict[str, CareNumbers], str]:
    """Read seek_care: the article it links to and, per language, the numbers to call."""
    if raw is None:
        return {}, ""
    if not isinstance(raw, dict):
        bad(("seek_care",), "'seek_care' must map 'page' and language codes to numbers to call")
        return {}, ""
    page = raw.get("page", "")
    if not isinstance(page, str) or (page and not re.match(r"^[a-z0-9-]+$", page)):
        bad(
            ("seek_care", "page"),
            "'seek_care.page' must be the translation key of an article, such as 'seek-care'",
        )
        page = ""
    care: dict[str, CareNumbers] = {}
    for code, spec in raw.items():
        if code == "page":
            continue
        at = ("seek_care", code)
        if code not in codes:
            bad(at, f"'seek_care.{code}': not a language of the site ({', '.join(codes)})")
            continue
        if not isinstance(spec, dict) or not set(spec) <= {"emergency", "advice", "elsewhere"}:
            bad(at, f"'seek_care.{code}' takes 'emergency', 'advice' and 'elsewhere'")
            continue
        elsewhere = spec.get("elsewhere", "")
        if not isinstance(elsewhere, str):
            bad(at + ("elsewhere",), f"'seek_care.{code}.elsewhere' must be a text")
            elsewhere = ""
        levels = {
            level: _call_lines(spec.get(level), at + (level,), bad, lines)
            for level in ("emergency", "advice")
        }
        care[code] = CareNumbers(levels["emergency"], levels["advice"], elsewhere)
    return care, page


def _call_lines(raw: object, at: tuple[object, ...], bad: Bad, lines: Lines) -> tuple[CallLine, ...]:
    where = "seek_care." + ".".join(str(k) for k in at[1:])
    if raw is None:
        return ()
    if not isinstance(raw, list):
        bad(at, f"'{where}' must be a list of {{numbers: [...], where: ...}}")
        return ()
    found: list[CallLine] = []
    for i, item in enumerate(raw):
        numbers = item.get("numbers") if isinstance(item, dict) else None
        if (
            not isinstance(item, dict)
            or not set(item) <= {"numbers", "where"}
            or not isinstance(numbers, list)
            or not numbers
            or not isinstance(item.get("where", ""), str)
        ):
            bad(at + (i,), f"'{where}' entry {i + 1} needs 'numbers' (a list) and may have 'where' (a text)")
            continue
        text = [str(n) for n in numbers]
        wrong = [n for n in text if not PHONE.match(n)]
        if wrong:
            bad(
                at + (i,),
                f"'{where}': '{wrong[0]}' is not a phone number (digits only, such as '112'); quote it",
            )
            continue
        written_at = [lines.get(at + (i, "numbers", j), lines.get(at + (i,), 1)) for j in range(len(text))]
        found.append(CallLine(tuple(text), item.get("where", ""), tuple(written_at)))
    return tuple(found)


def _publisher(raw: object, bad: Bad) -> Publisher:
    """Read publisher: a name and a contact, an e-mail address or an http(s) page."""
    if raw is None:
        return Publisher()
    if not isinstance(raw, dict) or not set(raw) <= {"name", "contact"}:
        bad(("publisher",), "'publisher' takes 'name' and 'contact'")
        return Publisher()
    name, contact = raw.get("name") or "", raw.get("contact") or ""
    if not isinstance(name, str) or not isinstance(contact, str):
        bad(("publisher",), "'publisher.name' and 'publisher.contact' must be texts")
        return Publisher()
    contact = contact.strip()
    if contact and not (EMAIL.match(contact) or re.match(r"^https?://[^/\s]+\S*$", contact)):
        bad(("publisher", "contact"), "'publisher.contact' must be an e-mail address or an http(s) address")
        contact = ""
    return Publisher(name.strip(), contact)
