-- 0003-instances.sql: qualifier declarations, instance storage, and room
-- for delegated configuration.
--
-- Qualifier declarations belong to a namespace (DSP0004); a declaration
-- is stored as the XDR of its cim_qualifier_decl (idl/cimrpc.x), its name
-- unique per namespace without regard to case.
--
-- Instances do not live in a table of this file: each class that has
-- instances gets its own table, i<class id>, created by the repository
-- with the class's first instance (docs/ARCHITECTURE.md, "Instance
-- storage").  class.instance_table says whether that table exists, so
-- that "the tables below this class" is one join with class_ancestry and
-- never a look at sqlite_schema.
--
-- class.generation changes (to a random 64-bit value) whenever a class's
-- row is written; a connection that keeps decoded classes in memory
-- compares it, in the same statement that finds the class, to know its
-- copy is still the stored one, whatever other connections did.
--
-- namespace_config holds a namespace's delegated configuration, one body
-- per section (such as "security/authentication"), for the configuration
-- service to come; the repository only stores it.

CREATE TABLE qualifier_decl (
    id           INTEGER PRIMARY KEY,
    namespace_id INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    name         TEXT NOT NULL COLLATE NOCASE,
    definition   BLOB NOT NULL,
    UNIQUE (namespace_id, name)
);

ALTER TABLE class ADD COLUMN instance_table INTEGER NOT NULL DEFAULT 0;
ALTER TABLE class ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

CREATE TABLE namespace_config (
    namespace_id INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    section      TEXT NOT NULL COLLATE NOCASE,
    body         BLOB NOT NULL,
    PRIMARY KEY (namespace_id, section)
) WITHOUT ROWID;
