"""How much eventwire codes on ordinary news: the over-coding check GSR cannot make.

    python bench/coding_rate.py [--limit 120] [--show model|rule] [--examples 20]

GSR has an event in every sentence, so it rewards coding eagerly; a newspaper
mostly does not. This codes the first N articles of
../shared/data/news/polnear-train.jsonl (US election coverage, few international
events) and prints events per article, split by what decided them (a rule or
the type model), the types coded, and a fixed random sample of events to read.
Compare the line before and after a change to the coder, the model or its
threshold: more events here with no gain on GSR is over-coding.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

from eventwire.ingest import read_articles
from eventwire.pipeline import Pipeline
from eventwire.records import CodedArticle

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "polnear-train.jsonl"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=120, help="first N articles")
    parser.add_argument("--show", choices=("model", "rule"), default=None, help="print a sample of these events")
    parser.add_argument("--examples", type=int, default=20)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"no corpus at {args.corpus}")
    articles = []
    for item in read_articles([args.corpus]):
        if len(articles) >= args.limit:
            break
        articles.append(item)
    by_source, by_type, sample = Counter(), Counter(), []
    n_articles = 0
    for coded in Pipeline().code(articles):
        if not isinstance(coded, CodedArticle):
            continue
        n_articles += 1
        for ev in coded.events:
            source = "model" if ev.evidence.startswith("model") else "rule"
            by_source[source] += 1
            by_type[ev.event_type or ev.cameo] += 1
            if source == args.show:
                actors = [a.code if a else None for a in (ev.source, ev.target)]
                sample.append(f"{ev.event_type} {ev.cameo} {actors[0]}->{actors[1]} | {ev.sentence.strip()[:150]}")
    total = sum(by_source.values())
    print(f"{n_articles} articles: {total} events ({total / max(n_articles, 1):.2f} per article); "
          f"rule {by_source['rule']}, model {by_source['model']}")
    print("types: " + ", ".join(f"{t} {n}" for t, n in by_type.most_common()))
    if args.show:
        for line in random.Random(1).sample(sample, min(args.examples, len(sample))):
            print("  " + line)


if __name__ == "__main__":
    main()
