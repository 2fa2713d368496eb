-- 002: aggregated events (GDELT's Events vs. Mentions).
-- `events` stays one row per coded mention; `aggregated` holds one row per
-- real-world event, `event_mentions` links each mention to its event, and
-- `aggregation_state` records what the tables were built from so they are
-- rebuilt only when the events change. All three are derived data, rebuilt
-- by eventwire.aggregate.aggregate().

CREATE TABLE aggregated (
    id                  VARCHAR PRIMARY KEY,   -- hash of the root mention's id
    global_id           BIGINT,                -- numeric id (GDELT GlobalEventID)
    root_mention_id     VARCHAR,               -- events.id of the earliest mention
    "date"              VARCHAR,               -- earliest date, at date_precision
    date_precision      VARCHAR,
    date_last           VARCHAR,               -- latest mention date
    source_name         VARCHAR,
    source_country      VARCHAR,
    source_sector       VARCHAR,
    source_code         VARCHAR,
    source_kb_id        VARCHAR,
    target_name         VARCHAR,
    target_country      VARCHAR,
    target_sector       VARCHAR,
    target_code         VARCHAR,
    target_kb_id        VARCHAR,
    event_type          VARCHAR,
    mode                VARCHAR,
    cameo               VARCHAR,
    cameo_root          VARCHAR,
    quad_class          INTEGER,
    goldstein           DOUBLE,
    negated             BOOLEAN,
    "symmetric"         BOOLEAN,
    location_name       VARCHAR,
    location_country    VARCHAR,
    location_lat        DOUBLE,
    location_lon        DOUBLE,
    location_geonameid  BIGINT,
    num_mentions        INTEGER,
    num_articles        INTEGER,
    num_sources         INTEGER,               -- distinct publishers (URL host, else origin)
    first_seen          DATE,                  -- earliest publication date of a mention's article
    last_seen           DATE,
    date_added          TIMESTAMP,             -- first ingest of a mention's article
    is_root_event       BOOLEAN,               -- some mention is an article's lead sentence
    source_url          VARCHAR,               -- root mention's article URL, else origin
    confidence          DOUBLE                 -- mean over mentions
);

CREATE TABLE event_mentions (
    mention_id      VARCHAR PRIMARY KEY,       -- events.id
    event_id        VARCHAR NOT NULL,          -- aggregated.id
    doc_id          VARCHAR NOT NULL,
    sentence_index  INTEGER,
    flipped         BOOLEAN                    -- symmetric mention coded in the other direction
);

CREATE TABLE aggregation_state (
    window_days  INTEGER,
    n_events     BIGINT,
    checksum     UBIGINT,                      -- bit_xor(hash(events.id)): changes when events do
    built_at     TIMESTAMP
);
