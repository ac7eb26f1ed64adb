-- 0004-namespace-security.sql: what a namespace demands of its callers
-- besides its security descriptor (namespace.security, since 0001).
--
-- requires_encryption: 1 when the namespace refuses sessions below
-- PktPrivacy ("[RequiresEncryption(TRUE)] instance of __SystemSecurity"
-- in MOF, as on WMI).  It applies to the namespace itself; a child
-- namespace says so for itself.

ALTER TABLE namespace ADD COLUMN requires_encryption INTEGER NOT NULL DEFAULT 0;
