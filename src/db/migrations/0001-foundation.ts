/** Organisations, people, accounts, sessions, tokens and the hash-chained audit journal. */
export const script = /* sql */ `
    CREATE TABLE instance_setting (
      key text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE organisation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      legal_form text NOT NULL CHECK (legal_form IN ('ev','stiftung','ggmbh','gmbh','eg','public_body','other')),
      street text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      country text NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
      email text,
      phone text,
      website text,
      vat_id text,
      leitweg_id text,
      iban text,
      employees integer NOT NULL DEFAULT 0 CHECK (employees >= 0),
      volunteers integer NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
      annual_budget_cents bigint NOT NULL DEFAULT 0 CHECK (annual_budget_cents >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz
    );
    CREATE SEQUENCE organisation_ref_seq;
    CREATE INDEX organisation_name_idx ON organisation (lower(name));

    CREATE TABLE person (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      given_name text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
      family_name text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
      email text,
      phone text,
      street text NOT NULL DEFAULT '',
      postal_code text NOT NULL DEFAULT '',
      city text NOT NULL DEFAULT '',
      country text NOT NULL DEFAULT 'DE' CHECK (country ~ '^[A-Z]{2}$'),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX person_email_idx ON person (lower(email));
    CREATE INDEX person_name_idx ON person (lower(family_name), lower(given_name));

    CREATE TABLE affiliation (
      organisation_id uuid NOT NULL REFERENCES organisation(id),
      person_id uuid NOT NULL REFERENCES person(id),
      function text NOT NULL CHECK (function IN ('legal_representative','admin','member_user','billing_contact','technical_contact')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, person_id, function)
    );
    CREATE INDEX affiliation_person_idx ON affiliation (person_id);

    CREATE TABLE account (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_id uuid NOT NULL UNIQUE REFERENCES person(id),
      email text NOT NULL,
      email_verified_at timestamptz,
      password_hash text,
      totp_secret text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
      disabled_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX account_email_idx ON account (lower(email));

    CREATE TABLE account_role (
      account_id uuid NOT NULL REFERENCES account(id),
      role text NOT NULL CHECK (role IN ('board','supervisory_board','staff','auditor')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, role)
    );

    CREATE TABLE session (
      token_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES account(id),
      csrf_token text NOT NULL,
      second_factor_pending boolean NOT NULL DEFAULT false,
      via text NOT NULL DEFAULT 'password' CHECK (via IN ('password','oidc')),
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX session_account_idx ON session (account_id);

    CREATE TABLE one_time_token (
      token_hash text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('verify_email','reset_password','invite')),
      account_id uuid REFERENCES account(id),
      email text NOT NULL,
      organisation_id uuid REFERENCES organisation(id),
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );

    CREATE TABLE api_token (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      account_id uuid NOT NULL REFERENCES account(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      prefix text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_token_account_idx ON api_token (account_id);

    CREATE TABLE oidc_identity (
      issuer text NOT NULL,
      subject text NOT NULL,
      account_id uuid NOT NULL REFERENCES account(id),
      email text,
      linked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, subject)
    );

    CREATE TABLE login_attempt (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key text NOT NULL,
      attempted_at timestamptz NOT NULL DEFAULT now(),
      success boolean NOT NULL
    );
    CREATE INDEX login_attempt_key_idx ON login_attempt (key, attempted_at);

    CREATE TABLE mail_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      recipient text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    );
    CREATE INDEX mail_outbox_pending_idx ON mail_outbox (id) WHERE sent_at IS NULL;

    CREATE TABLE audit_head (
      id integer PRIMARY KEY CHECK (id = 1),
      seq bigint NOT NULL,
      hash text NOT NULL
    );
    INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

    CREATE TABLE audit_entry (
      seq bigint PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_account_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      organisation_id uuid,
      before jsonb,
      after jsonb,
      reason text,
      prev_hash text NOT NULL,
      hash text NOT NULL UNIQUE
    );
    CREATE INDEX audit_entry_subject_idx ON audit_entry (subject_type, subject_id, seq);
    CREATE INDEX audit_entry_organisation_idx ON audit_entry (organisation_id, seq);

    CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $fn$;
    CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
    CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
`
