-- 0005-configuration.sql: the delegated configuration (DESIGN.md section
-- 9; docs/CONFIGURATION.md), replacing 0003's unused namespace_config.
--
-- What one namespace sets, section by section.  Names are compared
-- without regard to case; values are stored in their canonical text, as
-- server/config/config_decl.c writes them.  delegated is 1 for what a
-- delegated administrator set (a lock set later makes the merge ignore
-- it), 0 for what a root administrator set (a lock never does).
--
-- config_setting: an attribute's value.
-- config_item:    a collection's changes: action 'add' (the entry's
--                 value), 'remove' (by key), or 'clear' (key '').  At
--                 one namespace a clear applies first, then removes, then
--                 adds, whatever order they were made in.
-- config_lock:    the locks set on the namespace for its subtree: kind
--                 overrideMode (name '', value Allow or Deny),
--                 lockAttributes (name: the attribute),
--                 lockAllAttributesExcept (name '', value: "a,b"),
--                 lockElements (name: the collection),
--                 lockAllElementsExcept (name '', value: "c,d"),
--                 lockItem (name: "collection[key]").

DROP TABLE namespace_config;

CREATE TABLE config_setting (
    namespace_id INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    section      TEXT NOT NULL COLLATE NOCASE,
    name         TEXT NOT NULL COLLATE NOCASE,
    value        TEXT NOT NULL,
    delegated    INTEGER NOT NULL CHECK (delegated IN (0, 1)),
    PRIMARY KEY (namespace_id, section, name)
) WITHOUT ROWID;

CREATE TABLE config_item (
    namespace_id INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    section      TEXT NOT NULL COLLATE NOCASE,
    collection   TEXT NOT NULL COLLATE NOCASE,
    item_key     TEXT NOT NULL,          -- canonical: U{alice} is not U{Alice}
    action       TEXT NOT NULL CHECK (action IN ('add', 'remove', 'clear')),
    value        TEXT NOT NULL,
    delegated    INTEGER NOT NULL CHECK (delegated IN (0, 1)),
    PRIMARY KEY (namespace_id, section, collection, item_key)
) WITHOUT ROWID;

CREATE TABLE config_lock (
    namespace_id INTEGER NOT NULL REFERENCES namespace(id) ON DELETE CASCADE,
    section      TEXT NOT NULL COLLATE NOCASE,
    kind         TEXT NOT NULL CHECK (kind IN ('overrideMode', 'lockAttributes',
                     'lockAllAttributesExcept', 'lockElements',
                     'lockAllElementsExcept', 'lockItem')),
    name         TEXT NOT NULL,          -- attribute names as declared, keys canonical
    value        TEXT NOT NULL,
    PRIMARY KEY (namespace_id, section, kind, name)
) WITHOUT ROWID;
