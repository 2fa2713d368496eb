"""Scale: local worker processes and Dask code exactly like one process, and survive kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from eventwire.records import Article, CodedArticle, Skip, content_id
from eventwire.runner import IngestStats, code_parallel, ingest_into_store
from eventwire.store import Store

SENTENCES = [
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Monday to discuss energy prices.",
    "Turkey accused Greece of violating its airspace last week, the foreign ministry in Ankara said.",
    "The Indian government refused to sign the trade agreement with China.",
    "Japanese Prime Minister Fumio Kishida agreed to visit South Korea next month.",
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday.",
    "The United Nations urged Ethiopia to allow aid convoys into the northern region.",
]


def make_articles(n: int = len(SENTENCES)) -> list[Article]:
    """n distinct small articles (the i-th cycles through SENTENCES)."""
    out = []
    for i in range(n):
        text = SENTENCES[i % len(SENTENCES)]
        if i >= len(SENTENCES):
            text += f" Officials said talks would resume after round {i}."
        out.append(Article(id=content_id(text), text=text, published=date(2023, 5, 10), origin=f"handmade:{i}"))
    return out


def events_of(results) -> list[dict]:
    return sorted((e.to_dict() for r in results if isinstance(r, CodedArticle) for e in r.events),
                  key=lambda d: d["id"])


class FakePipeline:
    """Codes instantly with no model; an article containing POISON kills its worker process."""

    def code(self, items):
        for item in items:
            if isinstance(item, Skip):
                yield item
                continue
            if "POISON" in item.text:
                os.kill(os.getpid(), signal.SIGKILL)
            yield CodedArticle(article=item)


def fake_pipeline() -> FakePipeline:  # module-level: worker processes unpickle it by name
    return FakePipeline()


@pytest.fixture(scope="module")
def inline_events(pipeline):
    articles = make_articles()
    results = list(code_parallel(articles, workers=1, pipeline_factory=lambda: pipeline))
    assert [r.article.id for r in results] == [a.id for a in articles]
    events = events_of(results)
    assert len(events) >= 4  # the handmade articles carry events at all
    return events


def test_records_survive_pickling(pipeline):
    import pickle

    coded = pipeline.code_text(SENTENCES[0], date(2023, 5, 10))
    assert coded.events
    assert pickle.loads(pickle.dumps(coded)) == coded


@pytest.mark.slow
def test_two_workers_code_like_one_process(inline_events):
    articles = make_articles()
    skip = Skip("broken.html", "[E007] broken.html: no article text left after extracting the main content")
    items = articles[:3] + [skip] + articles[3:]
    results = list(code_parallel(items, workers=2, chunk_size=2))
    assert len(results) == len(items)
    assert results[3] == skip  # the input Skip passes through, in place
    assert [r.article.id for r in results if isinstance(r, CodedArticle)] == [a.id for a in articles]
    assert events_of(results) == inline_events


@pytest.mark.slow
def test_dask_local_cluster_codes_like_one_process(inline_events):
    pytest.importorskip("distributed")
    results = list(code_parallel(make_articles(), workers=2, dask="local", chunk_size=2))
    assert all(isinstance(r, CodedArticle) for r in results)
    assert events_of(results) == inline_events


def test_invalid_worker_count_is_a_clear_error():
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match=r"\[E091\] invalid workers=0"):
        code_parallel([], workers=0)


def test_chunk_that_kills_its_worker_twice_becomes_skips_and_the_rest_is_coded():
    articles = make_articles(12)
    poison = Article(id="p0150n", text="POISON pill", origin="poison.txt")
    items = articles[:5] + [poison] + articles[5:]
    results = list(code_parallel(items, workers=2, chunk_size=3, pipeline_factory=fake_pipeline))
    assert len(results) == len(items)
    # the poison's chunk-mates (chunk 1: items 3, 4, 5) are lost with it, nothing else
    skipped = {r.origin for r in results if isinstance(r, Skip)}
    assert skipped == {"poison.txt", "handmade:3", "handmade:4"}
    assert all("[E090]" in r.reason for r in results if isinstance(r, Skip))
    coded = [r.article.id for r in results if isinstance(r, CodedArticle)]
    assert coded == [a.id for a in articles if a.origin not in skipped]


@pytest.mark.slow
def test_killed_worker_loses_and_duplicates_nothing(caplog):
    import multiprocessing

    articles = make_articles(24)
    results = []
    killed = None
    for result in code_parallel(articles, workers=2, chunk_size=2):
        results.append(result)
        if killed is None:
            workers = [p for p in multiprocessing.active_children() if p.name == "eventwire-worker"]
            killed = workers[0].pid
            os.kill(killed, signal.SIGKILL)
    assert f"worker {killed} died" in caplog.text and "coding it again" in caplog.text
    assert [r.article.id for r in results] == [a.id for a in articles]  # each once, in order, all coded


CHILD = """
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_runner import make_articles
from eventwire.runner import ingest_into_store
from eventwire.store import Store

progress = Path({progress!r})
done = 0
def tick(result):
    global done
    done += 1
    tmp = progress.with_suffix(".tmp")
    tmp.write_text(str(done))
    tmp.replace(progress)

with Store({db!r}) as store:
    ingest_into_store(make_articles(40), store, workers=2, chunk_size=2, progress=tick)
"""


@pytest.mark.slow
def test_ingest_killed_midway_finishes_on_rerun_without_duplicates(tmp_path):
    db, progress = tmp_path / "events.duckdb", tmp_path / "progress.txt"
    script = CHILD.format(tests=str(Path(__file__).parent), progress=str(progress), db=str(db))
    child = subprocess.Popen([sys.executable, "-c", script], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and child.poll() is None:
            if progress.exists() and int(progress.read_text() or 0) >= 6:
                break
            time.sleep(0.05)
        assert child.poll() is None, child.stderr.read().decode()[-2000:]
        os.kill(child.pid, signal.SIGKILL)  # the ingest process itself, mid-run
        child.wait(timeout=10)
        time.sleep(0.5)  # its orphaned workers see the closed pipe and exit
    finally:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # anything of the child's still running
        except ProcessLookupError:
            pass
        child.stderr.close()

    articles = make_articles(40)
    with Store(db) as store:
        before = store.counts()["articles"]
        assert 6 <= before < 40
        stats = ingest_into_store(articles, store, workers=2, chunk_size=4)
        assert stats.already == before and stats.added == 40 - before and stats.skipped == 0
        assert store.counts()["articles"] == 40
        n, distinct = store.con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone()
        assert n == distinct
        assert ingest_into_store(articles, store, workers=2) == IngestStats(already=40)
