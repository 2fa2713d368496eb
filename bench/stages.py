"""Start-up and per-sentence costs of the cheap stages, each measured in a fresh process.

    python bench/stages.py

Prints the knowledge-base load time and the memory it adds (issue floor: < 1 s,
< 300 MB) with an empty cache of parsed data (the first run after an install or
a data edit) and with a warm one (every later start), the gazetteer's build
time, and ms per sentence for actor resolution, dates and quotes on sentences
from ../shared/data/news/polnear-train.jsonl.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from eventwire.cache import CACHE_ENV_VAR

KB = """
import resource, sys, time
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
from eventwire.kb import load_kb
kb = load_kb()
seconds = time.perf_counter() - t0
added = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(f"knowledge base, {sys.argv[1]} cache: {len(kb.people)} people, {len(kb.organisations)} organisations: "
      f"load {seconds:.2f} s (imports included), +{added:.0f} MB peak RSS")
"""

GAZETTEER = """
import time
from eventwire.kb import load_kb
from eventwire.places import load_gazetteer
load_kb()
t0 = time.perf_counter()
gazetteer = load_gazetteer()
print(f"gazetteer: {len(gazetteer.names)} names: build {time.perf_counter() - t0:.2f} s (knowledge base loaded before)")
"""

STAGES = """
import json, time
from pathlib import Path
from eventwire import nlp as nlp_stage
from eventwire.actors import ActorResolver
from eventwire.dates import find_dates
from eventwire.kb import load_kb
from eventwire.quotes import find_quotes
corpus = Path(__file__ if False else {corpus!r})
texts = [json.loads(line)["text"] for line in corpus.open()][:40]
nlp = nlp_stage.load()
docs = list(nlp_stage.parse(nlp, texts))
n = sum(1 for d in docs for _ in d.sents)
resolver = ActorResolver(load_kb(), nlp)
resolver.resolve(docs[0])
t = time.perf_counter(); mentions = [resolver.resolve(d) for d in docs]; actors = time.perf_counter() - t
t = time.perf_counter(); [find_dates(s.text, None) for d in docs for s in d.sents]; dates = time.perf_counter() - t
t = time.perf_counter(); [find_quotes(d, m) for d, m in zip(docs, mentions)]; quotes = time.perf_counter() - t
print(f"{{n}} sentences: actors {{actors / n * 1000:.3f}} ms, dates {{dates / n * 1000:.3f}} ms, "
      f"quotes {{quotes / n * 1000:.3f}} ms per sentence")
"""


def main() -> None:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "polnear-train.jsonl"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, CACHE_ENV_VAR: folder}  # starts empty: the first KB load is a cold one
        for code, *args in ((KB, "cold"), (KB, "warm"), (GAZETTEER,), (STAGES.format(corpus=str(corpus)),)):
            out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
            print(out.stdout.strip() or out.stderr.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
