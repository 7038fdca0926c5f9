-- L1/L2 charges invoiced for a late invoice: at most one charges invoice per late invoice.
CREATE TABLE late_charge (
    invoice_id        BIGINT NOT NULL PRIMARY KEY REFERENCES invoice (id),
    charge_invoice_id BIGINT NOT NULL UNIQUE REFERENCES invoice (id),
    computed_on       DATE   NOT NULL
);
