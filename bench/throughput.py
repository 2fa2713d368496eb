"""Throughput and memory of the coding pipeline against a bare spaCy parse.

    python bench/throughput.py [--corpus FILE] [--limit N]

Runs two stages, each in a fresh subprocess so peak RSS is its own:
``baseline`` (``nlp.pipe`` over the same texts with the same model, nothing
else) and ``pipeline`` (ingest cleaning + parse + actors + events + dates).
Prints articles/s, sentences/s, peak RSS and the pipeline/baseline ratio, and
the same per CPU second of the process: on a machine shared with other work,
CPU time moves much less than wall time, so compare those between runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "polnear-train.jsonl"


def _articles(corpus: Path, limit: int | None):
    from eventwire.ingest import read_articles
    from eventwire.records import Article

    items = [a for a in read_articles([corpus]) if isinstance(a, Article)]
    return items[:limit] if limit else items


def run_stage(stage: str, corpus: Path, limit: int | None) -> dict:
    from eventwire import nlp as nlp_stage

    articles = _articles(corpus, limit)
    nlp = nlp_stage.load()
    started, cpu_started = time.perf_counter(), time.process_time()
    sentences = events = 0
    if stage == "baseline":
        for doc in nlp.pipe((a.text for a in articles), batch_size=16):
            sentences += sum(1 for _ in doc.sents)
    else:
        from eventwire.pipeline import Pipeline
        from eventwire.records import CodedArticle

        pipeline = Pipeline(nlp=nlp)
        list(pipeline.code(articles[:2]))  # warm up: lazy loads (encoder, gazetteer) are start-up
        stages = _time_stages(pipeline)
        started, cpu_started = time.perf_counter(), time.process_time()
        for coded in pipeline.code(articles):
            if isinstance(coded, CodedArticle):
                sentences += coded.n_sentences
                events += len(coded.events)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    breakdown = {}
    if stage == "pipeline":  # CPU seconds
        breakdown = {name: round(t, 2) for name, t in stages.items()}
        breakdown["other stages"] = round(cpu_seconds - sum(stages.values()), 2)
    return {
        "stage": stage,
        "articles": len(articles),
        "sentences": sentences,
        "events": events,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(articles) / seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "articles_per_cpu_s": round(len(articles) / cpu_seconds, 2),
        "sentences_per_s": round(sentences / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "breakdown_s": breakdown,
    }


def _time_stages(pipeline) -> dict[str, float]:
    """Wrap the parse and the type model so the run reports where its time goes."""
    from eventwire import nlp as nlp_stage
    from eventwire import pipeline as pipeline_module

    totals = {"split + filter + parse": 0.0, "type model": 0.0}

    def timed(name, fn):  # CPU time: the process runs on one thread
        def wrapper(*args, **kwargs):
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                totals[name] += time.process_time() - t
        return wrapper

    pipeline_module.nlp_stage.parse_selected = timed("split + filter + parse", nlp_stage.parse_selected)
    pipeline.classifier.score = timed("type model", pipeline.classifier.score)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--stage", choices=["baseline", "pipeline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.corpus, args.limit)))
        return
    results = {}
    for stage in ("baseline", "pipeline"):
        cmd = [sys.executable, __file__, "--stage", stage, "--corpus", str(args.corpus)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        results[stage] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    for r in results.values():
        print(f"{r['stage']:<9} {r['articles']} articles, {r['sentences']} sentences in {r['seconds']} s: "
              f"{r['articles_per_s']} articles/s ({r['articles_per_cpu_s']} per CPU second), "
              f"{r['sentences_per_s']} sentences/s, peak RSS {r['peak_rss_mb']} MB"
              + (f", {r['events']} events" if r["stage"] == "pipeline" else ""))
    ratio = results["pipeline"]["articles_per_s"] / results["baseline"]["articles_per_s"]
    cpu_ratio = results["pipeline"]["articles_per_cpu_s"] / results["baseline"]["articles_per_cpu_s"]
    print(f"pipeline/baseline throughput ratio: {ratio:.2f} (per CPU second: {cpu_ratio:.2f})")
    breakdown = results["pipeline"]["breakdown_s"]
    total = sum(breakdown.values())
    print("pipeline CPU time by stage: " + ", ".join(f"{k} {v} s ({v / total:.0%})" for k, v in breakdown.items()))
    model = breakdown["type model"]
    print(f"the type model adds {model / (total - model):.0%} to the rest of the pipeline's CPU time (issue #3: at most 30%)")


if __name__ == "__main__":
    main()
