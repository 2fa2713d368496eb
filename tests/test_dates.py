"""The dates stage: date expressions normalised against the publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.dates import event_date, find_dates, find_timexes
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


def timexes(text: str, published: date | None = SATURDAY) -> list[tuple[str, str]]:
    return [(ref.text, ref.timex) for ref in find_timexes(text, published)]


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


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # (text, calendar value and precision an event gets, TIMEX3 value)
        ("Envoys met in Cairo last week.", ("last week", "2018-12", "month", "2018-W48")),
        ("The rebels withdrew earlier this week.", ("earlier this week", "2018-12", "month", "2018-W49")),
        ("The vote is due next week.", ("next week", "2018-12", "month", "2018-W50")),
        ("Officials met over the weekend.", ("the weekend", "2018-12", "month", "2018-W49-WE")),
        ("The army lost ground in the third quarter.", ("the third quarter", "2018", "year", "2018-Q3")),
        ("Acme reported a third-quarter loss.", ("third-quarter", "2018", "year", "2018-Q3")),
        ("Prices fell in the fourth quarter of 1997.", ("the fourth quarter of 1997", "1997", "year", "1997-Q4")),
        ("The merger could close in next year's first quarter.",
         ("next year's first quarter", "2019", "year", "2019-Q1")),
        ("Output will rise in the first half of 2019.", ("the first half of 2019", "2019", "year", "2019-H1")),
        ("Marches are planned this summer.", ("this summer", "2018", "year", "2018-SU")),
        ("The strike began last fall.", ("last fall", "2017", "year", "2017-FA")),
        ("Oil hit that level in the winter of 1994.", ("the winter of 1994", "1994", "year", "1994-WI")),
        ("Oil hit that level in the winter of nineteen ninety-four.",
         ("the winter of nineteen ninety-four", "1994", "year", "1994-WI")),
        ("The bomb went off in January nineteen ninety-seven.",
         ("January nineteen ninety-seven", "1997-01", "month", "1997-01")),
        ("Fiscal 1998 sales rose 5%.", ("1998", "1998", "year", "1998")),
        ("The company expects a loss for the full year.", ("the full year", "2018", "year", "2018")),
        ("The sale should close by year-end.", ("year-end", "2018", "year", "2018")),
        ("The rally is this coming Sunday.", ("this coming Sunday", "2018-12-09", "day", "2018-12-09")),
        ("The general picked the date a week or so ago.", ("a week or so ago", "2018-12-01", "day", "2018-12-01")),
    ],
)
def test_weeks_quarters_halves_and_seasons_have_a_timex_and_a_calendar_value(sentence, expected):
    ref = only(sentence)
    assert (ref.text, ref.value, ref.precision.value, ref.timex) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russia now says it will talk.", ("now", "PRESENT_REF")),
        ("The fund currently holds 15% of the shares.", ("currently", "PRESENT_REF")),
        ("Talks collapsed recently.", ("recently", "PAST_REF")),
        ("In the past, Russia has often claimed the opposite.", ("the past", "PAST_REF")),
        ("The machines were removed a few years ago.", ("a few years ago", "PAST_REF")),
        ("Talks may resume in the near future.", ("the near future", "FUTURE_REF")),
        ("Troops will soon leave the city.", ("soon", "FUTURE_REF")),
        ("Islam will one day be the second religion.", ("one day", "FUTURE_REF")),
        ("Rents rose through the 1990s.", ("the 1990s", "199")),
        ("The group held power in the late '70s.", ("the late '70s", "197")),
        ("Hate groups dwindled through the nineties.", ("the nineties", "199")),
        ("She is a 20th century democrat.", ("20th century", "19")),
    ],
)
def test_vague_references_decades_and_centuries_are_timexes_but_never_event_dates(sentence, expected):
    [ref] = find_timexes(sentence, SATURDAY)
    assert (ref.text, ref.timex) == expected
    assert ref.value is None and ref.precision is None
    assert find_dates(sentence, SATURDAY) == []
    assert event_date(sentence, SATURDAY).from_publication


@pytest.mark.parametrize(
    "sentence",
    [
        "Saigon fell in what became known as the fall of Saigon.",
        "The party won a quarter of the vote.",
        "Tourists crowd the French Quarter.",
        "Stocks plunged in the past two months.",
        "They will leave as soon as the shelling stops.",
        "The general is in his sixties.",
        'Baker said on ABC\'s "This Week" that talks would go on.',
        "Campers enjoyed a hot summer camp.",
    ],
)
def test_look_alikes_are_not_timexes(sentence):
    assert [ref for ref in find_timexes(sentence, SATURDAY) if ref.timex != "PAST_REF"] == []


def test_quarter_anaphors_follow_the_quarter_the_article_reports_on():
    report = ("Acme posted a third-quarter loss of $5 million, compared with a profit of $2 million "
              "a year earlier. In the latest quarter, sales fell. In the year-ago quarter they rose. "
              "Results for the 2017 period included a gain.")
    assert timexes(report) == [("third-quarter", "2018-Q3"), ("a year earlier", "2017-Q3"),
                               ("the latest quarter", "2018-Q3"), ("the year-ago quarter", "2017-Q3"),
                               ("the 2017 period", "2017-Q3")]
    # For events, every one of them is a year.
    assert [ref.value for ref in find_dates(report, SATURDAY)] == ["2018", "2017", "2018", "2017", "2017"]


def test_a_quarter_still_to_come_or_far_back_is_not_the_one_reported_on():
    # The fourth quarter is not over in December: "a year earlier" is just the year before.
    assert timexes("Acme will take a charge in the fourth quarter. Sales were flat a year earlier.") == [
        ("the fourth quarter", "2018-Q4"), ("a year earlier", "2017")]
    # With no quarter named, "the quarter" is the last one over by publication.
    assert timexes("Sales rose in the quarter.", date(2019, 1, 20)) == [("the quarter", "2018-Q4")]
    filler = "The company also named a new chairman and moved its headquarters to Denver. " * 8
    assert timexes(f"Acme posted a third-quarter loss. {filler}Its shares fell from a year ago.")[-1] == (
        "a year ago", "2017")


def test_a_quarter_in_a_future_clause_is_the_next_one_not_over():
    assert timexes("Acme expects to report a third-quarter loss.", date(1989, 11, 2)) == [("third-quarter", "1989-Q3")]
    assert timexes("Acme will report a first-quarter loss.", date(1989, 11, 2)) == [("first-quarter", "1990-Q1")]


def test_since_a_month_is_always_before_publication():
    sentence = "The Eisenhower, which is to be replaced, has been on patrol since March."
    assert value(sentence, date(1990, 8, 13))[1] == "1990-03"


def test_a_count_of_months_back_takes_the_month_the_article_names_for_the_same_thing():
    article = ("This was the first time the two leaders spoke since the downing of a Russian plane "
               "in Syria in September. Ties soured after Moscow accused Israel two months ago of "
               "downing a Russian spyplane.")
    sentence = article[article.index("Ties"):]
    offset = article.index("Ties")
    anchor = offset + sentence.index("accused")
    ref = event_date(sentence, SATURDAY, offset=offset, anchor=anchor, context=(article,))
    assert (ref.value, ref.precision.value, ref.text) == ("2018-09", "month", "two months ago")
    assert article[ref.start : ref.end] == "two months ago"
    # Without the article, or when the named month is about something else, the count stands.
    assert event_date(sentence, SATURDAY, offset=offset, anchor=anchor).value == "2018-10"
    other = "The two leaders met in Paris in September. " + sentence
    assert event_date(sentence, SATURDAY, anchor=sentence.index("accused"), context=(other,)).value == "2018-10"
    # A month two away is not a rounding of "two months ago".
    far = article.replace("in September", "in August")
    assert event_date(sentence, SATURDAY, anchor=sentence.index("accused"), context=(far,)).value == "2018-10"


@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="TimeBank dev data not present")
def test_timebank_quality_floor():
    from eventwire.evaluate_dates import evaluate_timebank

    result = evaluate_timebank(TIMEBANK)
    assert result["gold_dates"] > 1000
    # Measured: all-DATE TIMEX3 value accuracy 0.878 (weeks, quarters, seasons,
    # decades, PRESENT_REF... included), calendar-valued 0.909, calendar span
    # recall 0.976, all span recall 0.968.
    assert result["value_accuracy"] >= 0.87
    assert result["value_accuracy_calendar"] >= 0.90
    assert result["span_recall_calendar"] >= 0.97
    assert result["span_recall"] >= 0.96
