-- 001: articles, events (one flat row per event, the JSON contract of
-- DESIGN.md flattened as <object>_<field>), and skipped inputs.
-- The column list of `events` must match eventwire.store.EVENT_SPEC
-- (tests/test_store.py checks it).

CREATE TABLE articles (
    id          VARCHAR PRIMARY KEY,   -- content hash of the cleaned text
    origin      VARCHAR,               -- path, path:line (id=...), or "-"
    title       VARCHAR,
    url         VARCHAR,
    published   DATE,
    text        VARCHAR,               -- cleaned text; event offsets point into it
    n_sentences INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE events (
    id                  VARCHAR PRIMARY KEY,
    doc_id              VARCHAR NOT NULL,
    sentence_index      INTEGER,
    sentence            VARCHAR,
    trigger_text        VARCHAR,
    trigger_start       INTEGER,
    trigger_end         INTEGER,
    source_text         VARCHAR,
    source_start        INTEGER,
    source_end          INTEGER,
    source_name         VARCHAR,
    source_country      VARCHAR,
    source_sector       VARCHAR,
    source_code         VARCHAR,
    source_kb_id        VARCHAR,
    target_text         VARCHAR,
    target_start        INTEGER,
    target_end          INTEGER,
    target_name         VARCHAR,
    target_country      VARCHAR,
    target_sector       VARCHAR,
    target_code         VARCHAR,
    target_kb_id        VARCHAR,
    event_type          VARCHAR,
    mode                VARCHAR,
    context             VARCHAR[],
    cameo               VARCHAR,
    cameo_root          VARCHAR,
    quad_class          INTEGER,
    goldstein           DOUBLE,
    negated             BOOLEAN,
    modality            VARCHAR,
    claimed_by_text     VARCHAR,
    claimed_by_start    INTEGER,
    claimed_by_end      INTEGER,
    claimed_by_name     VARCHAR,
    claimed_by_country  VARCHAR,
    claimed_by_sector   VARCHAR,
    claimed_by_code     VARCHAR,
    claimed_by_kb_id    VARCHAR,
    "symmetric"         BOOLEAN,       -- quoted: a reserved word in DuckDB
    "date"              VARCHAR,       -- YYYY-MM-DD, YYYY-MM or YYYY (see date_precision)
    date_precision      VARCHAR,
    date_text           VARCHAR,
    location_name       VARCHAR,
    location_country    VARCHAR,
    location_lat        DOUBLE,
    location_lon        DOUBLE,
    location_geonameid  BIGINT,
    confidence          DOUBLE,
    evidence            VARCHAR
);

CREATE TABLE skips (
    origin      VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    recorded_at TIMESTAMP DEFAULT current_timestamp
);
