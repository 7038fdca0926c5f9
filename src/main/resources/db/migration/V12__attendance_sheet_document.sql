-- Issue 23: the signed attendance sheet (E1) is a document of its own, archived with the funder's invoice it goes with
-- (reference = that invoice's number). V6 left the kinds' CHECK unnamed, and H2 and PostgreSQL name it differently: the
-- column is rebuilt (dropping a column drops its CHECK on both), then the CHECK is added again, named, with the new kind.
ALTER TABLE document ADD COLUMN kind_v12 VARCHAR(30);
UPDATE document SET kind_v12 = kind;
ALTER TABLE document DROP COLUMN kind;
ALTER TABLE document RENAME COLUMN kind_v12 TO kind;
ALTER TABLE document ALTER COLUMN kind SET NOT NULL;
ALTER TABLE document ADD CONSTRAINT document_kind_check
    CHECK (kind IN ('QUOTE', 'INVOICE', 'CREDIT_NOTE', 'CERTIFICATE', 'FORMAL_NOTICE', 'ATTENDANCE_SHEET'));
