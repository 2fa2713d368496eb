"""Score the dates stage against TimeBank 1.2 (TimeML ``.tml`` files).

Gold: every ``TIMEX3`` of ``type="DATE"`` inside ``<TEXT>``, normalised
against the document creation time (the ``TIMEX3`` with
``functionInDocument="CREATION_TIME"``). The system output is
:func:`eventwire.dates.find_timexes` over the whole document text. A gold
date is *found* when a predicted :class:`~eventwire.records.DateRef`
overlaps its span, and *correct* when the TIMEX3 value (``DateRef.timex``)
of the most-overlapping prediction equals the gold value exactly (so the
granularity must match too: gold ``1998-01`` needs ``1998-01``, not
``1998-01-15``; gold ``1998-W02`` needs the week, not its month).

``value_accuracy`` is over all gold DATE timexes, calendar-valued or not
(weeks ``1998-W02``, quarters ``1998-Q1``, seasons, decades,
``PRESENT_REF``...); ``value_accuracy_calendar`` over the calendar-valued
ones only (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``). Unresolvable gold values
(``1998-WXX``, ``XXXX``) count as misses in both.

Run ``python -m eventwire.evaluate_dates FOLDER [--debug]`` to print the
numbers (and, with ``--debug``, examples of each kind of error).
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .dates import find_timexes
from .errors import InputError, E030, E031

logger = logging.getLogger(__name__)

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_DCT = re.compile(r"<TIMEX3\b[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")


@dataclass(frozen=True)
class GoldDate:
    doc: str
    text: str
    value: str
    start: int
    end: int

    @property
    def calendar(self) -> bool:
        return bool(_CALENDAR.match(self.value))


def read_tml(path: Path) -> tuple[str, date | None, list[GoldDate]]:
    """The plain ``<TEXT>`` of a TimeML file, its creation date and its gold DATE timexes."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = _DCT.search(raw)
    published = None
    if dct_tag:
        value = dict(_ATTR.findall(dct_tag.group())).get("value", "")
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            published = date.fromisoformat(value[:10])
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body is None:
        raise InputError(E031.format(path=path))
    chunk = body.group(1)
    parts: list[str] = []
    length = 0
    gold: list[GoldDate] = []
    open_timex: tuple[dict, int] | None = None
    pos = 0
    for tag in _TAG.finditer(chunk):
        piece = html.unescape(chunk[pos : tag.start()])
        parts.append(piece)
        length += len(piece)
        pos = tag.end()
        closing, name = tag.group(1), tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (dict(_ATTR.findall(tag.group(3))), length)
        elif open_timex is not None:
            attrs, start = open_timex
            open_timex = None
            if attrs.get("type") == "DATE" and attrs.get("functionInDocument") != "CREATION_TIME":
                text = "".join(parts)[start:length]
                gold.append(GoldDate(path.stem, text, attrs.get("value", ""), start, length))
    parts.append(html.unescape(chunk[pos:]))
    return "".join(parts), published, gold


def evaluate_timebank(folder: Path, *, debug: bool = False) -> dict:
    """Score :func:`eventwire.dates.find_timexes` on the TimeBank ``.tml`` files in ``folder``.

    Returns counts and rates: ``value_accuracy`` (correct / all gold DATEs),
    ``value_accuracy_calendar`` (correct / calendar-valued gold DATEs),
    ``value_accuracy_noncalendar`` (correct / the other gold DATEs),
    ``span_recall`` and ``span_recall_calendar`` (gold with any overlapping
    prediction), ``accuracy_when_found_calendar``, ``spurious`` (predictions
    overlapping no gold DATE; some are TIMEX3 of another type or unannotated
    dates) and ``seconds``. With ``debug``, error examples are logged and
    returned under ``errors``.
    """
    import time

    files = sorted(Path(folder).glob("*.tml"))
    if not files:
        raise InputError(E030.format(path=folder))
    counts: Counter = Counter()
    errors: dict[str, list[str]] = {"wrong_value": [], "missed": [], "spurious": []}
    elapsed = 0.0
    for path in files:
        text, published, gold = read_tml(path)
        began = time.perf_counter()
        predicted = find_timexes(text, published)
        elapsed += time.perf_counter() - began
        used: set[int] = set()
        for g in gold:
            kind = "calendar" if g.calendar else "noncalendar"
            counts[f"gold_{kind}"] += 1
            overlapping = [
                (min(p.end, g.end) - max(p.start, g.start), i, p)
                for i, p in enumerate(predicted)
                if p.start < g.end and g.start < p.end
            ]
            if not overlapping:
                errors["missed"].append(f"{g.doc} dct={published} {g.text!r} gold={g.value}"
                                        f"  ...{_window(text, g.start, g.end)}...")
                continue
            _, index, best = max(overlapping, key=lambda o: o[0])
            used.update(i for _, i, _ in overlapping)
            counts[f"found_{kind}"] += 1
            if (best.timex or best.value) == g.value:
                counts[f"correct_{kind}"] += 1
            else:
                errors["wrong_value"].append(
                    f"{g.doc} dct={published} gold {g.text!r}={g.value} "
                    f"predicted {best.text!r}={best.timex or best.value}  ...{_window(text, g.start, g.end)}..."
                )
        for i, p in enumerate(predicted):
            if i not in used:
                counts["spurious"] += 1
                errors["spurious"].append(f"{path.stem} {p.text!r}={p.timex or p.value}  ...{_window(text, p.start, p.end)}...")
    gold_all = counts["gold_calendar"] + counts["gold_noncalendar"]
    found_all = counts["found_calendar"] + counts["found_noncalendar"]
    correct_all = counts["correct_calendar"] + counts["correct_noncalendar"]
    result = {
        "documents": len(files),
        "gold_dates": gold_all,
        "gold_calendar": counts["gold_calendar"],
        "gold_noncalendar": counts["gold_noncalendar"],
        "found": found_all,
        "found_calendar": counts["found_calendar"],
        "correct": correct_all,
        "correct_calendar": counts["correct_calendar"],
        "value_accuracy": _rate(correct_all, gold_all),
        "value_accuracy_calendar": _rate(counts["correct_calendar"], counts["gold_calendar"]),
        "value_accuracy_noncalendar": _rate(counts["correct_noncalendar"], counts["gold_noncalendar"]),
        "span_recall": _rate(found_all, gold_all),
        "span_recall_calendar": _rate(counts["found_calendar"], counts["gold_calendar"]),
        "accuracy_when_found_calendar": _rate(counts["correct_calendar"], counts["found_calendar"]),
        "spurious": counts["spurious"],
        "seconds": round(elapsed, 3),
    }
    if debug:
        for kind, examples in errors.items():
            for example in examples:
                logger.info("%s: %s", kind, example)
        result["errors"] = errors
    return result


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _window(text: str, start: int, end: int, width: int = 50) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - width) : end + width])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score the dates stage on TimeBank .tml files")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--debug", action="store_true", help="print examples of every error")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.debug else logging.WARNING, format="%(message)s")
    result = evaluate_timebank(args.folder, debug=args.debug)
    result.pop("errors", None)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
