"""Check the model: integrity errors that stop a build, and translation drift."""

from __future__ import annotations

from ..model import Site
from ..problems import Problem
from .integrity import check_integrity


def check_site(site: Site) -> list[Problem]:
    """Run every check over the site and return the problems found."""
    return check_integrity(site)
