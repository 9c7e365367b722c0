-- kronika's PostgreSQL schema: the tables of the SQLite schema at the version named in meta
-- (store/migrations.py makes them there), with the same names, columns and meanings, so that the
-- store's queries run on both. What differs and why:
-- * every text column compares with COLLATE "C": byte order, as SQLite's, whatever the
--   database's locale, so names sort alike; lower() under "C" folds ASCII only, as SQLite's
--   NOCASE does;
-- * the tables SQLite gives an implicit rowid get an explicit identity column of that name;
-- * full-text search is a tsvector per sentence (sentences.search, built by store/postgres.py
--   with the 'simple' configuration from the lemmas and the words, diacritics removed as
--   SQLite's unicode61 tokenizer removes them) instead of the FTS5 table sentences_fts.
CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C" NOT NULL);

CREATE TABLE documents (
    id TEXT COLLATE "C" PRIMARY KEY,
    source TEXT COLLATE "C" NOT NULL,
    external_id TEXT COLLATE "C",
    title TEXT COLLATE "C",
    url TEXT COLLATE "C",
    date TEXT COLLATE "C",
    date_source TEXT COLLATE "C",
    text TEXT COLLATE "C" NOT NULL,
    replaced_by TEXT COLLATE "C"
);
CREATE INDEX documents_url ON documents (url) WHERE url IS NOT NULL;
CREATE INDEX documents_date ON documents (date);

CREATE TABLE sentences (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    lemmas TEXT COLLATE "C" NOT NULL,
    search TSVECTOR NOT NULL,
    UNIQUE (doc_id, idx)
);
CREATE INDEX sentences_search ON sentences USING GIN (search);

CREATE TABLE entities (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    kb TEXT COLLATE "C",
    stands_for TEXT COLLATE "C",
    mention_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_mention_count ON entities (mention_count DESC);
CREATE INDEX entities_name ON entities (lower(name));

CREATE TABLE entity_aliases (
    entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
    alias TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity_id, alias)
);
CREATE INDEX entity_aliases_alias ON entity_aliases (lower(alias));

CREATE TABLE mentions (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    lemma TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    derived INTEGER NOT NULL,
    entity_id TEXT COLLATE "C" REFERENCES entities(id),
    description INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, start, "end")
);
-- the names an entity goes by in the text, for finding it by an inflected form (migration 8)
CREATE TABLE entity_lemmas (
    lemma TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (lemma, entity_id)
);
CREATE INDEX entity_lemmas_lower ON entity_lemmas (lower(lemma));

CREATE TABLE timexes (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL, value TEXT COLLATE "C",
    data BYTEA NOT NULL
);
CREATE INDEX timexes_doc ON timexes (doc_id, start);

CREATE TABLE quotes (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT COLLATE "C" NOT NULL, speaker TEXT COLLATE "C",
    time TEXT COLLATE "C", data BYTEA NOT NULL
);
CREATE INDEX quotes_speaker ON quotes (speaker);
CREATE INDEX quotes_doc ON quotes (doc_id, start);

CREATE TABLE relations (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    subject TEXT COLLATE "C" NOT NULL, predicate TEXT COLLATE "C" NOT NULL,
    object TEXT COLLATE "C", time TEXT COLLATE "C",
    claim INTEGER NOT NULL DEFAULT 0,  -- 1: someone's claim inside a quotation, not the article's
    data BYTEA NOT NULL
);
CREATE INDEX relations_subject ON relations (subject, predicate);
CREATE INDEX relations_object ON relations (object, predicate);
CREATE INDEX relations_doc ON relations (doc_id, start);

CREATE TABLE events (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL, time TEXT COLLATE "C", data BYTEA NOT NULL
);
CREATE INDEX events_doc ON events (doc_id, start);
CREATE INDEX events_type ON events (type, time);

CREATE TABLE event_parties (
    event BIGINT NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (entity_id, event)
);

CREATE TABLE facts (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    type TEXT COLLATE "C" NOT NULL, time TEXT COLLATE "C",
    claim INTEGER NOT NULL DEFAULT 0,  -- 1: someone's claim inside a quotation, not the article's
    data BYTEA NOT NULL
);
CREATE INDEX facts_doc ON facts (doc_id, start);

-- since schema 9: each entity's current documents, latest first ('' for an undated one), with its mentions
CREATE TABLE entity_documents (
    entity_id TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    mentions INTEGER NOT NULL
);
-- SQLite's key (entity_id, date DESC, doc_id): one index, read forwards by an entity's page
CREATE UNIQUE INDEX entity_documents_key ON entity_documents (entity_id, date DESC, doc_id);

-- since schema 10: each quotation under each entity its words name, oldest first
CREATE TABLE quoted_entities (
    entity_id TEXT COLLATE "C" NOT NULL,
    undated INTEGER NOT NULL,
    time TEXT COLLATE "C" NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL,
    start INTEGER NOT NULL,
    quote BIGINT NOT NULL,
    PRIMARY KEY (entity_id, undated, time, doc_id, start, quote)
);

-- since schema 11: an entity's mentions are read through entity_documents, by document; the
-- words of a mention, a quotation and a timex are the document's at their offsets, not a column
DROP INDEX IF EXISTS mentions_entity;
ALTER TABLE quotes DROP COLUMN IF EXISTS text;
ALTER TABLE timexes DROP COLUMN IF EXISTS text;
ALTER TABLE mentions DROP COLUMN IF EXISTS text;

-- since schema 12: a speaker's quotations in the order they are read, undated last, by time
DROP INDEX IF EXISTS quotes_speaker;
CREATE INDEX quotes_speaker ON quotes (speaker, (time IS NULL), time, doc_id, start);

-- since schema 13: the names of a document's title, offsets into the title
CREATE TABLE title_mentions (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    entity TEXT COLLATE "C", data BYTEA NOT NULL
);
CREATE INDEX title_mentions_doc ON title_mentions (doc_id, start);

-- since schema 14: nothing here: SQLite compresses its sentences' lemmas, PostgreSQL keeps them
-- as text (its own TOAST compresses long values)
SELECT 1;
