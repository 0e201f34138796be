"""Pictures: the actor network and the timeline, drawn with matplotlib's Agg canvas (no screen).

Both are laid out for 1600x1200 pixels (16x12 inches at 100 dpi). Labels never overlap: the
actor picture measures every label and pushes nodes apart until their label boxes are clear; the
timeline stacks its annotations in free rows.
"""
from __future__ import annotations

import math
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Optional

import matplotlib

matplotlib.use("Agg", force=False)   # no screen; a no-op where a backend is already chosen

import matplotlib.dates as mdates  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch, Patch  # noqa: E402
from matplotlib.ticker import MaxNLocator, NullLocator  # noqa: E402

from kg.viz.networks import involved, simple_graph  # noqa: E402
from kg.viz.timeline import MARK_KINDS, Timeline  # noqa: E402

SIZE = (16, 12)
DPI = 100
PICTURE_FORMATS = ("png", "svg")

TYPE_COLOURS = {"Person": "#4C72B0", "Organization": "#DD8452", "Country": "#55A868", "Group": "#8172B3",
                "Actor": "#8C8C8C"}
RELATION_COLOURS = {"accused": "#D62728", "claimed": "#FF7F0E", "denied": "#8C564B", "attacked": "#222222",
                    "met": "#1F77B4", "proposed_truce_to": "#2CA02C", "reacted_to": "#17BECF",
                    "demanded_of": "#E377C2", "quoted": "#9E9E9E"}
RELATION_NAMES = {"accused": "accused (attribution)", "claimed": "claimed responsibility",
                  "denied": "denied responsibility",
                  "attacked": "attacked (target's state)", "met": "met (same meeting)",
                  "proposed_truce_to": "proposed a truce to", "reacted_to": "reacted to a truce proposal",
                  "demanded_of": "demanded of", "quoted": "named in a quote"}
SELF_NAMES = {"claimed": "claimed responsibility", "denied": "denied responsibility"}
MARK_COLOURS = {"truce proposal": "#2CA02C", "reaction": "#17BECF", "meeting": "#1F77B4", "attack": "#D62728"}
REPORTER_COLOURS = ["#1F77B4", "#D62728", "#2CA02C", "#9467BD", "#FF7F0E", "#8C564B", "#E377C2", "#17BECF"]


def _figure(size=SIZE) -> tuple[Figure, object]:
    fig = Figure(figsize=size, dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    return fig, canvas.get_renderer()


def _save(fig: Figure, path: str | Path, fmt: str) -> None:
    if fmt not in PICTURE_FORMATS:
        raise ValueError(f"unknown picture format {fmt!r} (png or svg)")
    fig.savefig(str(path), format=fmt, dpi=DPI, facecolor="white")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


# =========================================================================== actor network
def _spread(xy: np.ndarray, ext: np.ndarray, box: tuple[float, float, float, float],
            pad: float = 8.0, rounds: int = 800) -> np.ndarray:
    """Move points (pixels) until their footprints (dx0, dy0, dx1, dy1 around each point) do not overlap:
    each overlapping pair is pushed apart along the axis where it overlaps least."""
    xy = xy.copy()
    x0, y0, x1, y1 = box
    upper = np.triu(np.ones((len(xy), len(xy)), dtype=bool), 1)
    for _ in range(rounds):
        # keep every footprint inside the drawing area
        xy[:, 0] = np.clip(xy[:, 0], x0 - ext[:, 0], x1 - ext[:, 2])
        xy[:, 1] = np.clip(xy[:, 1], y0 - ext[:, 1], y1 - ext[:, 3])
        left, right = xy[:, 0] + ext[:, 0] - pad / 2, xy[:, 0] + ext[:, 2] + pad / 2
        low, high = xy[:, 1] + ext[:, 1] - pad / 2, xy[:, 1] + ext[:, 3] + pad / 2
        ox = np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :])
        oy = np.minimum(high[:, None], high[None, :]) - np.maximum(low[:, None], low[None, :])
        clash = (ox > 0) & (oy > 0) & upper
        if not clash.any():
            break
        cx, cy = (left + right) / 2, (low + high) / 2
        # direction from i to j; ties broken by index so that twins still part
        sx = np.sign(cx[None, :] - cx[:, None]) + (cx[None, :] == cx[:, None])
        sy = np.sign(cy[None, :] - cy[:, None]) + (cy[None, :] == cy[:, None])
        horizontal = clash & (ox < oy)
        vertical = clash & ~(ox < oy)
        push_x = np.where(horizontal, sx * (ox / 2 + 0.5), 0.0)
        push_y = np.where(vertical, sy * (oy / 2 + 0.5), 0.0)
        # i moves against the push, j along it
        xy[:, 0] += 0.6 * (push_x.sum(axis=0) - push_x.sum(axis=1))
        xy[:, 1] += 0.6 * (push_y.sum(axis=0) - push_y.sum(axis=1))
    xy[:, 0] = np.clip(xy[:, 0], x0 - ext[:, 0], x1 - ext[:, 2])
    xy[:, 1] = np.clip(xy[:, 1], y0 - ext[:, 1], y1 - ext[:, 3])
    return xy


def _component_layout(sub: nx.Graph, seed: int) -> dict:
    """Spring layout of one connected component, stretched to [0, 1]^2."""
    nodes = list(sub)
    if len(nodes) == 1:
        return {nodes[0]: np.array([0.5, 0.5])}
    if len(nodes) == 2:
        return {nodes[0]: np.array([0.0, 0.5]), nodes[1]: np.array([1.0, 0.5])}
    raw = nx.spring_layout(sub, seed=seed, k=2.0 / math.sqrt(len(nodes)), iterations=500, weight=None)
    arr = np.array([raw[n] for n in nodes], dtype=float)
    lo, hi = arr.min(axis=0), arr.max(axis=0)
    arr = (arr - lo) / np.where(hi - lo > 1e-9, hi - lo, 1.0)
    # spread dense hubs: blend each coordinate with its rank (the order of the nodes is kept)
    ranks = arr.argsort(axis=0).argsort(axis=0) / (len(nodes) - 1)
    arr = 0.5 * arr + 0.5 * ranks
    return {n: arr[i] for i, n in enumerate(nodes)}


def _cells(sizes: list[int], box: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """Split a box (x, y, w, h) among components: the largest on the left, the others stacked on the right,
    each getting room in proportion to its number of nodes."""
    x, y, w, h = box
    if len(sizes) == 1:
        return [box]
    total = sum(sizes)
    share = min(0.78, max(0.45, sizes[0] / total))
    cells = [(x, y, w * share, h)]
    rest = sizes[1:]
    rx, rw = x + w * share, w * (1 - share)
    cols = 1 if len(rest) <= 4 else 2
    per_col = math.ceil(len(rest) / cols)
    for c in range(cols):
        chunk = rest[c * per_col:(c + 1) * per_col]
        weights = [math.sqrt(s) for s in chunk]
        top = y + h
        for s_w in weights:
            ch = h * s_w / sum(weights)
            cells.append((rx + c * rw / cols, top - ch, rw / cols, ch))
            top -= ch
    return cells


def _layout(und: nx.Graph, seed: int) -> dict:
    """Positions in [0, 1]^2: each group of related actors laid out on its own and given room by size;
    actors without relations go in rows along the bottom."""
    linked = [n for n in und if und.degree(n) > 0]
    alone = sorted((n for n in und if und.degree(n) == 0), key=lambda n: und.nodes[n].get("label", n))
    pos = {}
    bottom = 0.15 if alone and linked else 0.0
    if linked:
        parts = sorted((sorted(c) for c in nx.connected_components(und.subgraph(linked))), key=lambda c: (-len(c), c))
        for part, (cx, cy, cw, ch) in zip(parts, _cells([len(p) for p in parts], (0.0, bottom, 1.0, 1.0 - bottom))):
            for n, (u, v) in _component_layout(und.subgraph(part), seed).items():
                pos[n] = np.array([cx + cw * (0.06 + 0.88 * u), cy + ch * (0.06 + 0.88 * v)])
    if alone:
        per_row = max(1, min(len(alone), 7))
        rows = math.ceil(len(alone) / per_row)
        for i, n in enumerate(alone):
            r, c = divmod(i, per_row)
            y = (bottom * 0.6) * (1 - r / rows) if linked else 1 - (r + 0.5) / rows
            pos[n] = np.array([(c + 0.5) / per_row, y])
    return pos


def draw_actor_network(g: nx.MultiDiGraph, path: str | Path, fmt: str = "png", *, title: Optional[str] = None,
                       everyone: bool = False, max_actors: int = 60, seed: int = 7) -> dict:
    """Draw the actor network to a PNG or SVG file.

    Shows the actors that take part in a fact (all of them with `everyone`), at most `max_actors`
    (the most related first). Returns what was drawn, with each label's box in pixels.
    """
    if not len(g):
        raise ValueError("no actors to draw")
    shown = list(g) if everyone else involved(g)
    if not shown:
        shown = list(g)
    if len(shown) > max_actors:
        ranked = simple_graph(g.subgraph(shown))
        shown = sorted(shown, key=lambda n: (-ranked.degree(n), -g.nodes[n].get("facts", 0), n))[:max_actors]
    hidden = len(g) - len(shown)
    sub = g.subgraph(shown)
    und = simple_graph(sub)

    fig, renderer = _figure()
    area = (0.015, 0.035, 0.75, 0.895)        # left, bottom, width, height of the network (figure fraction)
    ax = fig.add_axes(area)
    ax.set_axis_off()
    width_px, height_px = area[2] * SIZE[0] * DPI, area[3] * SIZE[1] * DPI
    ax.set_xlim(0, width_px)                   # data units are pixels: label sizes and positions in one unit
    ax.set_ylim(0, height_px)

    nodes = list(und)
    sizes = {n: min(300 + 260 * und.degree(n), 2600) for n in nodes}                 # points^2
    radius_px = {n: math.sqrt(sizes[n]) / 2 * DPI / 72 for n in nodes}
    labels = {n: _wrap(str(und.nodes[n].get("label", n)), 20) for n in nodes}
    loops: dict[str, int] = {}
    for n, _, key, data in nx.selfloop_edges(sub, keys=True, data=True):   # "Ukraine claimed the attack"
        relation = data.get("relation", key)
        if relation not in SELF_NAMES:
            continue
        loops[relation] = loops.get(relation, 0) + int(data.get("count", 1))
        labels[n] += "\n(" + SELF_NAMES.get(relation, relation) + ")"
    boxes = {n: _text_size(ax, labels[n], LABEL_FONT, renderer) for n in nodes}

    margin = 20.0
    pos01 = _layout(und, seed)
    xy = np.array([[margin + pos01[n][0] * (width_px - 2 * margin),
                    margin + 40 + pos01[n][1] * (height_px - 2 * margin - 40)] for n in nodes], dtype=float)
    index = {n: i for i, n in enumerate(nodes)}
    sides = {n: "below" for n in nodes}
    arcs = _arcs(sub)
    for _ in range(3):   # put labels where no edge crosses them, make room; again with the new positions
        segments = []
        for a, b, _, _, rad in arcs:
            points = _arc_points(xy[index[a]], xy[index[b]], rad)
            segments += list(zip(points, points[1:]))
        sides = _label_sides(nodes, xy, segments, radius_px, boxes)
        ext = np.array([_footprint(sides[n], radius_px[n], *boxes[n]) for n in nodes], dtype=float)
        xy = _spread(xy, ext, (0.0, 0.0, width_px, height_px))
    pos = {n: xy[i] for i, n in enumerate(nodes)}

    relations_seen = _draw_edges(ax, arcs, pos, sizes)
    loop_only = set(loops) - set(relations_seen)
    for relation, count in loops.items():
        relations_seen[relation] = relations_seen.get(relation, 0) + count
    types = [und.nodes[n].get("type", "Actor") for n in nodes]
    ax.scatter(xy[:, 0], xy[:, 1], s=[sizes[n] for n in nodes],
               c=[TYPE_COLOURS.get(t, TYPE_COLOURS["Actor"]) for t in types],
               edgecolors="white", linewidths=1.5, zorder=3)
    texts = {}
    for i, n in enumerate(nodes):
        (dx, dy), ha, va = _label_anchor(sides[n], radius_px[n])
        texts[n] = ax.text(xy[i, 0] + dx, xy[i, 1] + dy, labels[n], fontsize=LABEL_FONT, ha=ha, va=va,
                           linespacing=1.0, zorder=4, multialignment=ha,
                           bbox=dict(boxstyle="round,pad=0.12", fc="white", ec="none", alpha=0.8))
    alone = [n for n in nodes if und.degree(n) == 0]
    if alone and len(alone) < len(nodes):
        top_alone = max(pos[n][1] + radius_px[n] for n in alone) + 14
        ax.axhline(top_alone, color="#DDDDDD", lw=1, zorder=0)
        ax.text(4, top_alone - 4, "actors in facts but without relations to other actors", fontsize=9,
                color="#888888", va="top", ha="left")

    _actor_legends(fig, types, relations_seen, loop_only, hidden)
    n_facts = sum(relations_seen.values())
    fig.suptitle(title or f"Actor network: {len(nodes)} actors, {sub.number_of_edges()} relations from {n_facts} facts",
                 fontsize=16, x=0.02, ha="left", y=0.975)
    _save(fig, path, fmt)
    return {"nodes": len(nodes), "edges": sub.number_of_edges(), "hidden": hidden,
            "label_boxes": {n: tuple(t.get_window_extent(renderer).extents) for n, t in texts.items()},
            "positions": {n: tuple(p) for n, p in pos.items()}}


LABEL_FONT = 11


def _text_size(ax, text: str, font: float, renderer) -> tuple[float, float]:
    probe = ax.text(0, 0, text, fontsize=font, linespacing=1.0)
    bb = probe.get_window_extent(renderer)
    probe.remove()
    return bb.width + 6, bb.height + 4


def _arcs(g: nx.MultiDiGraph) -> list[tuple[str, str, str, dict, float]]:
    """(source, target, relation, data, rad) for each edge to draw: one arc per (pair, relation),
    the arcs of one pair bending apart (rad as in matplotlib's arc3 connection style)."""
    pairs: dict[tuple, list] = {}
    for a, b, key, data in g.edges(keys=True, data=True):
        if a != b:
            pairs.setdefault(tuple(sorted((a, b))), []).append((a, b, key, data))
    arcs = []
    for (ca, cb), edges in pairs.items():
        edges.sort(key=lambda e: (e[2], e[0]))
        for (a, b, key, data), off in zip(edges, _offsets(len(edges))):
            arcs.append((a, b, data.get("relation", key), data, off if (a, b) == (ca, cb) else -off))
    return arcs


def _arc_points(p, q, rad: float, pieces: int = 8) -> list[np.ndarray]:
    """Points along the quadratic curve matplotlib draws for arc3,rad between p and q."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    control = (p + q) / 2 + rad * np.array([q[1] - p[1], -(q[0] - p[0])])
    return [(1 - t) ** 2 * p + 2 * (1 - t) * t * control + t ** 2 * q for t in np.linspace(0, 1, pieces + 1)]


def _draw_edges(ax, arcs: list, pos: dict, sizes: dict) -> dict[str, int]:
    """Draw the arcs, width by number of facts; returns the number of facts drawn per relation."""
    seen: dict[str, int] = {}
    for a, b, relation, data, rad in arcs:
        count = int(data.get("count", 1))
        seen[relation] = seen.get(relation, 0) + count
        colour = RELATION_COLOURS.get(relation, "#555555")
        ax.add_patch(FancyArrowPatch(pos[a], pos[b], connectionstyle=f"arc3,rad={rad}",
                                     arrowstyle="-|>" if data.get("directed", True) else "-", mutation_scale=20,
                                     color=colour, lw=1.6 + 1.4 * math.log2(count), alpha=0.85,
                                     shrinkA=math.sqrt(sizes[a]) / 2 + 2, shrinkB=math.sqrt(sizes[b]) / 2 + 3,
                                     zorder=1))
        if count > 1:     # at the middle of the arc
            mx, my = _arc_points(pos[a], pos[b], rad, 2)[1]
            ax.text(mx, my, f"×{count}", fontsize=9, color=colour, ha="center", va="center", zorder=2,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9))
    return seen


def _actor_legends(fig: Figure, types: list[str], relations: dict[str, int], loops: set[str], hidden: int) -> None:
    """Legends for node types and relations (`loops`: relations only drawn as notes under a name)."""
    type_handles = [Line2D([], [], marker="o", ls="", markersize=12, markerfacecolor=TYPE_COLOURS[t],
                           markeredgecolor="white", label=f"{t} ({types.count(t)})")
                    for t in TYPE_COLOURS if t in types]
    fig.add_artist(fig.legend(handles=type_handles, title="actor type", loc="upper left",
                              bbox_to_anchor=(0.775, 0.93), fontsize=11, title_fontsize=12, frameon=False,
                              alignment="left"))
    rel_handles = [Line2D([], [], color=RELATION_COLOURS.get(r, "#555555") if r not in loops else "none", lw=2.5,
                          label=f"{RELATION_NAMES.get(r, r)} ({relations[r]})"
                          + ("\nwritten (…) under the name" if r in loops else ""))
                   for r in list(RELATION_COLOURS) + sorted(set(relations) - set(RELATION_COLOURS)) if r in relations]
    if rel_handles:
        fig.legend(handles=rel_handles, title="relation (facts)", loc="upper left", bbox_to_anchor=(0.775, 0.70),
                   fontsize=11, title_fontsize=12, frameon=False, alignment="left")
    notes = ["node size: number of related actors", "arrows: who did it → to whom", "×N: facts behind one arrow"]
    if hidden:
        notes.append(f"{hidden} actor(s) not shown (only mentioned,\nor beyond the most related)")
    fig.text(0.78, 0.05, "\n".join(notes), fontsize=10, color="#555555", va="bottom", linespacing=1.5)


SIDES = ("below", "above", "right", "left")   # in order of preference


def _hits(p, q, rect) -> bool:
    """Does the segment p-q cross the rectangle (x0, y0, x1, y1)? (Liang-Barsky clipping)"""
    x0, y0, x1, y1 = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _label_sides(nodes, xy, segments, radius, boxes) -> dict:
    """For each node, the side where its label crosses the fewest edges (below when free)."""
    sides = {}
    for i, n in enumerate(nodes):
        best, best_score = "below", None
        for rank, side in enumerate(SIDES):
            fx0, fy0, fx1, fy1 = _footprint(side, radius[n], *boxes[n])
            # the label's own rectangle only (not the disc), in pixels
            if side == "below":
                fy1 = -radius[n]
            elif side == "above":
                fy0 = radius[n]
            elif side == "right":
                fx0 = radius[n]
            else:
                fx1 = -radius[n]
            rect = (xy[i][0] + fx0, xy[i][1] + fy0, xy[i][0] + fx1, xy[i][1] + fy1)
            crossed = sum(1 for p, q in segments if _hits(p, q, rect))
            score = crossed * 10 + rank
            if best_score is None or score < best_score:
                best, best_score = side, score
        sides[n] = best
    return sides


def _footprint(side: str, r: float, w: float, h: float) -> tuple[float, float, float, float]:
    """(dx0, dy0, dx1, dy1) in pixels around a node: its disc and its label on that side."""
    if side == "below":
        return (-max(r, w / 2), -(r + 3 + h), max(r, w / 2), r)
    if side == "above":
        return (-max(r, w / 2), -r, max(r, w / 2), r + 3 + h)
    if side == "right":
        return (-r, -max(r, h / 2), r + 4 + w, max(r, h / 2))
    return (-(r + 4 + w), -max(r, h / 2), r, max(r, h / 2))


def _label_anchor(side: str, r: float) -> tuple[tuple[float, float], str, str]:
    return {"below": ((0, -r - 3), "center", "top"), "above": ((0, r + 3), "center", "bottom"),
            "right": ((r + 5, 0), "left", "center"), "left": ((-r - 5, 0), "right", "center")}[side]


def _offsets(n: int) -> list[float]:
    if n == 1:
        return [0.0]
    step = 0.22
    if n % 2 == 0:
        return [s * step * (k + 0.5) for k in range(n // 2) for s in (1, -1)]
    return [0.0] + [s * step * (k + 1) for k in range(n // 2) for s in (1, -1)]


# =========================================================================== timeline
class _GapScale:
    """A time axis that shrinks long silences (a night without entries) to a short break."""

    def __init__(self, times: list[float]):
        times = sorted(set(times))
        gaps = np.diff(times) if len(times) > 1 else np.array([])
        typical = float(np.median(gaps)) if len(gaps) else 1 / 24
        self.threshold = max(2 / 24, 6 * typical)
        kept = float(sum(g for g in gaps if g <= self.threshold))
        self.shrunk = min(self.threshold, max(10 / 1440, 0.08 * kept))
        xs, ys = [times[0] - 1000.0, times[0]], [times[0] - 1000.0, times[0]]
        self.breaks: list[tuple[float, float]] = []
        for a, b in zip(times, times[1:]):
            if b - a > self.threshold:
                self.breaks.append((a, b))
            xs.append(b)
            ys.append(ys[-1] + (b - a if b - a <= self.threshold else self.shrunk))
        xs.append(times[-1] + 1000.0)
        ys.append(ys[-1] + 1000.0)
        self.xs, self.ys = np.array(xs), np.array(ys)

    def forward(self, x):
        return np.interp(np.asarray(x, dtype=float), self.xs, self.ys)

    def inverse(self, y):
        return np.interp(np.asarray(y, dtype=float), self.ys, self.xs)


def _num(t: datetime) -> float:
    return float(mdates.date2num(t))


def draw_timeline(tl: Timeline, path: str | Path, fmt: str = "png", *, title: Optional[str] = None) -> dict:
    """Entries as ticks on a time axis; casualty figures per source as steps; proposals, reactions,
    meetings and attacks as annotations at the time they were reported."""
    tz = tl.tzinfo
    times = [_num(t) for t in tl.times]
    if not times:
        times = [_num(datetime.now(tz))]
    scale = _GapScale(times)
    lo, hi = min(times), max(times)
    scaled = scale.forward([lo, hi])
    pad = max((scaled[1] - scaled[0]) * 0.04, 10 / 1440)
    left, right = float(scale.inverse(scaled[0] - pad)), float(scale.inverse(scaled[1] + pad * 2.5))
    end_of_data = float(scale.inverse(scaled[1] + pad))

    fig, renderer = _figure()
    grid = fig.add_gridspec(4, 1, height_ratios=[1.7, 1.7, 3.1, 2.5], hspace=0.16,
                            left=0.055, right=0.80, top=0.93, bottom=0.075)
    ax_killed = fig.add_subplot(grid[0])
    ax_injured = fig.add_subplot(grid[1], sharex=ax_killed)
    ax_marks = fig.add_subplot(grid[2], sharex=ax_killed)
    ax_entries = fig.add_subplot(grid[3], sharex=ax_killed)
    for ax in (ax_killed, ax_injured, ax_marks, ax_entries):
        ax.set_xscale("function", functions=(scale.forward, scale.inverse))
        ax.set_xlim(left, right)
        for gap in scale.breaks:
            a, b = scale.forward(gap)
            ax.axvspan(float(scale.inverse(a + (b - a) * 0.2)), float(scale.inverse(b - (b - a) * 0.2)),
                       color="#EEEEEE", zorder=0, lw=0)
    for ax in (ax_killed, ax_injured, ax_marks):
        ax.tick_params(labelbottom=False)

    # ---- casualty figures, one step line per source
    reporters = list(tl.casualties)
    colours = {r: REPORTER_COLOURS[i % len(REPORTER_COLOURS)] for i, r in enumerate(reporters)}
    value_texts = []
    for ax, what in ((ax_killed, "killed"), (ax_injured, "injured")):
        value_texts += _draw_casualties(ax, tl, what, colours, end_of_data, renderer)
    ax_killed.set_title("Casualty figures as each source reported them (▲ = at least)", loc="left", fontsize=12)

    # ---- reported events, stacked in free rows
    mark_texts = _annotate_marks(ax_marks, tl, renderer)
    for m in tl.marks:
        for ax in (ax_killed, ax_injured):
            ax.axvline(_num(m.at), color=MARK_COLOURS[m.kind], alpha=0.25, lw=1, zorder=1)

    # ---- entries as ticks, with their headlines where there is room
    headline_texts = _draw_entries(ax_entries, tl, renderer)
    offset = tl.entries[0].at.strftime("%z") if tl.entries else ""
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    ax_entries.set_xlabel(f"time the entries were published ({offset}); grey bands: hours without entries, shortened",
                          fontsize=11)

    days = sorted({e.at.astimezone(tz).date() for e in tl.entries})
    span = f"{days[0]:%d/%m/%Y}" + (f" – {days[-1]:%d/%m/%Y}" if len(days) > 1 else "") if days else ""
    fig.suptitle(title or f"Timeline: {len(tl.entries)} entries {span}", fontsize=16, x=0.02, ha="left", y=0.975)
    _save(fig, path, fmt)
    return {"entries": len(tl.entries), "reporters": len(reporters), "marks": len(tl.marks),
            "value_boxes": [tuple(t.get_window_extent(renderer).extents) for t in value_texts],
            "mark_boxes": [tuple(t.get_window_extent(renderer).extents) for t in mark_texts],
            "headline_boxes": [tuple(t.get_window_extent(renderer).extents) for t in headline_texts]}


def _draw_casualties(ax, tl: Timeline, what: str, colours: dict, end_of_data: float, renderer) -> list:
    """One step line per source of the `what` figures ("killed" or "injured"), each figure written
    beside its point where it covers no other; returns the figures' text artists."""
    series = []
    for reporter, figures in tl.casualties.items():
        points = [(f, *f.value(what)) for f in figures]
        points = [(f, v, low) for f, v, low in points if v is not None]
        if points:
            series.append((reporter, points))
    top = max((v for _, points in series for _, v, _ in points), default=0)
    ax.set_ylim(0, max(top * 1.35, 1) + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_ylabel(what, fontsize=12)
    ax.grid(axis="y", color="#EEEEEE")
    if not series:
        ax.text(0.5, 0.5, f"no {what} figures in the graph", transform=ax.transAxes, ha="center",
                va="center", color="#999999", fontsize=11)
        return []
    for reporter, points in series:
        xs = [_num(f.at) for f, _, _ in points] + [end_of_data]
        ys = [v for _, v, _ in points] + [points[-1][1]]
        ax.step(xs, ys, where="post", color=colours[reporter], lw=2.2, zorder=3,
                label=reporter if len(reporter) <= 30 else reporter[:28].rstrip() + "…")
        for f, v, low in points:
            ax.plot(_num(f.at), v, marker="^" if low else "o", color=colours[reporter], ms=8, zorder=4)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10, frameon=False,
              title="reported by", title_fontsize=10, alignment="left")
    frame = ax.get_window_extent(renderer)
    texts = []
    dots = {}                         # every point is an obstacle: a figure never sits on another's point
    for _, points in series:
        for f, v, _ in points:
            x, y = ax.transData.transform((_num(f.at), v))
            dots[id(f)] = (x - 5, y - 5, x + 5, y + 5)
    placed = []
    for reporter, points in series:
        for f, v, low in points:
            obstacles = placed + [d for key, d in dots.items() if key != id(f)]
            text = (f"≥{v}" + (f" ({f.note})" if f.note else "")) if low else str(v)
            x, _ = ax.transData.transform((_num(f.at), v))
            ann = ax.annotate(text, (_num(f.at), v), xytext=(5, 5), textcoords="offset points", fontsize=10, zorder=5,
                              color=colours[reporter], bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none",
                                                                 alpha=0.8))
            right_first = x < frame.x0 + 0.6 * frame.width
            sides = [(5, 5, "left", "bottom"), (-5, 5, "right", "bottom"), (5, -5, "left", "top"),
                     (-5, -5, "right", "top"), (7, 0, "left", "center"), (-7, 0, "right", "center"),
                     (5, 16, "left", "bottom"), (-5, 16, "right", "bottom"), (5, -16, "left", "top"),
                     (-5, -16, "right", "top")]
            if not right_first:
                sides = [c for c in sides if c[2] == "right"] + [c for c in sides if c[2] == "left"]
            for dx, dy, ha, va in sides:
                ann.xyann = (dx, dy)
                ann.set_ha(ha)
                ann.set_va(va)
                bb = ann.get_window_extent(renderer)
                box = (bb.x0, bb.y0, bb.x1, bb.y1)
                inside = frame.x0 <= bb.x0 and bb.x1 <= frame.x1 and frame.y0 <= bb.y0 and bb.y1 <= frame.y1
                if inside and not any(_overlap(box, p) for p in obstacles):
                    break
            placed.append(box)
            texts.append(ann)
    return texts


def _draw_entries(ax, tl: Timeline, renderer) -> list:
    tz = tl.tzinfo
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    xs = [_num(e.at) for e in tl.entries]
    ax.vlines(xs, 0, 0.1, color="#333333", lw=1.5)
    # tick labels: the time of each entry (and the day when it changes), thinned where crowded
    ticks, tick_labels, last_px, last_day = [], [], -1e9, None
    for e, x in zip(tl.entries, xs):
        px = ax.transData.transform((x, 0))[0]
        local = e.at.astimezone(tz)
        if px - last_px < 44:
            continue
        label = f"{local:%H:%M}" if local.date() == last_day else f"{local:%H:%M}\n{local:%d/%m}"
        ticks.append(x)
        tick_labels.append(label)
        last_px, last_day = px, local.date()
    ax.set_xticks(ticks)
    ax.set_xticklabels(tick_labels, fontsize=10)
    ax.xaxis.set_minor_locator(NullLocator())
    height_px = ax.get_window_extent(renderer).height * 0.84
    pxs = [ax.transData.transform((x, 0))[0] for x in xs]
    last_px = -1e9
    texts = []
    for i, (e, x) in enumerate(zip(tl.entries, xs)):
        room_left = pxs[i] - last_px
        room_right = pxs[i + 1] - pxs[i] if i + 1 < len(pxs) else 1e9
        if room_left < 14:
            continue
        lines = int(max(1, min(3, (min(room_left, room_right) - 4) // 14)))
        t = ax.text(x, 0.13, "", rotation=90, fontsize=9, ha="center", va="bottom", color="#333333",
                    linespacing=1.0)
        _fit_headline(t, e.headline, lines, height_px, renderer)
        texts.append(t)
        last_px = pxs[i]
    ax.set_title("Entries (one tick each, with its headline)", loc="left", fontsize=12)
    return texts


def _fit_headline(t, headline: str, lines: int, room: float, renderer) -> None:
    """Wrap a headline on up to `lines` lines; cut words off the end (with …) until it fits `room` pixels."""
    words = headline.split()
    for keep in range(len(words), 0, -1):
        text = " ".join(words[:keep]) + ("…" if keep < len(words) else "")
        width = -(-len(text) // lines)
        while len(textwrap.wrap(text, width=width, break_long_words=False)) > lines:
            width += 1
        t.set_text("\n".join(textwrap.wrap(text, width=width, break_long_words=False)))
        if t.get_window_extent(renderer).height <= room:
            return


def _annotate_marks(ax, tl: Timeline, renderer) -> list:
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_title("Reported truce proposals, reactions, meetings and attacks", loc="left", fontsize=12)
    if not tl.marks:
        ax.text(0.5, 0.5, "no truce proposals, meetings or attacks in the graph", transform=ax.transAxes,
                ha="center", va="center", color="#999999", fontsize=11)
        return []
    box = ax.get_window_extent(renderer)
    base_px = 8.0
    styles = [(9.5, 34, True), (8.5, 30, True), (8.5, 28, False), (7.5, 24, False)]   # font, wrap, with details
    placed = []
    for number, style in enumerate(styles):
        placed = _place_marks(tl.marks, ax, box, renderer, base_px, *style, force=number == len(styles) - 1)
        if placed is not None:
            break
    to_data = ax.transData.inverted()
    texts = []
    for m, spot in zip(tl.marks, placed):
        if spot is None:
            continue
        rect, text, font = spot
        colour = MARK_COLOURS[m.kind]
        x = _num(m.at)
        px = ax.transData.transform((x, 0))[0] - box.x0
        texts.append(ax.text((rect[0] + 5) / box.width, (rect[3] - 5) / box.height, text, transform=ax.transAxes,
                             fontsize=font, ha="left", va="top", color="#222222", zorder=3, linespacing=1.15,
                             bbox=dict(boxstyle="round,pad=0.35", fc="white", ec=colour, lw=1.4)))
        # a connector from the event's time to the box, under every box
        anchor_x = min(max(px, rect[0] + 4), rect[2] - 10)
        (x1, y1), (x2, y2) = to_data.transform([(box.x0 + px, box.y0 + base_px),
                                                (box.x0 + anchor_x, box.y0 + rect[1])])
        ax.plot([x1, x2], [y1, y2], color=colour, lw=1.2, zorder=1)
        ax.plot(x, y1, marker="o", color=colour, ms=7, zorder=4, clip_on=False)
    left_out = sum(1 for spot in placed if spot is None)
    if left_out:
        ax.text(1.01, 0.02, f"{left_out} more not shown\n(no room: see `kg query`)", transform=ax.transAxes,
                fontsize=9, color="#777777", va="bottom")
    handles = [Patch(facecolor="white", edgecolor=MARK_COLOURS[k], lw=1.5, label=k) for k in MARK_KINDS
               if any(m.kind == k for m in tl.marks)]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10, frameon=False,
              title="reported", title_fontsize=10, alignment="left")
    return texts


def _mark_text(m, wrap: int, details: bool) -> str:
    text = f"{m.kind}: {m.title}" + (f"\n{m.detail}" if details and m.detail else "")
    return "\n".join(_wrap(line, wrap) for line in text.split("\n"))


def _place_marks(marks, ax, box, renderer, base_px, font, wrap, details, force=False):
    """Boxes (axes pixels) for the marks: each as near its own time and as high as it can be, on no
    other box, its connector crossing no box and no box on an earlier connector; None when they do
    not all fit (with `force`, a None in the list for each mark that does not)."""
    width, height = box.width, box.height
    placed, connectors, out = [], [], []
    for m in marks:
        text = _mark_text(m, wrap, details)
        probe = ax.text(0, 0, text, fontsize=font, transform=None, linespacing=1.15)
        bb = probe.get_window_extent(renderer)
        probe.remove()
        w, h = bb.width + 16, bb.height + 16
        px = ax.transData.transform((_num(m.at), 0))[0] - box.x0
        tops = sorted({height - 4} | {p[1] - 2 for p in placed}, reverse=True)
        best, best_cost = None, None
        for dx in _shifts(w):
            left = min(max(px + dx, 2), width - w - 2)
            for top in tops:
                rect = (left, top - h, left + w, top)
                if rect[1] < base_px + 14 or any(_overlap(rect, p) for p in placed):
                    continue
                foot = (min(max(px, left + 4), left + w - 10), rect[1])
                crossings = sum(_hits((px, base_px), foot, _shrink(p)) for p in placed)
                crossings += sum(_hits(a, b, _shrink(rect)) for a, b in connectors)
                cost = abs(left - px) + 0.5 * (height - top) + 1000 * crossings
                if best_cost is None or cost < best_cost:
                    best, best_cost = rect, cost
        if best is None:
            if not force:
                return None
            out.append(None)          # no room left at all: this one is left out
            continue
        placed.append(best)
        connectors.append(((px, base_px), (min(max(px, best[0] + 4), best[2] - 10), best[1])))
        out.append((best, text, font))
    return out


def _shrink(rect, by: float = 1.0):
    return (rect[0] + by, rect[1] + by, rect[2] - by, rect[3] - by)


def _shifts(w: float) -> list[float]:
    """Horizontal moves to try, in pixels: first those that keep the box over its own time."""
    out = [0.0, -w * 0.3, -w * 0.6, -w * 0.85]
    for k in range(1, 8):
        out += [k * w * 0.3, -w * 0.85 - k * w * 0.3]
    return out


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
