"""Ingest: files, folders, JSONL and stdin become Articles or Skips with a reason."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.ingest import clean_text, load_rules, looks_english, read_articles
from eventwire.records import Article, Skip, content_id

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[2] / "shared" / "data" / "seed" / "seed-article.txt"

STORY = (
    "The foreign ministers of Freedonia and Sylvania met in Geneva on Saturday and agreed "
    "to reopen the main border crossing between the two countries next month.\n"
)


def read_one(*paths, **kwargs):
    results = list(read_articles([str(p) for p in paths], **kwargs))
    assert len(results) == 1, results
    return results[0]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- sources


def test_txt_file_becomes_an_article_with_headline_title_and_default_date():
    article = read_one(FIXTURES / "article.txt", published=date(2021, 3, 14))
    assert isinstance(article, Article)
    assert article.title == "Freedonia and Sylvania Agree to Reopen Border Crossing"
    assert article.published == date(2021, 3, 14)
    assert article.origin == str(FIXTURES / "article.txt")
    assert article.id == content_id(article.text)
    assert "agreed to reopen the main border crossing" in article.text


def test_txt_teasers_dropped_and_caption_kept_without_prefix():
    text = read_one(FIXTURES / "article.txt").text
    assert "Trade talks stall" not in text
    assert "READ MORE" not in text and "recalls its ambassador" not in text
    assert "FILE Photo" not in text
    assert "\nThe Freedonian foreign minister greets her Sylvanian counterpart" in text
    assert "\n\n\n" not in text  # the gap left by dropped lines collapses


def test_html_page_keeps_article_drops_nav_footer_and_teaser():
    article = read_one(FIXTURES / "article.html")
    assert isinstance(article, Article)
    assert "agreed to reopen the main border crossing" in article.text
    assert "United Nations welcomed" in article.text
    for boilerplate in ("Privacy policy", "Copyright", "Sport", "your daily news", "READ MORE"):
        assert boilerplate not in article.text
    assert article.title == "Ministers agree to reopen border crossing"
    assert article.published == date(2021, 3, 14)  # from the page metadata
    # paragraphs stay separate, so sentences never run across them
    assert "next month.\n\nThe crossing" in article.text


def test_html_caller_date_wins_over_page_date():
    article = read_one(FIXTURES / "article.html", published=date(2021, 3, 15))
    assert article.published == date(2021, 3, 15)


def test_html_without_text_is_skipped(tmp_path):
    page = write(tmp_path, "empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    skip = read_one(page)
    assert isinstance(skip, Skip) and skip.reason.startswith("[E007]")


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", STORY)
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.txt", STORY.replace("Saturday", "Sunday"))
    write(tmp_path, "notes.md", "not an article")  # other file types in a folder are ignored
    results = list(read_articles([tmp_path]))
    assert [r.origin for r in results] == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]
    assert all(isinstance(r, Article) for r in results)


def test_jsonl_malformed_line_is_one_skip_and_the_rest_still_read():
    results = list(read_articles([FIXTURES / "corpus.jsonl"], published=date(2021, 1, 1)))
    articles = [r for r in results if isinstance(r, Article)]
    skips = [r for r in results if isinstance(r, Skip)]
    assert len(articles) == 2
    first, third = articles
    assert first.origin.endswith("corpus.jsonl:1 (id=fr-1)")
    assert first.published == date(2021, 3, 1)  # the document's own date wins
    assert first.title == "President visits neighbour" and first.url == "https://news.example/fr-1"
    assert third.origin.endswith("corpus.jsonl:3 (id=fr-3)")
    assert third.published == date(2021, 1, 1)  # no date of its own: the default
    reasons = sorted(s.reason[:6] for s in skips)
    assert reasons == ["[E004]", "[E005]"]
    malformed = next(s for s in skips if s.reason.startswith("[E004]"))
    assert "corpus.jsonl:2" in malformed.reason  # names the line to fix


def test_jsonl_iso_datetime_and_bad_date(tmp_path):
    corpus = write(
        tmp_path,
        "c.jsonl",
        '{"text": "%s", "published": "2021-03-02T23:15:00Z"}\n{"text": "%s", "published": "last week"}\n'
        % (STORY.strip(), STORY.strip().replace("Geneva", "Vienna")),
    )
    good, bad = read_articles([corpus])
    assert good.published == date(2021, 3, 2)
    assert isinstance(bad, Skip) and bad.reason.startswith("[E040]")


def test_stdin_text_jsonl_and_html():
    text = read_one("-", stdin=io.StringIO(STORY))
    assert isinstance(text, Article) and text.origin == "-"
    docs = list(read_articles(["-"], stdin=io.StringIO('{"text": "%s"}\n\n{"text": ""}\n' % STORY.strip())))
    assert isinstance(docs[0], Article) and docs[0].origin == "-:1"
    assert isinstance(docs[1], Skip) and docs[1].reason.startswith("[E005]")
    html = read_one("-", stdin=io.StringIO((FIXTURES / "article.html").read_text()))
    assert isinstance(html, Article) and "Privacy policy" not in html.text


def test_stdin_bytes_with_bad_utf8_is_skipped():
    stream = io.TextIOWrapper(io.BytesIO(STORY.replace("Geneva", "Gen\xe8ve").encode("latin-1")))
    skip = read_one("-", stdin=stream)
    assert isinstance(skip, Skip) and skip.reason.startswith("[E003]")


# ----------------------------------------------------------------------------- bad input


def test_missing_top_level_path_raises(tmp_path):
    with pytest.raises(InputError, match=r"\[E006\]"):
        list(read_articles([tmp_path / "nope.txt"]))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", "", "[E001]"),
        ("blank.txt", "  \n\n\t \n", "[E001]"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "[E002]"),
        ("doc.pdf", "%PDF-1.4", "[E012]"),
        ("teasers.txt", ">>Another story\nREAD MORE: and another\n", "[E007]"),
    ],
)
def test_bad_files_are_skipped_with_their_reason(tmp_path, name, content, code):
    skip = read_one(write(tmp_path, name, content))
    assert isinstance(skip, Skip)
    assert skip.reason.startswith(code)
    assert name in skip.origin


def test_latin1_file_is_skipped_naming_the_byte_offset(tmp_path):
    data = "Talks in Gen\xe8ve ended.".encode("latin-1")
    skip = read_one(write(tmp_path, "latin1.txt", data))
    assert isinstance(skip, Skip) and skip.reason.startswith("[E003]")
    assert "byte 12" in skip.reason


def test_utf8_bom_is_stripped(tmp_path):
    article = read_one(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + STORY.encode()))
    assert isinstance(article, Article) and article.text.startswith("The foreign ministers")
    assert article.id == read_one("-", stdin=io.StringIO(STORY)).id


def test_file_over_the_size_limit_is_skipped(tmp_path):
    skip = read_one(write(tmp_path, "big.txt", STORY * 10), max_bytes=100)
    assert isinstance(skip, Skip) and skip.reason.startswith("[E011]")


def test_non_english_text_is_skipped_but_name_heavy_news_passes(tmp_path):
    german = (
        "Die Außenminister beider Länder trafen sich am Samstag in Genf und vereinbarten, "
        "den wichtigsten Grenzübergang zwischen den beiden Staaten im nächsten Monat wieder "
        "zu öffnen. Der Übergang war im vergangenen Jahr nach einem Streit über Zollgebühren "
        "geschlossen worden, und der Handel ist seitdem stark zurückgegangen."
    )
    skip = read_one(write(tmp_path, "de.txt", german))
    assert isinstance(skip, Skip) and skip.reason.startswith("[E013]")
    names = (
        "Freedonian President Rufus T. Firefly, Sylvanian Ambassador Trentino, UN envoy Maria "
        "Lopez Garcia, NATO Secretary General Jens Olafsen, EU foreign policy chief Josep Vidal, "
        "Turkish President Erdem Kaya, Iranian Foreign Minister Abbas Rahimi and Qatari Emir "
        "Tamim Al Thani met in Doha on Monday."
    )
    assert isinstance(read_one(write(tmp_path, "names.txt", names)), Article)


def test_english_check_leaves_short_texts_alone():
    ok, _ = looks_english("Gipfeltreffen in Genf")
    assert ok


# ----------------------------------------------------------------------------- cleaning


def test_clean_text_normalises_whitespace_and_newlines():
    raw = "Line one ends here.  \r\nLine\u00a0two ends here.\r\n\r\n\r\n\r\nLine three.\u200b"
    assert clean_text(raw) == "Line one ends here.\nLine two ends here.\n\nLine three."


@pytest.mark.parametrize(
    "teaser",
    [
        ">>Minister resigns over scandal | Analysis",
        "» Minister resigns over scandal",
        "READ MORE: Minister resigns over scandal",
        "Related: Minister resigns over scandal",
        "Also read: Minister resigns over scandal",
        "Click here to get our newsletter",
        "Subscribe to our daily briefing",
    ],
)
def test_teaser_lines_are_dropped(teaser):
    assert clean_text(f"The minister spoke on Monday.\n\n{teaser}\n\nTalks resume today.") == (
        "The minister spoke on Monday.\n\nTalks resume today."
    )


def test_sentences_that_look_like_teasers_are_kept():
    text = "Subscribers to the state broadcaster complained.\n\nRelated talks continue in Oslo."
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "prefix",
    ["FILE Photo: ", "FILE PHOTO - ", "Photo: ", "(Photo: Example Agency) ", "Pictured: ", "Image: "],
)
def test_caption_prefix_dropped_caption_kept(prefix):
    caption = "The two presidents shake hands before their meeting in Vienna on June 4, 2019."
    assert clean_text(f"{prefix}{caption}") == caption


def test_photo_credit_alone_is_dropped():
    assert clean_text("Talks resumed.\n\nPhoto: Example Agency\n\nMore talks.") == "Talks resumed.\n\nMore talks."


def test_headline_gets_its_own_paragraph():
    text = clean_text("Leaders Meet in Vienna\nThe two leaders met on Monday.\nThey agreed to talk again.")
    assert text == "Leaders Meet in Vienna\n\nThe two leaders met on Monday.\nThey agreed to talk again."


def test_hard_wrapped_sentences_are_not_split():
    wrapped = (
        "The foreign minister of Freedonia said on Monday that talks with\n"
        "Sylvania would resume in Geneva once both sides had agreed on the\n"
        "agenda, and that a meeting between the two presidents could follow\n"
        "Talks were suspended in May.\n"
        "Officials in the capital declined to comment on the timing of the\n"
        "next round."
    )
    assert clean_text(wrapped) == wrapped


# ----------------------------------------------------------------------------- ids


def test_ids_are_stable_and_follow_the_text_not_the_source(tmp_path):
    first = read_one(write(tmp_path, "a.txt", STORY))
    again = read_one(write(tmp_path, "a.txt", STORY))
    elsewhere = read_one(write(tmp_path, "b.txt", STORY.replace("\n", "\r\n") + "\n\n"))
    from_jsonl = read_one(write(tmp_path, "c.jsonl", '{"id": "x", "text": "%s"}\n' % STORY.strip()))
    assert first.id == again.id == elsewhere.id == from_jsonl.id == content_id(first.text)
    other = read_one(write(tmp_path, "d.txt", STORY.replace("Saturday", "Sunday")))
    assert other.id != first.id


def test_packaged_rules_load_and_a_broken_file_is_reported(tmp_path):
    assert load_rules().max_bytes == 20_000_000
    broken = write(tmp_path, "rules.yaml", "teaser_patterns: ['(']\n")
    with pytest.raises(Exception, match=r"\[E009\]"):
        load_rules(broken)


@pytest.mark.skipif(not SEED.exists(), reason="shared dev data not present")
def test_seed_article_loses_its_teaser_and_keeps_its_caption():
    article = read_one(SEED, published=date(2018, 12, 8))
    assert isinstance(article, Article)
    assert not any(line.startswith(">>") for line in article.text.splitlines())
    assert "FILE Photo" not in article.text
    assert article.title and article.text.startswith(article.title + "\n\n")


def test_headline_above_hard_wrapped_text_is_separated():
    body = (
        "The foreign minister of Freedonia said on Monday that talks with\n"
        "Sylvania would resume in Geneva once both sides had agreed on the\n"
        "agenda, and that a meeting between the two presidents could follow\n"
        "later in the year, according to officials in the capital.\n"
        "Officials in the capital declined to comment on the timing of the\n"
        "next round."
    )
    assert clean_text("Talks to Resume\n" + body) == "Talks to Resume\n\n" + body


def test_gzipped_files_are_read_and_a_corrupt_one_skipped(tmp_path):
    import gzip

    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    corpus = tmp_path / "corpus.jsonl.gz"
    corpus.write_bytes(gzip.compress(('{"text": "%s"}\n' % STORY.strip()).encode()))
    broken = write(tmp_path, "broken.txt.gz", gzip.compress(STORY.encode())[:20])
    results = {Path(r.origin.split(":")[0]).name: r for r in read_articles([tmp_path])}
    assert "Privacy policy" not in results["page.html.gz"].text
    assert isinstance(results["corpus.jsonl.gz"], Article)
    assert results["broken.txt.gz"].reason.startswith("[E045]")
