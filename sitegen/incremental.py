"""Write only what changed when the last build's output is still exactly as it was written.

Replacing a whole output folder of thousands of pages costs seconds on a disk (making and
deleting every folder and file); an edit changes a handful of files. So when the cache's
manifest shows the output is intact (same files, same size, mtime and inode as written),
changed files are replaced one by one, each atomically (a temporary file renamed over it),
and nothing is written when nothing changed. Otherwise, or when many files change, the
whole site is written and swapped in by write.write_site, as on a first build.
While files are replaced in place the manifest is cleared first: if the build is killed
half-way, the next build sees no manifest and writes the whole site again.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .cache import BuildCache, digest
from .write import _check_relative, output_lock, write_site

# Above this many changed files the whole site is written and swapped in atomically.
IN_PLACE_LIMIT = 64
Stat = tuple[int, int, int]


def write_output(
    files: Mapping[str, bytes], output_dir: Path, static_dir: Path | None, cache: BuildCache
) -> int:
    """Write files and static assets into output_dir; return how many files were written."""
    output_dir = output_dir.absolute()
    everything = dict(files) | static_files(static_dir)
    digests = {rel: digest(data) for rel, data in everything.items()}
    previous = cache.manifests.get(str(output_dir))
    on_disk = _stats(output_dir) if previous is not None else None
    changed = [
        rel for rel in sorted(everything) if previous is None or previous.get(rel, ("",))[0] != digests[rel]
    ]
    removed = sorted(set(previous or {}) - set(everything))
    intact = previous is not None and on_disk == {rel: entry[1:] for rel, entry in previous.items()}
    if intact and not changed and not removed:
        return 0
    cache.set_manifest(str(output_dir), None)
    if not intact or len(changed) + len(removed) > IN_PLACE_LIMIT:
        write_site(everything, output_dir, None)
    else:
        for rel in changed:
            _check_relative(rel)
        with output_lock(output_dir):
            cache.save()  # a kill during the replacements below leaves no manifest to trust
            _replace(output_dir, {rel: everything[rel] for rel in changed}, removed)
    stats = _stats(output_dir)
    cache.set_manifest(str(output_dir), {rel: (digests[rel], *stats[rel]) for rel in everything})
    return len(changed) + len(removed)


def static_files(static_dir: Path | None) -> dict[str, bytes]:
    """Return the static assets as output files under static/."""
    if static_dir is None or not static_dir.is_dir():
        return {}
    return {
        f"static/{p.relative_to(static_dir).as_posix()}": p.read_bytes()
        for p in sorted(static_dir.rglob("*"))
        if p.is_file()
    }


def _replace(output_dir: Path, changed: dict[str, bytes], removed: list[str]) -> None:
    for rel, data in changed.items():
        target = output_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".new-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    for rel in removed:
        (output_dir / rel).unlink(missing_ok=True)
        folder = (output_dir / rel).parent
        while folder != output_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _stats(output_dir: Path) -> dict[str, Stat]:
    """Return size, mtime and inode of every file below output_dir."""
    found: dict[str, Stat] = {}
    if not output_dir.is_dir():
        return found
    prefix = len(str(output_dir)) + 1
    stack = [str(output_dir)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    st = entry.stat(follow_symlinks=False)
                    found[entry.path[prefix:]] = (st.st_size, st.st_mtime_ns, st.st_ino)
    return found
