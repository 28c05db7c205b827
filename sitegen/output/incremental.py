"""Write only what changed when the last build's output is still exactly as it was written.

When the cache's manifest shows the output is intact (same files, same size, mtime and
inode as written), nothing is written if nothing changed. Otherwise the site is swapped in
atomically, by the cheapest of two ways:
- the previous site is kept beside the output folder as a spare; when the spare is intact
  too, only the files that differ from it are replaced in it, and it is exchanged with the
  output folder (write.refresh): a one-article edit writes a handful of files;
- else a new folder is made in which unchanged files are hard links to the current ones
  and the others are written, and it is swapped in (write.stage, write.swap_in).
A build killed at any moment so leaves the previous complete site. The spare's manifest is
forgotten (and saved) before it is touched, so a half-updated spare is never trusted, and
the manifests of what is about to be swapped in are saved before the swap: they are only
ever trusted when the files on disk match them, and nothing that can fail the build comes
after the swap.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cache.store import BuildCache
from ..problems import BuildFailed, Problem, io_problem
from ..sources.snapshot import Snapshot, digest
from .lock import Output, is_real_dir, remove
from .write import refresh, stage, swap_in

Stat = tuple[int, int, int]
# The spare is brought up to date only when at most 1/REFRESH_SHARE of the files differ.
REFRESH_SHARE = 4


@dataclass
class Written:
    """What writing the output did: how many files changed, and warnings about the rest."""

    count: int
    problems: list[Problem] = field(default_factory=list)


def write_output(
    out: Output, files: Mapping[str, bytes], static: Mapping[str, bytes], cache: BuildCache
) -> Written:
    """Write files and static assets into the output folder, and save the cache before the swap.

    A failing machine (full disk, read-only folder) raises BuildFailed with one `[io]` error
    and leaves the previous site as it was.
    """
    everything = dict(files) | dict(static)
    try:
        return _write(out, everything, cache)
    except OSError as exc:
        where = out.shown(Path(exc.filename)) if exc.filename else out.shown()
        raise BuildFailed([io_problem(where, exc, "write the site")]) from None


def _write(out: Output, everything: dict[str, bytes], cache: BuildCache) -> Written:
    key = str(out.dir)
    digests = {rel: digest(data) for rel, data in everything.items()}
    previous = cache.manifests.get(key)
    on_disk = _stats(out.dir) if previous is not None else None
    changed = [
        rel for rel in sorted(everything) if previous is None or previous.get(rel, ("",))[0] != digests[rel]
    ]
    removed = sorted(set(previous or {}) - set(everything))
    intact = previous is not None and on_disk == {rel: entry[1:] for rel, entry in previous.items()}
    if intact and not changed and not removed:
        cache.save()
        return Written(0)
    cache.set_manifest(key, None)
    use_spare = cache.path is not None
    if use_spare and _refresh_spare(out, everything, digests, cache):
        new_site = out.spare
    else:
        unchanged = set(everything).difference(changed) if intact else set()
        new_site = stage(out, everything, unchanged)
    stats = _stats(new_site)
    cache.set_manifest(key, {rel: (digests[rel], *stats[rel]) for rel in everything})
    # After the swap the replaced site is the spare: as written, if it was intact.
    cache.set_manifest(str(out.spare), previous if intact and use_spare else None)
    cache.save()  # a failure is a warning the build reports: the cache only saves time
    try:
        warnings = swap_in(out, new_site, keep_previous=use_spare and intact)
    except OSError:
        if new_site != out.spare:  # a staging folder; the spare stays, untrusted
            with contextlib.suppress(OSError):
                remove(new_site)
        raise
    return Written(len(changed) + len(removed), warnings)


def _refresh_spare(
    out: Output, everything: dict[str, bytes], digests: dict[str, str], cache: BuildCache
) -> bool:
    """Update the spare to the new site if it is intact and few files differ; False if not."""
    spare = out.spare
    kept = cache.manifests.get(str(spare))
    if kept is None or not is_real_dir(spare) or _stats(spare) != {rel: e[1:] for rel, e in kept.items()}:
        return False
    changed = {rel: data for rel, data in everything.items() if kept.get(rel, ("",))[0] != digests[rel]}
    removed = sorted(set(kept) - set(everything))
    if (len(changed) + len(removed)) * REFRESH_SHARE > len(everything):
        return False  # replacing most files one by one is slower than a new hard-linked tree
    cache.set_manifest(str(spare), None)
    if not cache.save():
        return False  # a kill while the spare is half updated must leave it untrusted
    refresh(out, changed, removed)
    return True


def static_files(sources: Snapshot, static_dir: Path) -> dict[str, bytes]:
    """Return the static assets, as the build read them, as output files under static/."""
    found = {}
    for path in sources.files(static_dir):
        try:
            found[f"static/{path.relative_to(static_dir).as_posix()}"] = sources.read_bytes(path)
        except OSError as exc:
            raise BuildFailed([io_problem(sources.rel(path), exc, "read the file")]) from None
    return found


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _stats(folder: Path) -> dict[str, Stat]:
    """Return size, mtime and inode of every file below folder; links count as files."""
    found: dict[str, Stat] = {}
    if not is_real_dir(folder):
        return found
    prefix = len(str(folder)) + 1
    stack = [str(folder)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                else:
                    st = entry.stat(follow_symlinks=False)
                    # A link or another kind of file never matches what a build wrote.
                    ino = st.st_ino if stat.S_ISREG(st.st_mode) else -1
                    found[entry.path[prefix:]] = (st.st_size, st.st_mtime_ns, ino)
    return found
