-- Reference data every installation needs: LEXOM's catalogue (seed training pages), the funders named
-- on those pages, and the late-payment rates in force (L1). Demo clients and sessions are not here:
-- they are loaded by the demo profile only.

INSERT INTO training (reference, title, domain, duration_days, duration_hours, on_site, remote, prerequisites, audience, assessment, page_updated_on)
VALUES ('RCL-APPL-03', 'La Relation Client par écrit - emails et courriers', 'CRM & Relation Client', 2, 14, TRUE, TRUE,
        'Aucune connaissance préalable n''est requise pour suivre cette formation',
        'Toute personne travaillant ou souhaitant travailler au sein d''un service relation client',
        'Les acquis des participants sont mesurés tout au long de la session ; une attestation de fin de formation reprend l''ensemble des objectifs pédagogiques.',
        DATE '2025-12-02');
INSERT INTO training_objective (training_id, position, text)
SELECT id, 1, 'Choisir le bon courrier écrit' FROM training WHERE reference = 'RCL-APPL-03';
INSERT INTO training_objective (training_id, position, text)
SELECT id, 2, 'Rédiger un courrier personnalisé' FROM training WHERE reference = 'RCL-APPL-03';
INSERT INTO training_objective (training_id, position, text)
SELECT id, 3, 'Employer un ton aimable' FROM training WHERE reference = 'RCL-APPL-03';

-- The legacy page states 2 days; 14 hours is LEXOM's standard 7-hour day.
INSERT INTO training (reference, title, domain, duration_days, duration_hours, on_site, remote, prerequisites, audience, assessment)
VALUES ('AK-RCL-RCL-09', 'Optimiser la relation client', 'Relation client', 2, 14, TRUE, FALSE,
        'Aucune connaissance préalable n''est requise pour suivre cette formation',
        'Toute personne souhaitant découvrir la relation client',
        'Évaluation à chaud en fin de formation ; évaluation à froid quelques mois après ; attestation de formation reprenant les objectifs pédagogiques.');
INSERT INTO training_objective (training_id, position, text)
SELECT id, 1, 'Mettre en oeuvre un climat de confiance' FROM training WHERE reference = 'AK-RCL-RCL-09';
INSERT INTO training_objective (training_id, position, text)
SELECT id, 2, 'Développer l''écoute et la communication' FROM training WHERE reference = 'AK-RCL-RCL-09';
INSERT INTO training_objective (training_id, position, text)
SELECT id, 3, 'Gérer les situations délicates' FROM training WHERE reference = 'AK-RCL-RCL-09';

-- Funders named on the training pages (O1-O5). OPCOs: the eleven approved operators.
INSERT INTO funder (code, name, kind) VALUES ('OPCO-AKTO', 'AKTO', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-ATLAS', 'OPCO Atlas', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-AFDAS', 'AFDAS', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-2I', 'OPCO 2i', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-EP', 'OPCO EP', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-COMMERCE', 'L''Opcommerce', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-CONSTRUCTYS', 'Constructys', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-MOBILITES', 'OPCO Mobilités', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-OCAPIAT', 'OCAPIAT', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-SANTE', 'OPCO Santé', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('OPCO-UNIFORMATION', 'Uniformation - OPCO Cohésion sociale', 'OPCO');
INSERT INTO funder (code, name, kind) VALUES ('FAF-AGEFICE', 'AGEFICE', 'FAF');
INSERT INTO funder (code, name, kind) VALUES ('FAF-FAFCEA', 'FAFCEA', 'FAF');
INSERT INTO funder (code, name, kind) VALUES ('FAF-FIFPL', 'FIF-PL', 'FAF');
INSERT INTO funder (code, name, kind) VALUES ('FRANCE-TRAVAIL', 'France Travail (AIF, POEI)', 'FRANCE_TRAVAIL');
INSERT INTO funder (code, name, kind) VALUES ('AGEFIPH', 'AGEFIPH', 'AGEFIPH');
INSERT INTO funder (code, name, kind) VALUES ('FIPHFP', 'FIPHFP', 'FIPHFP');
INSERT INTO funder (code, name, kind) VALUES ('FNE-FORMATION', 'FNE-Formation (État)', 'STATE');
INSERT INTO funder (code, name, kind) VALUES ('REGION', 'Programme régional de formation', 'REGION');

-- L1: rates in force, as dated data (accounting adds a row each semester).
INSERT INTO interest_rate (kind, valid_from, rate, source)
VALUES ('ECB_MAIN_REFINANCING', DATE '2025-06-11', 0.0215, 'BCE, taux des opérations principales de refinancement');
INSERT INTO interest_rate (kind, valid_from, rate, source)
VALUES ('LEGAL_PROFESSIONAL', DATE '2026-01-01', 0.0262, 'Taux de l''intérêt légal, 1er semestre 2026, autres cas');
INSERT INTO interest_rate (kind, valid_from, rate, source)
VALUES ('LEGAL_INDIVIDUAL', DATE '2026-01-01', 0.0667, 'Taux de l''intérêt légal, 1er semestre 2026, créanciers personnes physiques');
