#!/bin/sh
# oversight build 1818de53437966bd-20261207T063646.603Z: the graph's CSV files, loaded into Neo4j 5 by its bulk importer.
# Stop the database first. This replaces the database named (default: neo4j, the one
# Community edition has); then start it and run queries.cypher's CREATE lines in Cypher.
#   sh import.sh [DATABASE]      (neo4j-admin on PATH, or NEO4J_ADMIN=/path/to/neo4j-admin)
set -eu
cd "$(dirname "$0")"
"${NEO4J_ADMIN:-neo4j-admin}" database import full \
  --overwrite-destination=true --multiline-fields=true --array-delimiter=';' \
  --nodes=Person=Person.csv \
  --nodes=Body=Body.csv \
  --nodes=Inspection=Inspection.csv \
  --nodes=Rating=Rating.csv \
  --nodes=Document=Document.csv \
  --relationships=INSPECTED=INSPECTED.Inspection.Body.csv \
  --relationships=RATED=RATED.Inspection.Rating.csv \
  --relationships=CONDUCTED_BY=CONDUCTED_BY.Inspection.Body.csv \
  --relationships=INSPECTOR=INSPECTOR.Inspection.Person.csv \
  --relationships=HELD_ROLE=HELD_ROLE.Person.Body.csv \
  --relationships=SUCCEEDED=SUCCEEDED.Person.Person.csv \
  --relationships=SUCCEEDED=SUCCEEDED.Body.Body.csv \
  --relationships=SUCCEEDED=SUCCEEDED.Person.Body.csv \
  --relationships=SUCCEEDED=SUCCEEDED.Body.Person.csv \
  --relationships=MENTIONED_IN=MENTIONED_IN.Person.Document.csv \
  --relationships=MENTIONED_IN=MENTIONED_IN.Body.Document.csv \
  --relationships=MENTIONED_IN=MENTIONED_IN.Inspection.Document.csv \
  --relationships=AUTHOR=AUTHOR.Document.Person.csv \
  "${1:-neo4j}"
