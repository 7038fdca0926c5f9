-- Collection of an unpaid client invoice (P1, L1-L3, R1-R2): one case per invoice, its dunning stage and outcome.
CREATE TABLE collection_case (
    invoice_id                 BIGINT       NOT NULL PRIMARY KEY REFERENCES invoice (id),
    stage                      VARCHAR(20)  NOT NULL CHECK (stage IN ('WAITING', 'REMINDED', 'SECOND_REMINDER', 'FORMAL_NOTICE', 'DECISION', 'CLOSED')),
    outcome                    VARCHAR(15)  CHECK (outcome IN ('PAID', 'RESOLVED', 'WRITTEN_OFF')),
    formal_notice_on           DATE,
    formal_notice_deadline     DATE,
    resolution_tracking_number VARCHAR(60),
    started_at                 TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    closed_at                  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX collection_case_stage_ix ON collection_case (stage);
