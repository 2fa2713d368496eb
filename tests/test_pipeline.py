"""End to end: the seed acceptance test and batches with bad inputs in them."""

from __future__ import annotations

from datetime import date

from eventwire.evaluate import load_seed_gold, score_seed
from eventwire.ingest import read_articles
from eventwire.records import CodedArticle, Skip


def test_seed_acceptance(pipeline, seed_paths):
    article, gold_path = seed_paths
    gold = load_seed_gold(gold_path)
    coded = [c for c in pipeline.code(read_articles([article], published=date(2018, 12, 8)))]
    assert len(coded) == 1 and isinstance(coded[0], CodedArticle)
    score = score_seed(gold, [e.to_dict() for e in coded[0].events])
    print(score.summary())
    assert len(score.matched) >= 12, [g["id"] for g in score.missed]
    assert not score.no_event_hits
    assert len(score.extras) <= 2, [(e["cameo"], e["sentence"][:60]) for e in score.extras]


def test_seed_dates_follow_the_text(pipeline, seed_paths):
    article, _ = seed_paths
    [coded] = pipeline.code(read_articles([article], published=date(2018, 12, 8)))
    by_sentence = {e.sentence[:30]: e for e in coded.events}
    caption = next(e for s, e in by_sentence.items() if s.startswith("Russian President Vladimir"))
    assert (caption.date.value, caption.date.precision.value) == ("2017-03-09", "day")
    refusal = next(e for e in coded.events if e.cameo == "125")
    assert (refusal.date.value, refusal.date.precision.value) == ("2018-11", "month")
    assert not any("Armageddon" in e.sentence for e in coded.events)  # the >> teaser is gone
    assert (caption.location.name, caption.location.country) == ("Moscow", "RUS")
    forum = next(e for e in coded.events if "Paris Peace Forum" in e.sentence)
    assert (forum.location.name, forum.location.country) == ("Paris", "FRA")


def test_seed_quotes_have_speakers_and_claims(pipeline, seed_paths):
    article, _ = seed_paths
    [coded] = pipeline.code(read_articles([article], published=date(2018, 12, 8)))
    praise = next(q for q in coded.quotes if "conversation with Putin" in q.content.text)
    assert praise.direct and praise.speaker.name == "Benjamin Netanyahu"
    tweeted = next(e for e in coded.events if e.trigger.text == "emphasized")
    assert tweeted.claimed_by.code == "RUSGOV" and tweeted.modality.value == "reported"


def test_batch_survives_bad_inputs(pipeline, tmp_path):
    (tmp_path / "a-good.txt").write_text("Egyptian police arrested dozens of protesters in Cairo on Friday.\n")
    (tmp_path / "b-empty.txt").write_text("")
    (tmp_path / "c-binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "d-latin1.txt").write_bytes("Le ministre a parlé à Paris.".encode("latin-1"))
    (tmp_path / "e-corpus.jsonl").write_text(
        '{"id": "1", "text": "Brazil\'s president praised the Argentine government.", "published": "2020-01-02"}\n'
        '{"id": "2", "text": "broken\n'
        '{"id": "3", "text": "The Kremlin condemned the NATO exercises.", "published": "2020-01-03"}\n'
    )
    results = list(pipeline.code(read_articles([tmp_path])))
    coded = [r for r in results if isinstance(r, CodedArticle)]
    skips = [r for r in results if isinstance(r, Skip)]
    assert len(coded) == 3 and all(c.events for c in coded)
    reasons = " ".join(s.reason for s in skips)
    assert len(skips) == 4
    for code in ("[E001]", "[E002]", "[E003]", "[E004]"):
        assert code in reasons
    assert len({c.article.id for c in coded}) == 3


def test_oversized_article_is_skipped_not_fatal(pipeline):
    from eventwire.records import Article

    huge = Article(id="big", text="word " * (pipeline.nlp.max_length // 5 + 10), origin="big.txt")
    ok = Article(id="ok", text="Germany criticized Russia on Monday.", origin="ok.txt")
    results = list(pipeline.code([huge, ok]))
    assert isinstance(results[0], Skip) and "[E014]" in results[0].reason
    assert isinstance(results[1], CodedArticle) and results[1].events
