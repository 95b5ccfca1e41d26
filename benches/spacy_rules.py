"""spaCy's rule-only pipeline on a folder of documents, for benches/run.sh.

It runs `spacy.blank("en")` with a `sentencizer` and an `entity_ruler` whose
phrase patterns (matched on the lower-cased tokens) are the gazetteer's body
names and aliases (schema/gazetteer/bodies.tsv, label ORG) and the posts'
canonical names (schema/vocab/roles.tsv, label POST). No model is loaded.
With KINDS `all` (the default is `names`), the ruler is also given patterns
for the other kinds of thing oversight reads, so that both find the same
kinds: the judgements' words (schema/vocab/ratings.tsv, label RATING, phrase
patterns), the inspection kinds' usual wordings (INSPECTION), and token
patterns (spaCy's Matcher) for people (an honorific of
schema/vocab/honorifics.txt, or a given name of
schema/gazetteer/given_names.txt, then capitalised words: PERSON) and dates
(`12 May 2023`, `May 2023`: DATE).
It reads every file of DOCS (sorted) and runs `nlp.pipe` over their texts on
one process, and writes to REPORT: the seconds taken by the reading and the
pipe (not by importing spaCy or adding the patterns), the bytes read, the
documents and the entities found.

Usage: python spacy_rules.py ROOT DOCS REPORT [names|all]
"""

import os
import sys
import time

import spacy


def patterns(root):
    out = []
    with open(os.path.join(root, "schema/gazetteer/bodies.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("name\t") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            names = [cols[0]] + [a for a in (cols[3].split("|") if len(cols) > 3 else []) if a]
            out += [{"label": "ORG", "pattern": n} for n in names]
    with open(os.path.join(root, "schema/vocab/roles.tsv"), encoding="utf-8") as f:
        posts = {line.split("\t")[1] for line in f if not line.startswith("#") and line.count("\t") >= 2}
    out += [{"label": "POST", "pattern": p} for p in sorted(posts)]
    return out


MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
INSPECTION_KINDS = ["inspection", "focused visit", "monitoring visit", "joint targeted area inspection", "full inspection", "ILACS inspection", "assessment"]


def data_lines(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]


def other_kinds(root):
    """The patterns of `all`: judgements, inspection kinds, people and dates."""
    out = [{"label": "RATING", "pattern": line.split("\t")[0]} for line in data_lines(root, "schema/vocab/ratings.tsv")]
    out += [{"label": "INSPECTION", "pattern": k} for k in INSPECTION_KINDS]
    honorifics = [line.strip() for line in data_lines(root, "schema/vocab/honorifics.txt")]
    given = [line.strip() for line in data_lines(root, "schema/gazetteer/given_names.txt")]
    out.append({"label": "PERSON", "pattern": [{"ORTH": {"IN": honorifics}}, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": True, "OP": "+"}]})
    out.append({"label": "PERSON", "pattern": [{"ORTH": {"IN": given}}, {"IS_TITLE": True, "OP": "+"}]})
    out.append({"label": "DATE", "pattern": [{"IS_DIGIT": True, "LENGTH": {"<=": 2}, "OP": "?"}, {"LOWER": {"IN": MONTHS}}, {"SHAPE": "dddd"}]})
    return out


def main():
    root, docs, report = sys.argv[1:4]
    kinds = sys.argv[4] if len(sys.argv) > 4 else "names"
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns(root) + (other_kinds(root) if kinds == "all" else []))
    files = sorted(os.path.join(docs, n) for n in os.listdir(docs))
    started = time.perf_counter()
    size = 0

    def texts():
        nonlocal size
        for path in files:
            with open(path, "rb") as f:
                data = f.read()
            size += len(data)
            yield data.decode("utf-8", errors="replace")

    entities = 0
    documents = 0
    for doc in nlp.pipe(texts(), batch_size=64):
        entities += len(doc.ents)
        documents += 1
    took = time.perf_counter() - started
    with open(report, "w") as f:
        f.write(f"{took:.3f} {size} {documents} {entities}\n")


if __name__ == "__main__":
    main()
