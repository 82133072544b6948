-- A schema-2 archive written by revforensics 7757818 (before schema 3), dumped with
-- sqlite3 iterdump. tests/test_archive_upgrade.py loads it to check that schema-2 files
-- still open, verify, take revisions without a digest and upgrade to schema 3.
PRAGMA application_id = 1380340545;
PRAGMA user_version = 2;
BEGIN TRANSACTION;
CREATE TABLE captures (
    -- Raw captures, content-addressed: each distinct byte string is stored once.
    sha256 TEXT PRIMARY KEY NOT NULL,  -- SHA-256 of raw, in hex
    raw BLOB NOT NULL,                 -- the bytes exactly as captured
    media_type TEXT,                   -- such as text/html; NULL when not known
    byte_length INTEGER NOT NULL       -- the length of raw in bytes
);
INSERT INTO "captures" VALUES('a8d80b020c4ad62dd04d2724a253cd69c6264b3610115d6688abd6e1351535e9',X'3C703E466F7263657320616476616E6365642031206B6D2E3C2F703E','text/html',28);
INSERT INTO "captures" VALUES('e01ad1a71176c26ef2e837cc2592f126e121c321d0fec9fac411882b7fb893f3',X'3C703E466F7263657320616476616E6365642032206B6D2E3C2F703E','text/html',28);
INSERT INTO "captures" VALUES('db75ac3f576f7352b98835eebfdf50f3ad7457da2757a8bb62c8113b2f15624f',X'506C61696E2074657874206E6F74652E',NULL,16);
CREATE TABLE extraction_heads (
    -- The head of each capture's chain of extractions, apart from the capture's bytes.
    capture_sha256 TEXT PRIMARY KEY NOT NULL REFERENCES captures (sha256),
    extraction_count INTEGER NOT NULL,  -- the number of its extractions
    extraction_head TEXT NOT NULL       -- row_hash of its last extraction, or the genesis
);
INSERT INTO "extraction_heads" VALUES('a8d80b020c4ad62dd04d2724a253cd69c6264b3610115d6688abd6e1351535e9',2,'38f1398a600250e7a94aef95101a8f5aacbe14a59bfb675016c6223e406bf778');
INSERT INTO "extraction_heads" VALUES('e01ad1a71176c26ef2e837cc2592f126e121c321d0fec9fac411882b7fb893f3',1,'22554e07d5b5a375be1852dc58b479c5a474e7e2b1726e4f946206fbefa3197a');
INSERT INTO "extraction_heads" VALUES('db75ac3f576f7352b98835eebfdf50f3ad7457da2757a8bb62c8113b2f15624f',1,'13d44f316765fe80d240a32d9715ca1fb229baa06c14c8db8054cc69eed4c476');
CREATE TABLE extractions (
    -- Text extracted from a capture. A later extractor adds a 're-extraction' row:
    -- a new reading of the same bytes, not an edit by the publisher.
    id INTEGER PRIMARY KEY,
    capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
    kind TEXT NOT NULL,         -- 'capture' (stored with a revision) or 're-extraction'
    text TEXT NOT NULL,         -- the extracted text, exactly
    text_sha256 TEXT NOT NULL,  -- SHA-256 of text in UTF-8, in hex
    extractor TEXT,             -- name and version, such as 'trafilatura 2.0.0'
    recorded_at TEXT NOT NULL,  -- ISO 8601 in UTC: when this row was stored
    prev_row_hash TEXT NOT NULL,  -- row_hash of the capture's previous extraction, or genesis
    row_hash TEXT NOT NULL      -- SHA-256 over the other columns but text
);
INSERT INTO "extractions" VALUES(1,'a8d80b020c4ad62dd04d2724a253cd69c6264b3610115d6688abd6e1351535e9','capture','Forces advanced 1 km.','a2221c1664802e5f993e90f75d18dad0031ad45d74bb73887c6c074d4f84e2cd','example 1.0','2026-11-25T06:04:32.415306+00:00','47d8d8c49fa3510f1e627f78c52244564b80eb2092e1e42b894563bbddbe2895','3c00e1f35ecf79fd8e3e7daef03f3e689c910d76aaff8b690b066e7c10dd4696');
INSERT INTO "extractions" VALUES(2,'e01ad1a71176c26ef2e837cc2592f126e121c321d0fec9fac411882b7fb893f3','capture','Forces advanced 2 km.','6b72593acb56ad855bb6d637356a35753a9f02601ecb9cec8633a2139008a3bb','example 1.0','2026-11-25T06:04:32.416201+00:00','ccee94e4c0c96771182c41453b1c91dcae1fda5e742122ce55045411a7423a98','22554e07d5b5a375be1852dc58b479c5a474e7e2b1726e4f946206fbefa3197a');
INSERT INTO "extractions" VALUES(3,'a8d80b020c4ad62dd04d2724a253cd69c6264b3610115d6688abd6e1351535e9','re-extraction','Forces advanced 1 km!','e56ce4bd25407fc3b05632977d8850008d20c7e525281148d68887c6cb90b293','example 2.0','2026-11-25T06:04:32.417056+00:00','3c00e1f35ecf79fd8e3e7daef03f3e689c910d76aaff8b690b066e7c10dd4696','38f1398a600250e7a94aef95101a8f5aacbe14a59bfb675016c6223e406bf778');
INSERT INTO "extractions" VALUES(4,'db75ac3f576f7352b98835eebfdf50f3ad7457da2757a8bb62c8113b2f15624f','capture','Plain text note.','db75ac3f576f7352b98835eebfdf50f3ad7457da2757a8bb62c8113b2f15624f',NULL,'2026-11-25T06:04:32.417620+00:00','212e4ccf2668f7dcfb379a3e8e62d1c4acd6991642ef2ca4f67cce75992105bf','13d44f316765fe80d240a32d9715ca1fb229baa06c14c8db8054cc69eed4c476');
CREATE TABLE revisions (
    -- The versions of each statement, in order, as a hash chain.
    statement_id TEXT NOT NULL REFERENCES statements (id),
    seq INTEGER NOT NULL,                -- 1, 2, 3... with no gaps
    capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
    extraction_id INTEGER NOT NULL REFERENCES extractions (id),  -- the original text
    captured_at TEXT,                    -- ISO 8601 with offset; NULL when not known
    source TEXT,                         -- the URL or path it was captured from
    label TEXT NOT NULL,                 -- a short name such as 'v1'; may be empty
    recorded_at TEXT NOT NULL,           -- ISO 8601 in UTC: when this row was stored
    prev_link_hash TEXT NOT NULL,        -- link_hash of seq - 1, or the genesis
    link_hash TEXT NOT NULL,             -- see docs/reference/archive-schema.md
    PRIMARY KEY (statement_id, seq)
);
INSERT INTO "revisions" VALUES('mod-daily',1,'a8d80b020c4ad62dd04d2724a253cd69c6264b3610115d6688abd6e1351535e9',1,'2024-03-01T01:00:00+00:00','https://mod.example/daily','v1','2026-11-25T06:04:32.415448+00:00','ed044bfd724f17aea6861d45bb36cb580d46ede0ac7b39b2d5bf233473432b99','bc32f40ccb5404cd86664db8bcfe1a726a3222e5a911c42b2efff5e2a16411a0');
INSERT INTO "revisions" VALUES('mod-daily',2,'e01ad1a71176c26ef2e837cc2592f126e121c321d0fec9fac411882b7fb893f3',2,'2024-03-01T02:00:00+00:00','https://mod.example/daily','v2','2026-11-25T06:04:32.416252+00:00','bc32f40ccb5404cd86664db8bcfe1a726a3222e5a911c42b2efff5e2a16411a0','fbaa4b96dcf2ac496b621416257540966c7fdc6a159c38bcbf2684baafb168c2');
INSERT INTO "revisions" VALUES('notes',1,'db75ac3f576f7352b98835eebfdf50f3ad7457da2757a8bb62c8113b2f15624f',4,NULL,NULL,'n1','2026-11-25T06:04:32.417671+00:00','ac9dd122c3e9a7aa89409a93808b6ace7154e52c7e4f627af6e93d9609e144d4','da415176c000813594b2fbf86642f4d9c9ebea653308877852d8e79672490ab1');
CREATE TABLE statements (
    -- A statement followed over time, such as one page of a ministry's site.
    id TEXT PRIMARY KEY NOT NULL,     -- chosen by the user: a URL or a slug
    title TEXT,                       -- optional
    source TEXT,                      -- optional: where the statement is published
    created_at TEXT NOT NULL,         -- ISO 8601 in UTC: when this row was created
    revision_count INTEGER NOT NULL,  -- the number of revisions, so the last seq
    head_link_hash TEXT NOT NULL,     -- link_hash of the last revision, or the genesis
    row_hash TEXT NOT NULL            -- SHA-256 over id, title, source and created_at
);
INSERT INTO "statements" VALUES('mod-daily','Daily update','https://mod.example/daily','2026-11-25T06:04:32.414507+00:00',2,'fbaa4b96dcf2ac496b621416257540966c7fdc6a159c38bcbf2684baafb168c2','2b16444dff49b2729208961f3682b1b6979dacbefb25dddc01b49912859da25b');
INSERT INTO "statements" VALUES('notes',NULL,NULL,'2026-11-25T06:04:32.417540+00:00',1,'da415176c000813594b2fbf86642f4d9c9ebea653308877852d8e79672490ab1','af4eae14e3cf46e8bcfe8245b020146d102c8ec23c1523b599f6aff22c40a06d');
CREATE INDEX extractions_by_capture ON extractions (capture_sha256);
CREATE INDEX revisions_by_capture ON revisions (capture_sha256);
CREATE VIEW revision_texts AS
-- Every revision with the text stored with it (its original extraction).
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.source, r.label,
       e.extractor, e.text, r.capture_sha256, r.extraction_id
FROM revisions AS r JOIN extractions AS e ON e.id = r.extraction_id
ORDER BY r.statement_id, r.seq;
CREATE VIEW latest_texts AS
-- Every revision with the latest text recorded for its capture: its original
-- extraction, or a later re-extraction of the same bytes.
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.source, r.label,
       e.kind, e.extractor, e.text, r.capture_sha256, e.id AS extraction_id
FROM revisions AS r JOIN extractions AS e ON e.id = (
    SELECT max(x.id) FROM extractions AS x
    WHERE x.capture_sha256 = r.capture_sha256
      AND (x.id = r.extraction_id OR x.kind = 're-extraction'))
ORDER BY r.statement_id, r.seq;
CREATE VIEW statement_log AS
-- One line per revision, without the texts: what log() and `archive log` show.
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.recorded_at, r.label,
       r.source, r.capture_sha256, c.media_type, c.byte_length, e.extractor,
       e.text_sha256, length(e.text) AS characters,
       (SELECT count(*) FROM extractions AS x
        WHERE x.capture_sha256 = r.capture_sha256 AND x.kind = 're-extraction')
           AS reextractions,
       r.prev_link_hash, r.link_hash
FROM revisions AS r
JOIN captures AS c ON c.sha256 = r.capture_sha256
JOIN extractions AS e ON e.id = r.extraction_id
ORDER BY r.statement_id, r.seq;
COMMIT;
