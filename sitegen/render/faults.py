"""Template faults as problems: at the template line that raised, and each fault once."""

from __future__ import annotations

import traceback
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from ..config import Config
from ..model import Page
from ..problems import Problem, error
from ..sources.files import relpath
from . import i18n


def template_problem(exc: Exception, config: Config, page: Page) -> Problem:
    """Turn a rendering exception into a problem at the template line that raised it."""
    where = ("templates/?", None)
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        filename = frame.filename or ""
        if filename.startswith(str(config.templates_dir)):
            where = (relpath(Path(filename), config.root), frame.lineno)
            break
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        where = (relpath(Path(exc.filename), config.root), exc.lineno)
    message = exc.message if isinstance(exc, TemplateError) and exc.message else str(exc)
    if isinstance(exc, KeyError) and _from_gettext(exc):
        name = exc.args[0] if exc.args else "?"
        message = (
            f"a translated string has the placeholder %({name})s and no value for it: templates use "
            f'newstyle gettext, so pass it as a keyword, _("... %({name})s ...", {name}=...), '
            "and do not format the result with %"
        )
    return error(where[0], where[1], f"template error while rendering {page.url}: {message}", "template")


def _from_gettext(exc: Exception) -> bool:
    """Tell whether an exception came from gettext formatting a string's placeholders."""
    formatters = (str(Path(i18n.__file__)), "jinja2/ext.py")
    frames = traceback.extract_tb(exc.__traceback__)
    return any(frame.filename.replace("\\", "/").endswith(formatters) for frame in frames)


def merge_template_problems(problems: list[Problem]) -> list[Problem]:
    """Report a template fault once, naming one page and how many others it broke."""
    groups: dict[tuple[str, int | None, str], list[Problem]] = {}
    for problem in problems:
        head, sep, tail = problem.message.partition(": ")
        if problem.check != "template" or not sep or not head.startswith("template error while rendering"):
            groups[(problem.path, problem.line, problem.message)] = [problem]
            continue
        groups.setdefault((problem.path, problem.line, tail), []).append(problem)
    merged: list[Problem] = []
    for (path, line, tail), group in groups.items():
        if len(group) == 1:
            merged.append(group[0])
            continue
        first = min(p.message for p in group).partition(": ")[0]
        others = f" and {len(group) - 1} other page(s)"
        merged.append(error(path, line, f"{first}{others}: {tail}", "template"))
    return merged


def rendering_problems(failed: dict[str, Problem], found: list[Problem]) -> list[Problem]:
    """Return the problems of the pages that failed, each fault once; none for a line already in found.

    A template syntax error is found before rendering (check_templates): the pages it breaks are
    not reported again as their own template errors at the same line.
    """
    known = {(p.path, p.line) for p in found if p.check == "template"}
    merged = merge_template_problems(list(failed.values()))
    return [p for p in merged if p.check != "template" or (p.path, p.line) not in known]
