-- bellum knowledge base, schema version 2 (DuckDB).
-- Offsets are character offsets into documents.text; every fact table has
-- its passages in a *_sources table or in sources JSON [{doc,start,end}].

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- published: ISO at its precision (YYYY, YYYY-MM, YYYY-MM-DD), from a build
-- manifest, the page's meta tags or a dateline; url, publisher, language likewise
CREATE TABLE documents (
  doc_id VARCHAR PRIMARY KEY, title VARCHAR, path VARCHAR, format VARCHAR,
  text VARCHAR, sha256 VARCHAR, n_chars INTEGER,
  published VARCHAR, url VARCHAR, publisher VARCHAR, language VARCHAR);

CREATE TABLE sections (
  doc_id VARCHAR, idx INTEGER, title VARCHAR, level INTEGER,
  start_char INTEGER, end_char INTEGER);

-- sentences as the pipeline split them
CREATE TABLE passages (
  doc_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER,
  section VARCHAR);

-- event_date NULL with date_precision 'unknown': nothing dates the event (no date in
-- the text before it, no publication date); source: the document's publisher
CREATE TABLE events (
  event_id VARCHAR PRIMARY KEY, doc_id VARCHAR,
  event_date VARCHAR, date_end VARCHAR, date_precision VARCHAR,
  time_precision INTEGER, year INTEGER, date_reason VARCHAR,
  disorder_type VARCHAR, event_type VARCHAR, sub_event_type VARCHAR,
  actor1 VARCHAR, assoc_actor_1 VARCHAR[], inter1 INTEGER,
  actor2 VARCHAR, assoc_actor_2 VARCHAR[], inter2 INTEGER,
  interaction INTEGER, civilian_targeting VARCHAR,
  iso INTEGER, region VARCHAR, country VARCHAR,
  admin1 VARCHAR, admin2 VARCHAR, admin3 VARCHAR,
  location VARCHAR, latitude DOUBLE, longitude DOUBLE, geo_precision INTEGER,
  geonameid BIGINT, geo_reason VARCHAR,
  fatalities INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
  control_change JSON, relation_change JSON,
  notes VARCHAR, confidence DOUBLE, reasons JSON, source VARCHAR,
  seq INTEGER);  -- the event's place in its document's text order

CREATE TABLE event_sources (
  event_id VARCHAR, doc_id VARCHAR, start_char INTEGER, end_char INTEGER,
  quote VARCHAR);

CREATE TABLE actors (
  name VARCHAR PRIMARY KEY, inter INTEGER, kind VARCHAR, country VARCHAR,
  member_of VARCHAR[], source VARCHAR);

CREATE TABLE actor_aliases (alias VARCHAR, name VARCHAR, doc_id VARCHAR);

-- organisation relations over time: alliance hostility merge split
-- realignment agreement dissolution member (membership of a coalition)
CREATE TABLE relations (
  relation_id VARCHAR PRIMARY KEY, kind VARCHAR, source VARCHAR, target VARCHAR,
  start_date VARCHAR, start_precision VARCHAR, end_date VARCHAR, end_precision VARCHAR,
  basis VARCHAR, event_id VARCHAR, reason VARCHAR, sources JSON);

-- who held a place from when to when; sources [{doc,start,end,role}] with role
-- opens (the passages that report the taking) or closes (a capture by another
-- side, a withdrawal); confirmed: the latest date a passage shows the holder
-- there (a span unconfirmed for long at a query date is stale,
-- structure.STALE_AFTER_DAYS)
CREATE TABLE control (
  control_id VARCHAR PRIMARY KEY, place VARCHAR, actor VARCHAR,
  since VARCHAR, since_precision VARCHAR, until VARCHAR, until_precision VARCHAR,
  inferred BOOLEAN, basis VARCHAR, reason VARCHAR, sources JSON,
  latitude DOUBLE, longitude DOUBLE,
  confirmed VARCHAR, confirmed_precision VARCHAR);

CREATE TABLE leaders (
  leader_id VARCHAR PRIMARY KEY, person VARCHAR, organisation VARCHAR, role VARCHAR,
  fate VARCHAR, fate_date VARCHAR, fate_precision VARCHAR, sources JSON);

-- the infobox as structured records: kind in side_member commander
-- strength casualties; data holds the parsed record
CREATE TABLE infobox (
  doc_id VARCHAR, kind VARCHAR, side INTEGER, text VARCHAR, data JSON,
  start_char INTEGER, end_char INTEGER);
