-- The outbox sender claims its mails by batch: one UPDATE marks up to 50 PENDING mails SENDING with a token of
-- its own, then it reads back the rows carrying that token. Two nodes sharing the database never get one row
-- both: the conditional update (status = 'PENDING') lets one of them win each row, and each reads its own token.
ALTER TABLE outbox_mail ADD COLUMN claimed_by VARCHAR(36);
CREATE INDEX outbox_mail_claimed_by_ix ON outbox_mail (claimed_by);
