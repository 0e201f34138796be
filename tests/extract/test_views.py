"""Views of a doc made once: the same tokens, sentences and spans spaCy gives, read faster."""
from kg.extract.nlp import ACTORS, PLACES, load_nlp
from kg.extract.views import doc_forms, doc_sents, doc_spans, doc_tokens, sent_of, tokens_of

TEXT = ("Le président ukrainien Volodymyr Zelensky est arrivé à Berlin. Il doit rencontrer Olaf Scholz mardi. "
        "« Nous voulons la paix », a-t-il déclaré. Moscou n'a pas réagi.")


def test_each_token_and_span_has_the_sentence_spacy_gives():
    doc = load_nlp()(TEXT)
    assert len(doc_sents(doc)) >= 3
    for token in doc:
        assert sent_of(token) == token.sent
    for start in range(0, len(doc) - 3, 3):
        span = doc[start:start + 4]       # some of these run over two sentences: the first counts
        assert sent_of(span) == span.sent


def test_views_are_made_once_and_match_the_doc():
    doc = load_nlp()(TEXT)
    assert doc_tokens(doc) is doc_tokens(doc)
    assert [t.i for t in doc_tokens(doc)] == list(range(len(doc)))
    assert [t.i for t in tokens_of(doc[2:5])] == [2, 3, 4]
    assert doc_spans(doc, ACTORS) == list(doc.spans[ACTORS])
    assert [s.text for s in doc_spans(doc, PLACES)] == [s.text for s in doc.spans[PLACES]]
    assert "Berlin" in [s.text for s in doc_spans(doc, PLACES)]
    assert doc_spans(doc, "no_such_group") == []


def test_forms_are_each_tokens_strings():
    doc = load_nlp()("Le Cambodge dément avoir visé des civils. Kiev a abattu 30 drones Shahed’s.")
    forms = doc_forms(doc)
    assert forms is doc_forms(doc)
    assert forms.lower == [t.lower_ for t in doc]
    assert forms.lemma == [t.lemma_ for t in doc]
    assert forms.pos == [t.pos_ for t in doc]
    assert "abattre" in forms.lemma and "drones" in forms.lower
