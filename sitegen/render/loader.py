"""Give Jinja the templates as the build's snapshot holds them, never as they are on disk now."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import BaseLoader, Environment, TemplateNotFound

from ..sources.snapshot import Snapshot


class SnapshotLoader(BaseLoader):
    """Load templates/ from a snapshot; a template saved during the build waits for the next one."""

    def __init__(self, sources: Snapshot, folder: Path):
        self.sources = sources
        self.folder = folder

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """Return a template's text, its file name (for error messages) and an always-fresh test."""
        parts = template.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise TemplateNotFound(template)
        path = self.folder.joinpath(*parts)
        found = self.sources.entry(path)
        if found is None or (found.data is None and not found.errno):
            raise TemplateNotFound(template)
        if found.data is None:  # listed, then gone when opened: the build reports it as [io]
            self.sources.read_bytes(path)
        # Strict, as Jinja's own file loader: a template that is not UTF-8 fails to load.
        return found.data.decode("utf-8"), str(path), lambda: True

    def list_templates(self) -> list[str]:
        """Return the name of every template, sorted."""
        prefix = self.sources.rel(self.folder).rstrip("/") + "/"
        return sorted(rel[len(prefix) :] for rel in self.sources.under(prefix))
