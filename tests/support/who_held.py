"""Loads graph.jsonld into rdflib's RDF store and answers "who held which
post in which body, and when" with SPARQL over the rdf:Statement nodes.
Prints JSON: one object per (person, post, body) with every date the
statements give (date, startDate, endDate, the date of the source document)
and the dates of the successions the person took part in.

    python3 who_held.py graph.jsonld
"""
import json
import sys
from collections import defaultdict

from rdflib import Graph

g = Graph()
g.parse(sys.argv[1], format="json-ld")

PREFIXES = """
PREFIX ov: <urn:oversight:vocab#>
PREFIX schema: <https://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

POSTS = PREFIXES + """
SELECT ?person ?role ?body ?when ?document WHERE {
  ?st rdf:predicate ov:heldRole ; rdf:subject ?p ; rdf:object ?b ; schema:roleName ?role .
  ?p schema:name ?person .
  ?b schema:name ?body .
  OPTIONAL { ?st prov:wasDerivedFrom/schema:name ?document }
  OPTIONAL {
    { ?st dcterms:date ?when } UNION { ?st schema:startDate ?when } UNION { ?st schema:endDate ?when }
    UNION { ?st ov:observedOn ?when }
  }
}
"""

SUCCESSIONS = PREFIXES + """
SELECT ?person ?when WHERE {
  ?st rdf:predicate ov:succeeded ; dcterms:date ?when .
  { ?st rdf:subject ?p } UNION { ?st rdf:object ?p }
  ?p schema:name ?person .
}
"""

posts = defaultdict(lambda: {"dates": set(), "documents": set()})
for row in g.query(POSTS):
    key = (str(row.person), str(row.role), str(row.body))
    if row.when is not None:
        posts[key]["dates"].add(str(row.when))
    if row.document is not None:
        posts[key]["documents"].add(str(row.document))
handovers = defaultdict(set)
for row in g.query(SUCCESSIONS):
    handovers[str(row.person)].add(str(row.when))

out = [
    {"person": p, "role": r, "body": b, "dates": sorted(v["dates"] | handovers[p]), "documents": sorted(v["documents"])}
    for (p, r, b), v in sorted(posts.items())
]
print(json.dumps({"triples": len(g), "posts": out}, indent=1))
