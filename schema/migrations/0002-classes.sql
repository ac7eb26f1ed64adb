-- 0002-classes.sql: classes and their inheritance.
--
-- A class's definition is stored as the XDR of its cim_class (idl/cimrpc.x),
-- resolved: its own features and the ones it inherits, each marked with
-- the class that declared it.  GetClass therefore reads one row and
-- decodes nothing else.  Names are unique per namespace without regard to
-- case.  class_ancestry holds every (ancestor, descendant) pair, a class
-- being its own ancestor at distance 0, so "this class and all below it"
-- is one index range, never a walk and never a scan of unrelated classes.

CREATE TABLE class (
    id            INTEGER PRIMARY KEY,
    namespace_id  INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    name          TEXT NOT NULL COLLATE NOCASE,
    superclass_id INTEGER REFERENCES class(id),
    definition    BLOB NOT NULL,
    UNIQUE (namespace_id, name)
);
CREATE INDEX class_superclass ON class(superclass_id);

CREATE TABLE class_ancestry (
    ancestor_id   INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
    descendant_id INTEGER NOT NULL REFERENCES class(id) ON DELETE CASCADE,
    distance      INTEGER NOT NULL,
    PRIMARY KEY (ancestor_id, descendant_id)
) WITHOUT ROWID;
CREATE INDEX class_ancestry_descendant ON class_ancestry(descendant_id);
