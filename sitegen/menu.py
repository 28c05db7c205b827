"""The site menu from site.yaml: articles grouped by the reader's question, and where each sits."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .problems import Problem, warning


class Keyed(Protocol):
    """Anything with a translation key: the menu places articles without knowing more of them."""

    translation_key: str


Item = TypeVar("Item", bound=Keyed)

GROUP_ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


@dataclass(frozen=True)
class MenuGroup:
    """One group of the menu: a heading per language and the articles under it, by translation key."""

    id: str
    title: tuple[tuple[str, str], ...]
    pages: tuple[str, ...]
    line: int = 1

    def title_in(self, lang: str) -> str:
        """Return the group's heading in a language."""
        return dict(self.title)[lang]


Bad = Callable[[tuple[object, ...], str], None]


def read_menu(
    raw: object, codes: list[str], bad: Bad, lines: dict[tuple[object, ...], int]
) -> tuple[MenuGroup, ...]:
    """Read `menu`: a list of {id, title: {LANG: text}, pages: [translation keys]}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        bad(("menu",), "'menu' must be a list of groups, each {id, title, pages}")
        return ()
    groups: list[MenuGroup] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        at = ("menu", i)
        if not isinstance(item, dict) or set(item) != {"id", "title", "pages"}:
            bad(at, f"menu group {i + 1} needs exactly 'id', 'title' and 'pages'")
            continue
        ident, title, pages = item["id"], item["title"], item["pages"]
        if not isinstance(ident, str) or not re.match(GROUP_ID, ident) or ident in seen:
            bad(
                at + ("id",),
                f"menu group {i + 1}: 'id' must be a new name of lowercase letters, digits and hyphens",
            )
            continue
        if not isinstance(title, dict) or any(
            not isinstance(title.get(c), str) or not title[c].strip() for c in codes
        ):
            bad(
                at + ("title",),
                f"menu group '{ident}' needs a 'title' text for each language ({', '.join(codes)})",
            )
            continue
        if not isinstance(pages, list) or not pages or not all(isinstance(p, str) for p in pages):
            bad(at + ("pages",), f"menu group '{ident}': 'pages' must be a list of translation keys")
            continue
        seen.add(ident)
        titles = tuple((c, title[c].strip()) for c in codes)
        groups.append(MenuGroup(ident, titles, tuple(pages), lines.get(at, 1)))
    return tuple(groups)


def menu_problems(groups: tuple[MenuGroup, ...], keys: set[str], path: str) -> list[Problem]:
    """Warn about menu entries that name no article, and articles listed twice."""
    problems: list[Problem] = []
    placed: dict[str, str] = {}
    for group in groups:
        for key in group.pages:
            if key not in keys:
                problems.append(
                    warning(
                        path,
                        group.line,
                        f"menu group '{group.id}' lists '{key}', which is no article's translation_key",
                        "menu",
                    )
                )
            elif key in placed:
                problems.append(
                    warning(
                        path,
                        group.line,
                        f"menu group '{group.id}' lists '{key}', already in group '{placed[key]}'",
                        "menu",
                    )
                )
            else:
                placed[key] = group.id
    return problems


def menu_sections(
    groups: tuple[MenuGroup, ...], articles: list[Item], lang: str
) -> list[tuple[str, str, list[Item]]]:
    """Return (id, heading, articles) per group for one language; unlisted articles come last under ''."""
    by_key = {a.translation_key: a for a in articles}
    sections: list[tuple[str, str, list[Item]]] = []
    used: set[str] = set()
    for group in groups:
        found = [by_key[k] for k in group.pages if k in by_key and k not in used]
        used.update(a.translation_key for a in found)
        if found:
            sections.append((group.id, group.title_in(lang), found))
    rest = [a for a in articles if a.translation_key not in used]
    if rest:
        sections.append(("more", "", rest))
    return sections
