/**
 * The needs questionnaire beyond migration 0003: the contact's withdrawal of consent (GDPR Art. 7 (3), Art. 17)
 * erases the personal fields and keeps the figures anonymously for the founders' aggregate; the client address
 * of a public submission for the hourly limit (erased with the rest); the account a follow-up assigned.
 */
export const script = /* sql */ `
    ALTER TABLE needs_questionnaire ADD COLUMN erased_at timestamptz;
    ALTER TABLE needs_questionnaire ADD COLUMN client_address text;
    -- an erased questionnaire keeps no name: the length checks hold only while it is not erased
    ALTER TABLE needs_questionnaire DROP CONSTRAINT needs_questionnaire_organisation_name_check;
    ALTER TABLE needs_questionnaire DROP CONSTRAINT needs_questionnaire_contact_name_check;
    ALTER TABLE needs_questionnaire ADD CONSTRAINT needs_questionnaire_organisation_name_check
      CHECK (length(organisation_name) <= 200 AND (erased_at IS NOT NULL OR length(organisation_name) >= 1));
    ALTER TABLE needs_questionnaire ADD CONSTRAINT needs_questionnaire_contact_name_check
      CHECK (length(contact_name) <= 200 AND (erased_at IS NOT NULL OR length(contact_name) >= 1));
    -- what erasure removes, the database holds to: no name, address, phone, free text or link to a person
    ALTER TABLE needs_questionnaire ADD CONSTRAINT needs_questionnaire_erased_check CHECK (
      erased_at IS NULL OR (organisation_name = '' AND contact_name = '' AND contact_email = ''
        AND contact_phone IS NULL AND city = '' AND pain_points = '' AND client_address IS NULL
        AND account_id IS NULL AND organisation_id IS NULL AND application_id IS NULL));
    CREATE INDEX needs_questionnaire_submitted_idx ON needs_questionnaire (submitted_at);
    CREATE INDEX needs_questionnaire_email_idx ON needs_questionnaire (lower(contact_email), submitted_at);
    CREATE INDEX needs_questionnaire_address_idx ON needs_questionnaire (client_address, submitted_at)
      WHERE client_address IS NOT NULL;

    ALTER TABLE questionnaire_follow_up ADD COLUMN assigned_account_id uuid REFERENCES account(id);
`
