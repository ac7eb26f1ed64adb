-- 0001-namespaces.sql: the namespace tree.
--
-- Every namespace is one row; its path ("root/cimv2") is unique without
-- regard to case, as CIM names are.  A namespace's parent must exist
-- before it; deleting a namespace deletes its subtree.  The security
-- descriptor is NULL until namespace security (issue 6) sets one.

CREATE TABLE namespace (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES namespace(id) ON DELETE CASCADE,
    path      TEXT NOT NULL COLLATE NOCASE UNIQUE,
    security  BLOB,
    created   INTEGER NOT NULL
);
CREATE INDEX namespace_parent ON namespace(parent_id);

-- root, and root/cimv2 where the operating system's classes live (as on
-- WMI); more namespaces come from MOF or from administrators.
INSERT INTO namespace (parent_id, path, created) VALUES (NULL, 'root', strftime('%s', 'now'));
INSERT INTO namespace (parent_id, path, created)
    SELECT id, 'root/cimv2', strftime('%s', 'now') FROM namespace WHERE path = 'root';
