-- kronika's SQLite schema, version 1: migration 1 of store/migrations.py, which makes the later
-- changes (kronika's schema today is these tables changed by every migration after the first).
-- Every extracted row carries its document id and character offsets into documents.text. Rows of
-- one document are written in the same transaction as the document.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    external_id TEXT,
    title TEXT,
    url TEXT,
    date TEXT,
    date_source TEXT,
    text TEXT NOT NULL
);

CREATE TABLE sentences (
    rowid INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    lemmas TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);

-- Full-text search over the sentence surface and over its lemmas ("Łukaszence" → Łukaszenko).
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, lemmas, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    kb TEXT
);

CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    lemma TEXT NOT NULL,
    type TEXT NOT NULL,
    label TEXT NOT NULL,
    derived INTEGER NOT NULL,
    entity_id TEXT REFERENCES entities(id),
    PRIMARY KEY (doc_id, start, "end")
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE INDEX mentions_lemma ON mentions (lemma COLLATE NOCASE);

CREATE TABLE timexes (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, type TEXT NOT NULL, value TEXT, data TEXT NOT NULL
);
CREATE INDEX timexes_doc ON timexes (doc_id, start);
CREATE TABLE quotes (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, kind TEXT NOT NULL, speaker TEXT, time TEXT, data TEXT NOT NULL
);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE TABLE relations (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    subject TEXT NOT NULL, predicate TEXT NOT NULL, object TEXT, time TEXT,
    claim INTEGER NOT NULL DEFAULT 0,  -- 1: someone's claim inside a quotation, not the article's
    data TEXT NOT NULL
);
CREATE INDEX relations_subject ON relations (subject, predicate);
CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT NOT NULL, time TEXT, data TEXT NOT NULL
);
CREATE TABLE facts (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT NOT NULL, time TEXT,
    claim INTEGER NOT NULL DEFAULT 0,  -- 1: someone's claim inside a quotation, not the article's
    data TEXT NOT NULL
);
