"""The event ontologies: CAMEO codes (names, Goldstein scores, QuadClass) and
their PLOVER 0.8 type, mode and context.

Both tables are data files in the package: ``data/cameo_codes.csv`` and the
OEDA conversion table ``data/cameo2plover.txt`` (CC BY-SA 4.0), read once, with
``data/plover_amendments.txt`` on top where the PLOVER manual departs from it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import E009, KnowledgeBaseError

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Code:
    """One CAMEO code with everything the event record needs from the ontologies."""

    cameo: str
    name: str
    goldstein: float
    quad_class: int
    event_type: str | None  # PLOVER type; None for CAMEO 01x public statements
    mode: str | None
    context: tuple[str, ...]


def quad_class(cameo: str) -> int:
    """GDELT/ICEWS QuadClass from the CAMEO root: 1 verbal cooperation (01-04),
    2 material cooperation (05-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
    root = int(cameo[:2])
    if root <= 4:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4


def _read(name: str) -> str:
    return resources.files("eventwire").joinpath("data", name).read_text(encoding="utf-8")


def _parse_cameo2plover(name: str) -> dict[str, tuple[str, str | None, tuple[str, ...]]]:
    table: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
    for lineno, raw in enumerate(_read(name).splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        code, _, rest = line.partition(":")
        parts = [p.strip() for p in rest.split(",")]
        if not code.strip().isdigit() or not parts[0]:
            raise KnowledgeBaseError(E009.format(path=name, detail=f"line {lineno}: {raw!r}"))
        event_type = parts[0]
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = tuple(c.strip() for c in parts[2].split(";") if c.strip()) if len(parts) > 2 else ()
        table[code.strip()] = (event_type, mode, context)
    return table


@lru_cache(maxsize=1)
def codes() -> dict[str, Code]:
    """All CAMEO codes, keyed by code string ("041")."""
    plover = _parse_cameo2plover("cameo2plover.txt") | _parse_cameo2plover("plover_amendments.txt")
    rows = csv.DictReader(line for line in io.StringIO(_read("cameo_codes.csv")) if not line.startswith("#"))
    table: dict[str, Code] = {}
    for row in rows:
        cameo = row["code"]
        if cameo.startswith("01"):
            event_type, mode, context = None, None, ()
        elif cameo.startswith("02"):
            # PLOVER folds CAMEO appeals (02x) into REQUEST; their sub-codes parallel demands (10x)
            _, mode, context = plover.get("10" + cameo[2:], ("REQUEST", None, ()))
            event_type = "REQUEST"
        else:
            event_type, mode, context = plover.get(cameo) or plover.get(cameo[:3]) or plover[cameo[:2]]
        table[cameo] = Code(cameo, row["name"], float(row["goldstein"]), quad_class(cameo), event_type, mode, context)
    return table


def lookup(cameo: str) -> Code:
    """The ontology record of one CAMEO code; KeyError names unknown codes."""
    try:
        return codes()[cameo]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {cameo!r}") from None
