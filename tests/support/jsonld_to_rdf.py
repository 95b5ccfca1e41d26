"""Reads a JSON-LD file with pyld, the JSON-LD 1.1 processor, and prints what it
found as JSON: the number of triples, the local names of the classes and
predicates used, and each heldRole statement's roleName. Exits non-zero (with
pyld's message) if the file is not valid JSON-LD."""
import json
import re
import sys
from pathlib import Path

from pyld import jsonld


def local(iri):
    return re.split(r"[#/:]", iri)[-1]


doc = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
quads = jsonld.to_rdf(doc, {"base": Path(sys.argv[1]).resolve().as_uri()})
triples = [t for g in quads.values() for t in g]
classes = sorted({local(t["object"]["value"]) for t in triples if t["predicate"]["value"].endswith("#type")})
predicates = sorted({local(t["predicate"]["value"]) for t in triples})
literal_types = sorted({local(t["object"].get("datatype", "")) for t in triples if t["object"]["type"] == "literal"})
print(json.dumps({"triples": len(triples), "classes": classes, "predicates": predicates, "literal_types": literal_types}))
