"""The gazetteer files stay consistent as people edit them."""
import re
from collections import defaultdict

import pytest

from kg.extract.gazetteer import load_gazetteer, normalize

GAZ = load_gazetteer()
ACTOR_KINDS = {"Person", "Organization", "Country", "Group"}
PLACE_KINDS = {"City", "Region", "Country", "Sea", "Building", "District", "Area"}


@pytest.mark.parametrize("table,kinds", [(GAZ.actors, ACTOR_KINDS), (GAZ.places, PLACE_KINDS)])
def test_rows_are_well_formed(table, kinds):
    assert len(table) > 300
    for key, entry in table.items():
        assert re.fullmatch(r"[a-z0-9_]+", key), key
        assert entry.kind in kinds, key
        assert entry.wikidata is None or re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata), key
        assert entry.country is None or entry.country in GAZ.actors, key


def test_no_name_stands_for_two_actors():
    owners = defaultdict(set)
    for entry in GAZ.actors.values():
        for name in entry.names():
            owners[name.casefold()].add(entry.key)
    clashes = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert clashes == {}


def test_dated_titles_do_not_overlap():
    for title, holders in GAZ.dated.items():
        spans = sorted({(s.toordinal() if s else 0, e.toordinal() if e else 10**7, k) for s, e, k in holders})
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]) if a[2] != b[2]), title


def test_country_places_match_country_actors():
    for place in GAZ.places.values():
        if place.kind == "Country":
            actor = GAZ.actors[place.key]
            assert actor.kind == "Country" and actor.wikidata == place.wikidata, place.key


def test_demonyms_point_at_states():
    for word, country in {**GAZ.adjectives, **GAZ.inhabitants}.items():
        assert country in GAZ.actors, word
    assert GAZ.adjectives["ukrainienne"] == "ukraine"
    assert normalize("Les Américains") in GAZ.actor_index
