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


NEWS = ("Russia's foreign minister said on Monday that there is no deal yet. \"We're gonna talk,\" "
        "he told reporters, and y'all know that ain't nothing. Let's see: the talks with Ukraine, "
        "which Turkey hosts, resumed in Istanbul after Moscow's troops withdrew from the border.\n\n"
        "The two sides did not meet; they did what they had to.")


def test_table_attribute_ruler_annotates_like_the_stock_ruler(pipeline):
    from spacy.pipeline import AttributeRuler

    nlp = pipeline.nlp
    table = nlp.get_pipe("attribute_ruler")
    assert isinstance(table, nlp_stage.TableAttributeRuler)
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(table.patterns)
    [doc] = nlp.pipe([NEWS], disable=["attribute_ruler", "lemmatizer", "ner"])
    ours, theirs = table(doc.copy()), stock(doc.copy())
    columns = ["POS", "MORPH", "LEMMA", "TAG", "DEP"]
    assert (ours.to_array(columns) == theirs.to_array(columns)).all()
    assert {t.pos_ for t in ours} >= {"VERB", "AUX", "PROPN", "PRON", "SCONJ"}


def test_models_compute_without_blis(pipeline):
    # thinc's BLIS kernels are ~3x slower than numpy's BLAS here; the parse is the same
    assert pipeline.nlp.get_pipe("ner").model.ops.use_blis is False


def test_entities_can_wait_for_the_sentences_that_need_them(pipeline):
    # the NER runs later, on the sentences with events, and finds there what a full parse finds
    nlp = pipeline.nlp
    everything = lambda doc: range(len(list(doc.sents)))
    [full] = nlp_stage.parse_selected(nlp, [NEWS], everything)
    [late] = nlp_stage.parse_selected(nlp, [NEWS], everything, entities=False)
    assert list(late.doc.ents) == []
    [(start, end)] = [(s, e) for s, e in late.sentences if "Istanbul" in NEWS[s:e]]
    nlp_stage.add_entities(nlp, late.doc, [(start, end)])
    expected = [(e.start_char, e.text, e.label_) for e in full.doc.ents if start <= e.start_char < end]
    assert [(e.start_char, e.text, e.label_) for e in late.doc.ents] == expected
    assert ("Istanbul", "GPE") in [(e.text, e.label_) for e in late.doc.ents]
