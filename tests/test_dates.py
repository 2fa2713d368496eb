"""The dates stage: date expressions normalised against the publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.dates import event_date, find_dates
from eventwire.errors import InputError
from eventwire.records import DatePrecision, DateRef

SATURDAY = date(2018, 12, 8)  # a Saturday; every relative date below hangs on it
TIMEBANK = Path(__file__).resolve().parents[2] / "shared" / "data" / "dates" / "timebank"


def only(text: str, published: date | None = SATURDAY) -> DateRef:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def value(text: str, published: date | None = SATURDAY) -> tuple[str, str, str]:
    ref = only(text, published)
    return ref.text, ref.value, ref.precision.value


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # Weekdays: the most recent one on or before publication, that day included.
        ("The envoy posted the statement Saturday evening.", ("Saturday", "2018-12-08", "day")),
        ("The two ministers met on Monday in Vienna.", ("Monday", "2018-12-03", "day")),
        ("Rebels shelled the town last Saturday.", ("last Saturday", "2018-12-01", "day")),
        # ... unless the clause speaks of the future.
        ("The delegations will meet on Monday in Geneva.", ("Monday", "2018-12-10", "day")),
        ("The vote is scheduled for next Friday.", ("next Friday", "2018-12-14", "day")),
        ("Protesters gathered in the square today.", ("today", "2018-12-08", "day")),
        ("The minister resigned late yesterday.", ("late yesterday", "2018-12-07", "day")),
        ("The summit opens tomorrow.", ("tomorrow", "2018-12-09", "day")),
        ("Troops crossed the river three days ago.", ("three days ago", "2018-12-05", "day")),
        ("The ceasefire collapsed a week ago.", ("a week ago", "2018-12-01", "day")),
        ("The spy plane was downed two months ago.", ("two months ago", "2018-10", "month")),
        ("The treaty was signed five years ago.", ("five years ago", "2013", "year")),
        ("Last month the council rejected the plan.", ("Last month", "2018-11", "month")),
        ("Talks resumed earlier this month.", ("earlier this month", "2018-12", "month")),
        ("The party lost the election last year.", ("last year", "2017", "year")),
        ("Exports rose this year.", ("this year", "2018", "year")),
        ("Elections are due next year.", ("next year", "2019", "year")),
        # Weeks have no calendar value: the month of the day a week back.
        ("Envoys met in Cairo last week.", ("last week", "2018-12", "month")),
        ("In the past week, the army moved north.", ("past week", "2018-12", "month")),
        ("The rebels withdrew earlier this week.", ("earlier this week", "2018-12", "month")),
        # Months without a year: the most recent one.
        ("The jet was shot down in September.", ("September", "2018-09", "month")),
        ("The strike began in mid-November.", ("mid-November", "2018-11", "month")),
        ("The pact was signed in June last year.", ("June last year", "2017-06", "month")),
        ("The operation began on Dec. 4 at dawn.", ("Dec. 4", "2018-12-04", "day")),
        ("The operation began on December 4.", ("December 4", "2018-12-04", "day")),
        # Absolute dates.
        ("They met in Moscow on March 9, 2017.", ("March 9, 2017", "2017-03-09", "day")),
        ("They met in Moscow on 9 March 2017.", ("9 March 2017", "2017-03-09", "day")),
        ("They met in Moscow in March 2017.", ("March 2017", "2017-03", "month")),
        ("The border was closed in September 2016.", ("September 2016", "2016-09", "month")),
        ("The deal was announced on 2018-12-04.", ("2018-12-04", "2018-12-04", "day")),
        ("The blockade has lasted since 2015.", ("2015", "2015", "year")),
        ("The mission was launched in 2017.", ("2017", "2017", "year")),
        ("Turnout fell after the 2016 election.", ("2016", "2016", "year")),
    ],
)
def test_expression_resolves_against_publication_date(sentence, expected):
    assert value(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The council acted in strict compliance with 1701 UNSC resolution.",
        "Some 1,701 people were evacuated from the valley.",
        "The ministry sent 2000 troops to the border.",
        "He has wanted a meeting for a while.",
        "They have no plans to meet in the near future.",
        "The siege went on for two years.",
        "Talks may resume if the shelling stops.",
        "May the talks succeed, the envoy said.",
        "Thousands joined the Pride March downtown.",
        "The envoy spoke to reporters at the embassy.",
        "They watched the broadcast on USA TODAY.",
    ],
)
def test_numbers_durations_and_names_are_not_dates(sentence):
    assert find_dates(sentence, SATURDAY) == []


def test_a_month_day_without_year_stays_on_or_before_publication():
    assert value("The operation began December 4.", date(2019, 1, 10))[1] == "2018-12-04"
    assert value("The jet was shot down in September.", date(2018, 3, 10))[1] == "2017-09"


def test_the_publication_day_itself_is_the_weekday_named():
    assert value("Officials said Saturday the talks failed.")[1] == "2018-12-08"
    assert value("Officials said Saturday the talks failed.", date(2018, 12, 10))[1] == "2018-12-08"


def test_without_publication_date_only_absolute_dates_resolve():
    text = "Last month, on Saturday, the pact of March 9, 2017 was revoked, as promised in 2015."
    found = find_dates(text, None)
    assert [ref.value for ref in found] == ["2017-03-09", "2015"]


def test_offsets_point_back_into_the_article():
    article = "Intro line.\nThe talks collapsed on Friday, two days after the truce of Dec. 4."
    sentence_start = article.index("The talks")
    found = find_dates(article[sentence_start:], SATURDAY, offset=sentence_start)
    assert [article[ref.start : ref.end] for ref in found] == ["Friday", "Dec. 4"]
    assert all(ref.text == article[ref.start : ref.end] for ref in found)


def test_event_date_picks_the_expression_nearest_the_trigger():
    sentence = "The army said on Tuesday that the convoy was attacked two months ago."
    attacked = sentence.index("attacked")
    said = sentence.index("said")
    assert event_date(sentence, SATURDAY, anchor=attacked).value == "2018-10"
    assert event_date(sentence, SATURDAY, anchor=said).value == "2018-12-04"
    # Anchors are in article coordinates, like the offsets.
    assert event_date(sentence, SATURDAY, offset=100, anchor=100 + attacked).text == "two months ago"


def test_event_date_falls_back_to_the_publication_date():
    ref = event_date("The two leaders spoke by telephone.", SATURDAY)
    assert ref == DateRef(value="2018-12-08", precision=DatePrecision.DAY, text=None)
    assert ref.from_publication
    assert event_date("The two leaders spoke by telephone.", None) is None
    assert event_date("The two leaders spoke last month.", None) is None


def test_sentences_without_date_words_have_no_dates():
    sentences = [f"Envoy number {i} urged both sides to hold their fire and talk." for i in range(200)]
    assert all(find_dates(sentence, SATURDAY) == [] for sentence in sentences)  # speed: bench/stages.py


def test_timebank_evaluation_rejects_an_empty_folder(tmp_path):
    from eventwire.evaluate_dates import evaluate_timebank

    with pytest.raises(InputError, match="E030"):
        evaluate_timebank(tmp_path)


@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="TimeBank dev data not present")
def test_timebank_quality_floor():
    from eventwire.evaluate_dates import evaluate_timebank

    result = evaluate_timebank(TIMEBANK)
    assert result["gold_dates"] > 1000
    # Measured: calendar value accuracy 0.891, span recall 0.948, all-DATE value
    # accuracy 0.556 (the rest are weeks, quarters, PRESENT_REF..., not calendar dates).
    assert result["value_accuracy_calendar"] >= 0.87
    assert result["span_recall_calendar"] >= 0.93
    assert result["value_accuracy"] >= 0.54
