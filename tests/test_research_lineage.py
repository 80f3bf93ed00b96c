"""Lineage on a story with planted copies, rewrites, credits and links (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import timedelta

import networkx as nx
import pytest

from archive import Archive
from archive.research.corpus import OutletInfo
from archive.research.lineage.credits import find_credits
from archive.research.lineage.formats import lineage_dot, lineage_graphml, lineage_json
from archive.research.names import OutletNames
from archive.schema import Article
from tests.plugins.prepared import run_cli
from tests.research_story import STORY, T0, PlantedArchive

#: Every planted edge: (source role, derived role, kind).
PLANTED_EDGES = {
    ("original", "copy", "copy"),
    ("original", "rewrite", "rewrite"),
    ("original", "credit_obtained", "credit"),
    ("original", "credit_according", "credit"),
    ("outlet:The Daily Beast", "credit_unknown", "credit"),
    ("original", "link", "link"),
    ("wire_first_seen", "wire_late_seen", "copy"),
    ("outlet:Associated Press", "wire_late_seen", "credit"),
    ("outlet:Associated Press", "wire_first_seen", "credit"),
}


@pytest.fixture(scope="module")
def graph(planted: PlantedArchive) -> nx.MultiDiGraph:
    archive = Archive(planted.url)
    try:
        return archive.lineage(STORY)
    finally:
        archive.dispose()


def _roles(planted: PlantedArchive, graph: nx.MultiDiGraph) -> set[tuple]:
    return {(planted.role(u), planted.role(v), k) for u, v, k in graph.edges(keys=True)}


def test_every_planted_edge_is_found_with_kind_and_direction(planted, graph) -> None:
    assert isinstance(graph, nx.DiGraph)
    assert _roles(planted, graph) == PLANTED_EDGES


def test_the_unrelated_and_the_undated_article_have_no_edge(planted, graph) -> None:
    for role in ("unrelated", "undated"):
        node = planted.ids[role]
        assert node in graph and graph.degree(node) == 0, role


def test_edges_carry_their_evidence(planted, graph) -> None:
    ids = planted.ids
    rewrite = graph.edges[ids["original"], ids["rewrite"], "rewrite"]["evidence"]
    assert rewrite["shared"] == 3 and len(rewrite["quotes"]) == 3
    assert any("kingpin" in q for q in rewrite["quotes"])
    obtained = graph.edges[ids["original"], ids["credit_obtained"], "credit"]["evidence"]
    assert obtained["phrase"] == "obtained by PEOPLE" and obtained["outlet"] == "people"
    according = graph.edges[ids["original"], ids["credit_according"], "credit"]["evidence"]
    assert according["phrase"] == "according to People"
    link = graph.edges[ids["original"], ids["link"], "link"]["evidence"]
    assert link["url"].startswith("https://people.test/politics/kushner-memoir")
    copy = graph.edges[ids["original"], ids["copy"], "copy"]["evidence"]
    assert copy["match"] == "exact"


def test_json_has_the_design_shape(planted, graph) -> None:
    doc = lineage_json(graph)
    assert set(doc) >= {"nodes", "edges"}
    for node in doc["nodes"]:
        assert {"id", "outlet", "title", "url", "published_at"} <= set(node)
    beast = next(n for n in doc["nodes"] if n["id"] == "outlet:The Daily Beast")
    assert beast["url"] is None and beast["published_at"] is None
    undated = next(n for n in doc["nodes"] if n["id"] == planted.ids["undated"])
    assert undated["published_at"] is None and undated["url"].startswith("https://radar.test/")
    for edge in doc["edges"]:
        assert set(edge) == {"from", "to", "kind", "evidence"}
        assert edge["kind"] in {"copy", "rewrite", "credit", "link"}
    json.dumps(doc)  # plain JSON all the way down


def test_dot_and_graphml_round_trip(planted, graph, tmp_path) -> None:
    dot = lineage_dot(graph)
    assert dot.startswith("digraph") and dot.count("->") == graph.number_of_edges()
    path = tmp_path / "lineage.graphml"
    path.write_text(lineage_graphml(graph), encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_edges() == graph.number_of_edges()
    edge = back.edges[str(planted.ids["original"]), str(planted.ids["rewrite"]), "rewrite"]
    assert json.loads(edge["evidence"])["shared"] == 3


def test_cli_lineage_formats(planted, capsys, tmp_path) -> None:
    printed = run_cli(["lineage", "--story", STORY, "--db", planted.url], capsys)
    assert printed.code == 0
    archive = Archive(planted.url)
    try:
        expected = json.loads(json.dumps(lineage_json(archive.lineage(STORY))))
        assert json.loads(printed.out) == expected
    finally:
        archive.dispose()
    png = tmp_path / "lineage.png"
    result = run_cli(["lineage", "--story", STORY, "--format", "png", "-o", str(png),
                      "--db", planted.url], capsys)  # fmt: skip
    assert result.code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "written to" in result.err
    missing = run_cli(["lineage", "--format", "png", "--db", planted.url], capsys)
    assert missing.code == 1 and missing.err.count("\n") == 1 and "-o" in missing.err
    wrong = run_cli(["lineage", "--format", "svg", "--db", planted.url], capsys)
    assert wrong.code == 1 and "json, dot, graphml, png" in wrong.err


# -- bad input -------------------------------------------------------------------------------
def test_a_story_with_one_article(archive_db: Archive) -> None:
    lone = Article(url="https://solo.test/a", outlet="solo", story="solo-story",
                   body="A lone report without any quotes.", published_at=T0)  # fmt: skip
    archive_db.store(lone)
    graph = archive_db.lineage("solo-story")
    assert graph.number_of_nodes() == 1 and graph.number_of_edges() == 0
    assert lineage_json(graph)["edges"] == []
    assert archive_db.quotes("solo-story") == []


def test_copies_sharing_a_publication_minute_go_by_first_seen(archive_db: Archive) -> None:
    body = " ".join(f"word{i} about the memoir and its clemency chapter" for i in range(8))
    late = archive_db.store(Article(url="https://a.test/x", outlet="a", story="tie", body=body,
                                    published_at=T0), now=T0 + timedelta(hours=2))  # fmt: skip
    early = archive_db.store(Article(url="https://b.test/x", outlet="b", story="tie", body=body,
                                     published_at=T0), now=T0 + timedelta(hours=1))  # fmt: skip
    graph = archive_db.lineage("tie")
    assert list(graph.edges(keys=True)) == [(early.article_id, late.article_id, "copy")]


# -- credits ---------------------------------------------------------------------------------
NAMES = OutletNames.from_outlets({
    "people": OutletInfo("people", "People", ["people.test"]),
    "pagesix": OutletInfo("pagesix", "Page Six", ["pagesix.test"]),
})  # fmt: skip


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The excerpt, obtained by PEOPLE, describes the calls.", "People"),
        ("Johnson told People magazine she was grateful.", "People"),
        ("The chapter is dramatic, according to Page Six.", "Page Six"),
        ("As first reported by people.test, the book was delayed.", "People"),
        ("NEW YORK (Reuters) - The memoir is out.", "Reuters"),
        ("The memoir (via Page Six) describes the calls.", "Page Six"),
        ("As first reported by The Daily Beast, the tour was cut short.", "The Daily Beast"),
        ("A source told TMZ the tour was cut short.", "TMZ"),
    ],
)
def test_credit_wordings(text: str, name: str) -> None:
    (credit,) = find_credits(text, NAMES)
    assert credit.credited.name == name


@pytest.mark.parametrize(
    "text",
    [
        "According to Kushner, the calls went on for weeks.",
        "She thanked her supporters via Instagram on Tuesday.",
        "McGahn told Trump that the answer was no.",
        "The excerpt was obtained by investigators last year.",
        "Agents told the FBI nothing new.",
    ],
)
def test_no_credit(text: str) -> None:
    assert find_credits(text, NAMES) == []
