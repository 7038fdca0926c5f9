-- The yearly « bilan pédagogique et financier » (BPF, Cerfa 10443, issue 24) asks, per training, its specialty (the NSF
-- code, « nomenclature des spécialités de formation ») and the general objective of the action; both are catalogue
-- fields now. The objective's values follow the form's frame F-3:
--   RNCP              a. a diploma, title or CQP registered with the RNCP
--   RS                b. a certification or habilitation registered with the « répertoire spécifique »
--   CQP               c. a CQP not registered with the RNCP
--   OTHER             d. other professional training
--   SKILLS_ASSESSMENT e. « bilan de compétences »
--   VAE               f. support towards a VAE (validation of prior experience)
ALTER TABLE training ADD COLUMN nsf_code VARCHAR(3);
ALTER TABLE training ADD COLUMN bpf_objective VARCHAR(20) DEFAULT 'OTHER' NOT NULL;
ALTER TABLE training ADD CONSTRAINT training_bpf_objective_check
    CHECK (bpf_objective IN ('RNCP', 'RS', 'CQP', 'OTHER', 'SKILLS_ASSESSMENT', 'VAE'));
ALTER TABLE training ADD CONSTRAINT training_nsf_code_format CHECK (nsf_code IS NULL OR LENGTH(nsf_code) = 3);

-- The NSF specialties' labels (groups of the 1994 nomenclature the BPF uses), those LEXOM's catalogue may need; a
-- training's code outside this list is still reported, with its code only.
CREATE TABLE nsf_specialty (
    code  VARCHAR(3)   NOT NULL PRIMARY KEY,
    label VARCHAR(200) NOT NULL
);
INSERT INTO nsf_specialty (code, label) VALUES ('100', 'Formations générales');
INSERT INTO nsf_specialty (code, label) VALUES ('128', 'Droit, sciences politiques');
INSERT INTO nsf_specialty (code, label) VALUES ('136', 'Langues vivantes, civilisations étrangères et régionales');
INSERT INTO nsf_specialty (code, label) VALUES ('310', 'Spécialités plurivalentes des échanges et de la gestion');
INSERT INTO nsf_specialty (code, label) VALUES ('312', 'Commerce, vente');
INSERT INTO nsf_specialty (code, label) VALUES ('313', 'Finances, banque, assurances');
INSERT INTO nsf_specialty (code, label) VALUES ('314', 'Comptabilité, gestion');
INSERT INTO nsf_specialty (code, label) VALUES ('315', 'Ressources humaines, gestion du personnel, gestion de l''emploi');
INSERT INTO nsf_specialty (code, label) VALUES ('320', 'Spécialités plurivalentes de la communication');
INSERT INTO nsf_specialty (code, label) VALUES ('321', 'Journalisme et communication');
INSERT INTO nsf_specialty (code, label) VALUES ('324', 'Secrétariat, bureautique');
INSERT INTO nsf_specialty (code, label) VALUES ('326', 'Informatique, traitement de l''information, réseaux de transmission');
INSERT INTO nsf_specialty (code, label) VALUES ('333', 'Enseignement, formation');
INSERT INTO nsf_specialty (code, label) VALUES ('334', 'Accueil, hôtellerie, tourisme');
INSERT INTO nsf_specialty (code, label) VALUES ('413', 'Développement des capacités comportementales et relationnelles');
INSERT INTO nsf_specialty (code, label) VALUES ('414', 'Développement des capacités individuelles d''organisation');

-- The catalogue's two trainings: written customer relations is a communication skill (320); customer relations, sales (312).
UPDATE training SET nsf_code = '320' WHERE reference = 'RCL-APPL-03';
UPDATE training SET nsf_code = '312' WHERE reference = 'AK-RCL-RCL-09';
