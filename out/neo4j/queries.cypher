// oversight build 1818de53437966bd-20261207T063646.603Z
// Run once after `import.sh` (in Neo4j Browser, cypher-shell or Desktop): ids unique, names and codes indexed.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT body_id IF NOT EXISTS FOR (n:Body) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT inspection_id IF NOT EXISTS FOR (n:Inspection) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT rating_id IF NOT EXISTS FOR (n:Rating) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX body_name IF NOT EXISTS FOR (n:Body) ON (n.name);
CREATE INDEX body_gss IF NOT EXISTS FOR (n:Body) ON (n.gss);
CREATE INDEX inspection_date IF NOT EXISTS FOR (n:Inspection) ON (n.date);
CREATE INDEX held_role_post IF NOT EXISTS FOR ()-[r:HELD_ROLE]-() ON (r.roleName);

// Questions. Set their parameters first, in Neo4j Browser:
//   :param body => 'Northamptonshire County Council'
//   :param gss => 'E10000021'
// Dates are ISO strings at the precision the text gave (2019, 2019-06, 2019-06-25):
// they sort as the dates do, so min and max give the earliest and the latest.

// who-led: who held which post in $body, and when: the start and end the texts
// gave, the first and last dates a source saw the post held, and the date of the
// first document to call the person former after that (`oversight who-led`
// assembles its spans from these, and from the successions below).
MATCH (p:Person)-[r:HELD_ROLE]->(b:Body)
WHERE b.name = $body
WITH p, b, r.roleName AS post,
     min(r.startDate) AS statedStart,
     max(r.endDate) AS statedEnd,
     min(CASE WHEN r.status = 'former' OR r.status = 'future' THEN NULL ELSE coalesce(r.date, r.observedOn) END) AS firstSeen,
     max(CASE WHEN r.status = 'former' OR r.status = 'future' THEN NULL ELSE coalesce(r.date, r.observedOn) END) AS lastSeen,
     collect(DISTINCT r.document) AS documents
OPTIONAL MATCH (p)-[f:HELD_ROLE]->(b)
WHERE f.roleName = post AND f.status = 'former'
WITH p, post, statedStart, statedEnd, firstSeen, lastSeen, documents,
     min(CASE WHEN lastSeen IS NULL OR coalesce(f.observedOn, f.date) >= lastSeen THEN coalesce(f.observedOn, f.date) ELSE NULL END) AS formerBy
RETURN p.name AS person, post, statedStart, statedEnd, firstSeen, lastSeen, formerBy, documents
ORDER BY person, post;

// successions: who succeeded whom (people or bodies), what passed over, when, and the document that says so.
MATCH (s)-[r:SUCCEEDED]->(p)
RETURN s.name AS successor, p.name AS predecessor, r.what AS what, r.date AS date, r.document AS document
ORDER BY date, successor, predecessor;

// inspections: the inspections of $body, with their kind, date, rating and inspectorate.
MATCH (i:Inspection)-[:INSPECTED]->(b:Body)
WHERE b.name = $body
WITH DISTINCT i
OPTIONAL MATCH (i)-[:RATED]->(r:Rating)
OPTIONAL MATCH (i)-[:CONDUCTED_BY]->(o:Body)
RETURN i.inspectionKind AS kind, i.date AS date, collect(DISTINCT r.name) AS ratings, collect(DISTINCT o.name) AS inspectorates
ORDER BY date, kind;

// council: the council with ONS GSS code $gss, to join with official statistics, and the posts held in it.
MATCH (b:Body)
WHERE b.gss = $gss
OPTIONAL MATCH (p:Person)-[r:HELD_ROLE]->(b)
RETURN b.name AS council, b.gss AS gss, collect(DISTINCT p.name + ', ' + r.roleName) AS posts;

// evidence: every statement about a person ($person, a name), with the sentence and the document it was read from.
MATCH (p:Person)-[r]-(x)
WHERE p.name = $person AND r.evidence IS NOT NULL
RETURN type(r) AS relationship, x.name AS other, r.roleName AS post, r.date AS date, r.document AS document, r.evidence AS sentence
ORDER BY date, relationship;
