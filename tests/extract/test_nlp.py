"""kg's spaCy pipeline: the sentence guard before the parser and the gazetteer after it."""
from kg.extract.nlp import PLACES, load_nlp, sentence_guard


def test_no_sentence_starts_with_a_lower_case_word_after_a_word():
    doc = load_nlp()("Kinshasa et le M23 ont signé un accord. Puis les combats ont repris à Kharkiv.")
    assert [t.text for t in doc if t.is_sent_start] == ["Kinshasa", "Puis"]
    assert "Kharkiv" in [s.text for s in doc.spans[PLACES]]


def test_the_guard_leaves_the_parser_free_after_punctuation_a_capital_or_a_line_break():
    doc = sentence_guard(load_nlp().make_doc("Bilan de la nuit\ntrois morts. deux blessés, Kiev"))
    decided = {t.text: t.is_sent_start for t in doc}
    assert decided["de"] is False and decided["morts"] is False
    assert decided["trois"] is None      # after a line break
    assert decided["deux"] is None       # after a full stop
    assert decided["Kiev"] is None       # a capital


def test_hyphenated_compounds_stay_one_token():
    doc = load_nlp()("L'état-major a vu des lance-roquettes et des missiles sol-air. État-major : rien.")
    words = [t.text for t in doc]
    assert "état-major" in words and "lance-roquettes" in words and "sol-air" in words and "État-major" in words
