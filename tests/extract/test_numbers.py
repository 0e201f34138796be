"""French quantities: digits, number words, bounds and vague amounts."""
import pytest

from kg.extract.nlp import load_nlp
from kg.extract.numbers import may_be_number, parse_number, quantity_at, quantity_before


def token(text: str, word: str):
    doc = load_nlp()(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text,value", [
    ("trois", 3), ("Trente-huit", 38), ("mille", 1000), ("1 000", 1000), ("12 500", 12500),
    ("deux mille cinq cents", 2500), ("quatre-vingt-dix", 90), ("soixante et onze", 71), ("vingt et un", 21),
    ("F-16", None), ("Kh-101", None), ("et", None), ("neuvième", None), ("maison", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text,noun,value,low,bound", [
    ("Il y a eu un mort et cinq blessés.", "mort", 1, None, ""),
    ("Il y a eu un mort et cinq blessés.", "blessés", 5, None, ""),
    ("On compte Quarante-deux morts.", "morts", 42, None, ""),
    ("Le pays a reçu 1 000 drones.", "drones", 1000, None, ""),
    ("Vingt et un blessés ont été soignés.", "blessés", 21, None, ""),
    ("Soixante-trois autres drones ont disparu.", "drones", 63, None, ""),
    ("Il y a au moins sept morts.", "morts", 7, 7, "at_least"),
    ("Il y a plus de 300 drones.", "drones", None, 300, "more_than"),
    ("Il y a une dizaine de drones.", "drones", None, 10, "vague"),
    ("On déplore des dizaines de blessés.", "blessés", None, 20, "vague"),
    ("La guerre a fait des dizaines de milliers de morts.", "morts", None, 20000, "vague"),
])
def test_quantity_before_a_noun(text, noun, value, low, bound):
    quantity = quantity_before(token(text, noun))
    assert quantity is not None
    assert (quantity.value, quantity.low, quantity.bound) == (value, low, bound)


def test_approximate_figures_keep_their_words():
    quantity = quantity_before(token("Il évoque environ 40 missiles tirés.", "missiles"))
    assert quantity.value == 40 and quantity.approximate
    assert quantity.text == "environ 40 missiles"


def test_a_weapon_name_with_digits_is_no_count():
    assert quantity_before(token("Des missiles de croisière Kh-101 ont été tirés.", "ont")) is None
    doc = load_nlp()("des chasseurs F-16 et Mirage")
    assert all(quantity_at(t) is None for t in doc)


def test_a_number_standing_alone():
    assert quantity_at(token("La défense aérienne en a abattu 57, soit la plupart.", "57")).value == 57
    doc = load_nlp()("20 au-dessus de la Crimée et un au-dessus de la mer Noire")
    found = [(t.text, quantity_at(t).value) for t in doc if quantity_at(t) is not None]
    assert found == [("20", 20), ("un", 1)]


def test_a_number_in_words_is_read_whole_once():
    doc = load_nlp()("vingt et un au-dessus de Kherson")
    found = [quantity_at(t).value for t in doc if quantity_at(t) is not None]
    assert found == [21]


@pytest.mark.parametrize("text, expected", [("12", True), ("1 200", True), ("Quarante", True), ("vingt-deux", True),
                                            ("et", False), ("-", False), ("F-16", False), ("drones", False), ("", False)])
def test_may_be_number_tests_the_text_alone(text, expected):
    assert may_be_number(text) is expected
