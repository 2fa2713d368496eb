"""End-to-end ingest at scale: 1 vs 2 worker processes against a bare spaCy parse.

    python bench/ingest_scale.py [--corpus FILE] [--limit N] [--workers 1,2]

Each stage runs in a fresh subprocess, and this process samples the RSS of
that subprocess and all its children (the worker processes) every 0.1 s, so
"peak RSS" is the whole process tree's:

* ``baseline``: ``nlp.pipe`` over the same texts with the same model, one process;
* ``ingest-N``: ``eventwire.runner.ingest_into_store`` into a fresh temporary
  DuckDB file with N workers (N=1 codes in-process), start-up included;
(per-stage times of one process: ``bench/throughput.py``).

Prints articles/s for each, the speed-up of N workers over 1, the ratio to the
bare parse, peak tree RSS and events stored, then checks the targets
(>= 15 articles/s with 2 workers, no slower than the bare parse, <= 2.5 GB).
Each stage also reports the CPU seconds of its process tree (user + system,
start-up included) and articles per CPU second: when other work shares the
cores, wall-clock rates of stages run one after the other are not comparable,
CPU seconds much more so.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "polnear-train.jsonl"
TARGET_RATE, TARGET_RSS_MB = 15.0, 2500.0


def _articles(corpus: Path, limit: int | None):
    from eventwire.ingest import read_articles
    from eventwire.records import Article

    items = [a for a in read_articles([corpus]) if isinstance(a, Article)]
    return items[:limit] if limit else items


def _baseline(articles) -> dict:
    from eventwire import nlp as nlp_stage

    nlp = nlp_stage.load()
    started = time.perf_counter()
    sentences = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe((a.text for a in articles), batch_size=16))
    return {"seconds": time.perf_counter() - started, "sentences": sentences}


def _ingest(articles, workers: int) -> dict:
    from eventwire.runner import ingest_into_store
    from eventwire.store import Store

    stamps: list[float] = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        stats = ingest_into_store(articles, store, workers=workers, progress=lambda _: stamps.append(time.perf_counter()))
        seconds = time.perf_counter() - started
        from eventwire.aggregate import ensure_aggregated

        summary = ensure_aggregated(store)  # what `eventwire ingest` does at its end
        counts = store.counts()
    # steady state: from the first result to the last, i.e. without model loading
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else None
    return {"seconds": seconds, "steady_articles_per_s": steady, "events": counts["events"],
            "aggregated_events": summary.events, "aggregate_seconds": round(summary.seconds, 2),
            "stored": counts["articles"], "skipped": stats.skipped}


def run_stage(stage: str, corpus: Path, limit: int | None) -> dict:
    articles = _articles(corpus, limit)
    if stage == "baseline":
        result = _baseline(articles)
    else:
        result = _ingest(articles, int(stage.split("-")[1]))
    result.update(stage=stage, articles=len(articles), articles_per_s=len(articles) / result["seconds"])
    return result


# --------------------------------------------------------------------------- process-tree RSS


def _tree_rss_mb(pid: int, cpu: dict[int, float]) -> float:
    """RSS of ``pid`` and its descendants; records each one's CPU seconds so far in ``cpu``."""
    try:
        import psutil
    except ImportError:
        return _tree_rss_proc(pid, cpu)
    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
            times = proc.cpu_times()
            cpu[proc.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def _tree_rss_proc(pid: int, cpu: dict[int, float]) -> float:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        ticks[int(entry)] = int(fields[11]) + int(fields[12])  # utime + stime
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    for p in tree:
        cpu[p] = ticks.get(p, 0) / os.sysconf("SC_CLK_TCK")
    return sum(rss.get(p, 0) for p in tree) / 2**20


def _run_sampled(cmd: list[str]) -> tuple[dict, float, float]:
    """Run a stage; its result, peak tree RSS (MB) and the tree's CPU seconds (sampled every
    0.1 s, so a process's last tenth of a second may be missed)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_mb(proc.pid, cpu))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"stage {cmd[-1]} failed with exit code {proc.returncode}")
    return json.loads(out.strip().splitlines()[-1]), peak, sum(cpu.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--workers", default="1,2", help="worker counts to run, comma-separated")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.corpus, args.limit)))
        return
    stages = ["baseline"] + [f"ingest-{n}" for n in args.workers.split(",")]
    results = {}
    for stage in stages:
        cmd = [sys.executable, __file__, "--corpus", str(args.corpus)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        result, peak, cpu = _run_sampled(cmd + ["--stage", stage])
        result["peak_tree_rss_mb"] = peak
        result["cpu_seconds"] = cpu
        results[stage] = result
        line = (f"{stage:<10} {result['articles']} articles in {result['seconds']:.1f} s: "
                f"{result['articles_per_s']:.2f} articles/s, {cpu:.0f} CPU s in all "
                f"({result['articles'] / cpu:.2f} articles per CPU s), peak tree RSS {peak:.0f} MB")
        if stage.startswith("ingest"):
            steady = result["steady_articles_per_s"]
            line += (f", {result['events']} event mentions stored -> {result['aggregated_events']} aggregated events"
                     f" (aggregation {result['aggregate_seconds']} s), {result['skipped']} skipped"
                     + (f", steady state {steady:.2f} articles/s" if steady else ""))
        print(line, flush=True)
    base = results["baseline"]["articles_per_s"]
    one = results.get("ingest-1", {}).get("articles_per_s")
    for stage, result in results.items():
        if stage.startswith("ingest"):
            rate = result["articles_per_s"]
            per_cpu = results["baseline"]["cpu_seconds"] / result["cpu_seconds"]
            print(f"{stage}: {rate / base:.2f}x the bare parse" + (f", {rate / one:.2f}x ingest-1" if one else "")
                  + f"; per CPU second {per_cpu:.2f}x the bare parse")
    best = max((r for s, r in results.items() if s.startswith("ingest")), key=lambda r: r["articles_per_s"])
    peak = max(r["peak_tree_rss_mb"] for s, r in results.items() if s.startswith("ingest"))
    print(f"targets: >= {TARGET_RATE:.0f} articles/s {'met' if best['articles_per_s'] >= TARGET_RATE else 'NOT met'}; "
          f"no slower than the bare parse {'met' if best['articles_per_s'] >= base else 'NOT met'}; "
          f"peak RSS <= {TARGET_RSS_MB:.0f} MB {'met' if peak <= TARGET_RSS_MB else 'NOT met'}")


if __name__ == "__main__":
    main()
