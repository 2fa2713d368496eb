"""The parse stage: headline case and paragraph sentence breaks."""

from eventwire import nlp as nlp_stage

HEADLINE = "Leaders Of Freedonia And Sylvania Discuss Border Talks\n\nThe Freedonia talks with Sylvania began on Monday.\n"


def test_truecase_lowercases_headline_words_only_and_keeps_offsets():
    cased = nlp_stage.truecase(HEADLINE)
    assert len(cased) == len(HEADLINE)
    assert cased.startswith("Leaders of Freedonia and Sylvania discuss border talks")
    assert cased.endswith("The Freedonia talks with Sylvania began on Monday.\n")


def test_body_text_is_untouched():
    text = "The President Met Reporters.\nIt was brief."
    assert nlp_stage.truecase(text) == text


def test_paragraph_breaks_are_sentence_breaks(pipeline):
    doc = next(nlp_stage.parse(pipeline.nlp, ["A headline without a stop\n\nThe body starts here."]))
    assert [s.text.strip() for s in doc.sents] == ["A headline without a stop", "The body starts here."]
