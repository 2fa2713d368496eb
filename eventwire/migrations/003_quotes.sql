-- 003: direct and reported speech (eventwire.quotes); columns follow
-- eventwire.store.QUOTE_SPEC, one row per quote of an article.

CREATE TABLE quotes (
    doc_id               VARCHAR,
    quote_index          INTEGER,
    cue_text             VARCHAR,
    cue_start            INTEGER,
    cue_end              INTEGER,
    content_text         VARCHAR,
    content_start        INTEGER,
    content_end          INTEGER,
    source_text          VARCHAR,
    source_start         INTEGER,
    source_end           INTEGER,
    speaker_text         VARCHAR,
    speaker_start        INTEGER,
    speaker_end          INTEGER,
    speaker_name         VARCHAR,
    speaker_country      VARCHAR,
    speaker_sector       VARCHAR,
    speaker_code         VARCHAR,
    speaker_kb_id        VARCHAR,
    direct               BOOLEAN,
    PRIMARY KEY (doc_id, quote_index)
);
