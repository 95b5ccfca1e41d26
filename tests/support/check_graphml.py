"""Loads graph.graphml with NetworkX and checks it against the JSON-LD of the
same build and against the counts the Rust test passes in (from the
in-memory graph). Prints a JSON summary; exits non-zero with the first
difference found.

    python3 check_graphml.py graph.graphml graph.jsonld EXPECTED_JSON

EXPECTED_JSON: {"nodes": {"Person": 19, ...}, "edges": {"heldRole": 22, ...}}
"""
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx

graphml, jsonld, expected = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
g = nx.read_graphml(graphml)
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


check(g.is_directed(), "the graph is not directed")
check(g.is_multigraph() or g.number_of_edges() == sum(expected["edges"].values()), "parallel edges were lost")

# Counts by kind, as the Rust graph has them.
node_kinds = Counter(d.get("kind") for _, d in g.nodes(data=True))
edge_kinds = Counter(d.get("kind") for _, _, d in g.edges(data=True))
check(dict(node_kinds) == {k: v for k, v in expected["nodes"].items() if v}, f"node kinds {dict(node_kinds)} != {expected['nodes']}")
check(dict(edge_kinds) == {k: v for k, v in expected["edges"].items() if v}, f"edge kinds {dict(edge_kinds)} != {expected['edges']}")

# Typed attributes: strings stay strings, the observation count is an int.
for u, v, d in g.edges(data=True):
    check(isinstance(d.get("observations"), int) and d["observations"] >= 1, f"edge {u}->{v}: observations {d.get('observations')!r} is not a positive int")
    check(isinstance(d.get("kind"), str), f"edge {u}->{v} has no kind")
    if d["kind"] == "heldRole":
        check(bool(d.get("role")), f"heldRole {u}->{v} has no role")
        check(d.get("status") in ("current", "former", "future"), f"heldRole {u}->{v}: status {d.get('status')!r}")
    if d["kind"] != "mentionedIn":
        check(bool(d.get("evidence")) and bool(d.get("source")), f"{d['kind']} {u}->{v} has no evidence or source")

# Against the JSON-LD: the same nodes with the same names, kinds and dates;
# the same plain edges; the same posts on each heldRole edge.
doc = json.loads(Path(jsonld).read_text(encoding="utf-8"))
items = doc["@graph"]
nodes = {i["@id"]: i for i in items if i.get("@type") not in ("Statement", "schema:Dataset")}
statements = [i for i in items if i.get("@type") == "Statement"]
check(set(g.nodes) == set(nodes), f"node ids differ: {sorted(set(g.nodes) ^ set(nodes))[:5]}")
edges_expected = set()
for nid, node in nodes.items():
    types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
    data = g.nodes.get(nid, {})
    check(data.get("kind") == types[0], f"{nid}: kind {data.get('kind')!r} != {types[0]!r}")
    check(data.get("name") == node.get("name"), f"{nid}: name {data.get('name')!r} != {node.get('name')!r}")
    date = node.get("date") or node.get("datePublished")
    if date:
        check(data.get("date") == date["@value"], f"{nid}: date {data.get('date')!r} != {date['@value']!r}")
    if "bodyKind" in node:
        check(data.get("bodyKind") == node["bodyKind"], f"{nid}: bodyKind differs")
    if "inspectionKind" in node:
        check(data.get("inspectionKind") == node["inspectionKind"], f"{nid}: inspectionKind differs")
    if "rated" in node:
        rated = node["rated"] if isinstance(node["rated"], list) else [node["rated"]]
        check(data.get("rating") == "; ".join(nodes[r]["name"] for r in rated), f"{nid}: rating {data.get('rating')!r}")
    for prop in ("inspected", "rated", "conductedBy", "inspector", "heldRole", "succeeded", "mentionedIn", "author"):
        targets = node.get(prop, [])
        for t in targets if isinstance(targets, list) else [targets]:
            edges_expected.add((nid, prop, t))
edges_found = {(u, d["kind"], v) for u, v, d in g.edges(data=True)}
check(edges_found == edges_expected, f"edges differ: {sorted(edges_found ^ edges_expected)[:5]}")

roles_expected = defaultdict(set)
for st in statements:
    if st["predicate"] == "heldRole":
        roles_expected[(st["subject"], st["object"])].add(st["roleName"])
roles_found = defaultdict(set)
for u, v, d in g.edges(data=True):
    if d["kind"] == "heldRole":
        roles_found[(u, v)].add(d["role"])
check(roles_found == roles_expected, "the posts on heldRole edges differ from the JSON-LD's statements")

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "node_kinds": node_kinds, "edge_kinds": edge_kinds}))
