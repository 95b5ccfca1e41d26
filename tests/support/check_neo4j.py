"""Loads a build's Neo4j import files (OUT/neo4j/*.csv) into Kuzu, an embedded
Cypher graph database, as neo4j-admin reads them: each file's header names its
label or relationship type, its ends' labels, its columns and their types, and
`COPY ... (header=true)` reads the rows column by column. Then checks the
database against the build's JSON-LD (OUT/graph.jsonld): every node with its
properties, every statement as one relationship with its provenance, every
mention, and the counts of each label and type; and asks the questions of
OUT/neo4j/queries.cypher in Cypher.

    python3 check_neo4j.py OUT [GSS]

Prints JSON: {"counts", "who_led": {body: rows}, "successions", "council"}
(`council`: the `council` question asked with GSS). Exits non-zero with the
differences found, or Kuzu's error when the files do not load.
"""
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import kuzu

out = Path(sys.argv[1])
folder = out / "neo4j"
gss = sys.argv[2] if len(sys.argv) > 2 else None
problems = []


def check(ok, message):
    if not ok and len(problems) < 40:
        problems.append(message)


KUZU_TYPE = {"string": "STRING", "int": "INT64", "long": "INT64", "date": "DATE", "string[]": "STRING", "double": "DOUBLE", "boolean": "BOOLEAN"}


def header(path):
    """[(name, type, role, label)]: role is ID, START_ID, END_ID or None."""
    first = path.open(encoding="utf-8").readline().rstrip("\n")
    cols = []
    for h in first.split(","):
        m = re.fullmatch(r"([^:]*)(?::(ID|START_ID|END_ID)\((\w+)\)|:([a-z]+(?:\[\])?))?", h)
        if not m:
            sys.exit(f"{path.name}: a header neo4j-admin would not read: {h!r}")
        name, role, label, ty = m.groups()
        cols.append((name, ty or "string", role, label))
    return cols


def properties(cols):
    return [(n, t) for n, t, role, _ in cols if role is None]


db = kuzu.Database(str(Path(tempfile.mkdtemp()) / "db"))
con = kuzu.Connection(db)
node_files, rel_files = {}, defaultdict(list)
for path in sorted(folder.glob("*.csv")):
    cols = header(path)
    roles = [c[2] for c in cols]
    if "ID" in roles:
        node_files[cols[roles.index("ID")][3]] = (path, cols)
    else:
        kind = path.name.split(".")[0]
        rel_files[kind].append((path, cols, cols[roles.index("START_ID")][3], cols[roles.index("END_ID")][3]))

for label, (path, cols) in node_files.items():
    key = next(n for n, _, role, _ in cols if role == "ID")
    defs = ", ".join(f"{n} {KUZU_TYPE[t]}" for n, t, role, _ in cols if n)
    con.execute(f"CREATE NODE TABLE {label}({defs}, PRIMARY KEY({key}))")
    con.execute(f"COPY {label} FROM '{path}' (header=true, parallel=false)")
for kind, files in rel_files.items():
    props = {tuple(properties(cols)) for _, cols, _, _ in files}
    check(len(props) == 1, f"{kind}: its files have different columns")
    pairs = ", ".join(f"FROM {a} TO {b}" for _, _, a, b in files)
    defs = "".join(f", {n} {KUZU_TYPE[t]}" for n, t in sorted(props)[0])
    con.execute(f"CREATE REL TABLE {kind}({pairs}{defs})")
    for path, _, a, b in files:
        pair = f", from='{a}', to='{b}'" if len(files) > 1 else ""
        con.execute(f"COPY {kind} FROM '{path}' (header=true, parallel=false{pair})")


def rows(query, params=None):
    result = con.execute(query, params or {})
    names = result.get_column_names()
    found = []
    while result.has_next():
        found.append(dict(zip(names, result.get_next())))
    return found


# The JSON-LD of the same build.
doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
items = [i for i in doc["@graph"] if i["@id"] != "urn:oversight:build"]
statements = [i for i in items if i["@type"] == "Statement"]
nodes = {i["@id"]: i for i in items if i["@type"] != "Statement"}
RELATIONSHIP = {"inspected": "INSPECTED", "rated": "RATED", "conductedBy": "CONDUCTED_BY", "inspector": "INSPECTOR",
                "heldRole": "HELD_ROLE", "succeeded": "SUCCEEDED", "mentionedIn": "MENTIONED_IN", "author": "AUTHOR"}


def label_of(item):
    t = item["@type"]
    return t[0] if isinstance(t, list) else t


def listed(v):
    return [] if v is None else v if isinstance(v, list) else [v]


def value(v):
    return v["@value"] if isinstance(v, dict) else v


def day(v):
    """A date's `:date` twin: the day, where the text gave one."""
    v = value(v)
    return v if v and len(v) == 10 else None


def as_text(v):
    return None if v in (None, "") else str(v)


# Nodes, with their properties.
expected_nodes = Counter(label_of(i) for i in nodes.values())
found_nodes = Counter()
for label in node_files:
    for r in rows(f"MATCH (n:{label}) RETURN n.*"):
        found_nodes[label] += 1
        n = {k.split(".", 1)[1]: v for k, v in r.items()}
        item = nodes.get(n["id"])
        check(item is not None and label_of(item) == label, f"{label} {n['id']} is not a {label} of the JSON-LD")
        if item is None:
            continue
        want = {"name": item.get("name")}
        if label in ("Person", "Body"):
            want["alternateNames"] = ";".join(listed(item.get("alternateName"))) or None
        if label == "Body":
            codes = listed(item.get("identifier"))
            want.update(bodyKind=item.get("bodyKind"), gss=codes[0] if codes else None, gssCodes=";".join(codes) or None)
            check(listed(item.get("sameAs")) == [f"http://statistics.data.gov.uk/id/statistical-geography/{c}" for c in codes], f"{n['id']}: sameAs {item.get('sameAs')}")
        if label == "Inspection":
            want.update(inspectionKind=item.get("inspectionKind"), date=value(item.get("date")), dateDay=day(item.get("date")))
        if label == "Document":
            headline = listed(item.get("schema:headline"))
            want.update(headline=headline[0] if headline else None, datePublished=value(item.get("datePublished")), datePublishedDay=day(item.get("datePublished")))
        for k, v in want.items():
            check(as_text(n.get(k)) == as_text(v), f"{n['id']}: {k} is {n.get(k)!r} in the database, {v!r} in the JSON-LD")
check(found_nodes == expected_nodes, f"nodes by label: {dict(found_nodes)} in the database, {dict(expected_nodes)} in the JSON-LD")

# Relationships: one a statement, with its provenance; one a mention.
FIELDS = ["roleName", "status", "date", "startDate", "endDate", "what", "observedOn", "document", "evidence", "startOffset", "endOffset", "rule"]
by_statement = {s["@id"]: s for s in statements}
expected_rels = Counter(RELATIONSHIP[s["predicate"]] for s in statements)
expected_rels["MENTIONED_IN"] = sum(len(listed(i.get("mentionedIn"))) for i in nodes.values())
found_rels = Counter()
mentions = set()
for kind in rel_files:
    for r in rows(f"MATCH (a)-[r:{kind}]->(b) RETURN a.id AS subject, b.id AS object, r.*"):
        found_rels[kind] += 1
        rel = {k.split(".", 1)[-1]: v for k, v in r.items()}
        if kind == "MENTIONED_IN":
            mentions.add((rel["subject"], rel["object"]))
            continue
        st = by_statement.get(rel.get("statement"))
        check(st is not None, f"{kind} {rel['subject']} -> {rel['object']}: no statement {rel.get('statement')!r} in the JSON-LD")
        if st is None:
            continue
        want = {"subject": st["subject"], "object": st["object"], "document": st["wasDerivedFrom"]}
        want.update({f: value(st.get(f)) for f in FIELDS if f != "document"})
        want.update({f"{f}Day": day(st.get(f)) for f in ("date", "startDate", "endDate", "observedOn")})
        check(RELATIONSHIP[st["predicate"]] == kind, f"{st['@id']} is a {kind} in the database")
        for k, v in want.items():
            check(as_text(rel.get(k)) == as_text(v), f"{st['@id']}: {k} is {rel.get(k)!r} in the database, {v!r} in the JSON-LD")
expected_mentions = {(i["@id"], d) for i in nodes.values() for d in listed(i.get("mentionedIn"))}
check(mentions == expected_mentions, f"mentions differ: {sorted(mentions ^ expected_mentions)[:3]}")
check(+found_rels == +expected_rels, f"relationships by type: {dict(found_rels)} in the database, {dict(expected_rels)} in the JSON-LD")

# The questions of queries.cypher (its CREATE lines are Neo4j's schema commands).
text = (folder / "queries.cypher").read_text(encoding="utf-8")
questions = {}
for block in re.split(r"\n\s*\n", text):
    lines = block.strip().splitlines()
    m = re.match(r"// ([a-z-]+): ", lines[0]) if lines else None
    if m:
        questions[m.group(1)] = "\n".join(l for l in lines if not l.lstrip().startswith("//")).rstrip().rstrip(";")
for q in ("who-led", "successions", "inspections", "council"):
    check(q in questions, f"queries.cypher has no question '{q}'")
bodies = sorted(r["name"] for r in rows("MATCH (:Person)-[:HELD_ROLE]->(b:Body) RETURN DISTINCT b.name AS name"))
who_led = {b: rows(questions["who-led"], {"body": b}) for b in bodies}
for b in bodies:
    rows(questions["inspections"], {"body": b})
council = rows(questions["council"], {"gss": gss}) if gss else []

if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(json.dumps({"counts": {"nodes": found_nodes, "relationships": found_rels}, "who_led": who_led,
                  "successions": rows(questions["successions"]), "council": council}, indent=1, default=str))
