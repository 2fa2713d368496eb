"""Start-up costs: a per-user cache of parsed package data, and a GC pause for building big tables.

The cache lives in ``$EVENTWIRE_CACHE``, else ``$XDG_CACHE_HOME/eventwire``,
else ``~/.cache/eventwire``. A file there is named by a hash of everything its
value was built from, so an edited data file is simply a miss. The cache is
only ever a shortcut: a missing, damaged or unwritable one means the data is
parsed again, with the same result.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from . import __version__

log = logging.getLogger(__name__)

CACHE_ENV_VAR = "EVENTWIRE_CACHE"
# bump when what is stored changes shape in a way the hashed inputs do not show
FORMAT = 1

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The per-user cache directory; None when there is no home directory to put it in."""
    if os.environ.get(CACHE_ENV_VAR):
        return Path(os.environ[CACHE_ENV_VAR])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "eventwire"
    try:
        return Path.home() / ".cache" / "eventwire"
    except RuntimeError:  # no $HOME and no password entry (some containers)
        return None


def cached(name: str, inputs: Iterable[bytes], build: Callable[[], T]) -> T:
    """``build()``, or its result stored by an earlier process from the same ``inputs``.

    ``inputs`` are the bytes ``build`` reads (data files, the parsing module's
    source): any change to them, to :data:`FORMAT` or to the eventwire version
    names another file. Storing a new file for ``name`` removes the older ones.
    """
    digest = hashlib.sha256(f"{FORMAT} {__version__}".encode())
    for part in inputs:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    folder = cache_dir()
    path = folder / f"{name}-{digest.hexdigest()[:32]}.pickle" if folder else None
    if path is not None:
        try:
            with path.open("rb") as file:
                return pickle.load(file)
        except FileNotFoundError:
            pass
        except Exception as exc:  # a damaged file fails to unpickle in many ways; parsing is always right
            log.info("cache file %s unreadable (%s): parsing the data again", path, exc)
    with paused_gc():
        value = build()
    if path is not None:
        _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    """Write ``value`` to ``path`` atomically (a reader never sees half a file), then drop older files of ``name``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
    except OSError as exc:
        log.info("cache directory %s not writable (%s): not caching %s", path.parent, exc, name)
        return
    try:
        with os.fdopen(fd, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError as exc:
        log.info("cache file %s not written (%s)", path, exc)
        return
    finally:
        with contextlib.suppress(OSError):  # gone already once it is replaced
            os.unlink(temp)
    for old in path.parent.glob(f"{name}-*.pickle"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Building a table of a few hundred thousand long-lived objects makes the
    collector walk the whole heap again and again, finding nothing: for the
    gazetteer that was 0.9 of its 1.5 s.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
