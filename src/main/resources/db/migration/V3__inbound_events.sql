-- Idempotent intake of events reported by other systems (e-signature, website, OPCO portal): the same
-- external reference reported twice is recorded once and answered the same way.
CREATE TABLE inbound_event (
    kind               VARCHAR(40)   NOT NULL,
    external_reference VARCHAR(100)  NOT NULL,
    contract_number    VARCHAR(30)   NOT NULL,
    request_hash       VARCHAR(64)   NOT NULL,
    response_status    INT           NOT NULL,
    response_body      VARCHAR(4000) NOT NULL,
    recorded_by        VARCHAR(64),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (kind, external_reference)
);
