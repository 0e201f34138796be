"""The pictures: written, the right size, not blank, labels clear of each other."""
from __future__ import annotations

from itertools import combinations

import matplotlib.image as mpimg
import pytest

from kg.viz import actor_network, timeline_data
from kg.viz.plots import draw_actor_network, draw_timeline

from .support import actor


def assert_picture(path, width=1600, height=1200):
    assert path.stat().st_size > 10_000
    pixels = mpimg.imread(str(path))
    assert pixels.shape[:2] == (height, width)
    assert pixels[..., :3].std() > 0.05          # not a blank page


def overlapping(boxes):
    return [(a, b) for a, b in combinations(boxes, 2)
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


@pytest.fixture(scope="module")
def actors(dataset):
    return actor_network(dataset)


def test_actor_picture(tmp_path, actors):
    path = tmp_path / "actors.png"
    drawn = draw_actor_network(actors, path)
    assert_picture(path)
    assert drawn["nodes"] == 10                 # the two actors in no fact are left out...
    assert drawn["hidden"] == 2
    assert actor("usa") not in drawn["label_boxes"]
    assert overlapping(list(drawn["label_boxes"].values())) == []
    # inside the network's part of the picture, left of the legends (from x = 0.775 * 1600)
    assert all(0 <= b[0] and b[2] <= 1240 and 0 <= b[1] and b[3] <= 1200 for b in drawn["label_boxes"].values())


def test_actor_picture_with_everyone_and_as_svg(tmp_path, actors):
    path = tmp_path / "actors.svg"
    drawn = draw_actor_network(actors, path, "svg", everyone=True)
    assert drawn["nodes"] == 12 and drawn["hidden"] == 0
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert overlapping(list(drawn["label_boxes"].values())) == []


def test_labels_stay_clear_on_a_crowded_network(tmp_path):
    """Forty actors with long names in one tight cluster: still no label on another."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for i in range(40):
        g.add_node(f"a{i}", label=f"Représentant spécial numéro {i}", type=("Person", "Country", "Group")[i % 3],
                   facts=1)
    for i in range(40):
        for j in (i + 1, i + 7):
            g.add_edge(f"a{i}", f"a{j % 40}", key="met", relation="met", count=1, directed=False)
    drawn = draw_actor_network(g, tmp_path / "crowded.png")
    assert_picture(tmp_path / "crowded.png")
    assert overlapping(list(drawn["label_boxes"].values())) == []


def test_timeline_picture(tmp_path, dataset):
    tl = timeline_data(dataset)
    assert [f.killed for f in tl.casualties["Andrey Vorobyov"]] == [1, 2]
    assert [f.value("injured") for f in tl.casualties["Andrey Vorobyov"]] == [(3, False), (20, True)]
    assert sorted(m.kind for m in tl.marks) == ["attack", "meeting", "reaction", "truce proposal"]
    path = tmp_path / "timeline.png"
    drawn = draw_timeline(tl, path)
    assert_picture(path)
    assert drawn == {**drawn, "entries": 5, "reporters": 1, "marks": 4}
    assert overlapping(drawn["mark_boxes"]) == []
    assert overlapping(drawn["headline_boxes"]) == []


def test_timeline_without_facts(tmp_path, dataset):
    tl = timeline_data(dataset)
    tl.casualties.clear()
    tl.marks.clear()
    path = tmp_path / "bare.png"
    draw_timeline(tl, path)
    assert_picture(path)


def test_unknown_picture_format(tmp_path, actors):
    with pytest.raises(ValueError):
        draw_actor_network(actors, tmp_path / "x.gif", "gif")
