/**
 * Membership and capital: versioned statutes, declarations and admission, the member register (§30 GenG),
 * the append-only share and capital ledgers with their invariants enforced by the database itself,
 * annual accounts and the payout worklist (§73 GenG).
 */
export const script = /* sql */ `
    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $fn$;

    -- Statutes (Satzung) as versioned configuration: a change is a new version from a date, never an edit.
    CREATE TABLE statutes_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      valid_from date NOT NULL UNIQUE,
      settings jsonb NOT NULL,
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL
    );
    CREATE TRIGGER statutes_version_append_only BEFORE UPDATE OR DELETE ON statutes_version
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER statutes_version_no_truncate BEFORE TRUNCATE ON statutes_version
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    -- the defaults of the model statutes, in force until the board adopts its own version
    INSERT INTO statutes_version (valid_from, settings, note, created_by) VALUES ('2000-01-01', '{
      "shareValueCents": 10000, "minimumShares": 1,
      "sizeTiers": [
        {"key": "small", "fromEmployees": 0, "fromBudgetCents": 0, "shares": 1},
        {"key": "medium", "fromEmployees": 10, "fromBudgetCents": 50000000, "shares": 2},
        {"key": "large", "fromEmployees": 50, "fromBudgetCents": 250000000, "shares": 4},
        {"key": "very_large", "fromEmployees": 250, "fromBudgetCents": 1000000000, "shares": 8}],
      "sharesPerPrimaryArea": 1, "employeeMemberShares": 1, "supportingMemberShares": 1, "maximumShares": 100,
      "minimumPaymentPercent": 10, "instalmentCount": 3, "instalmentIntervalMonths": 12,
      "noticeMonths": 3, "fiscalYearStartMonth": 1, "supportingMembersVote": false, "proxyLimit": 2,
      "admissionApprovals": 1}', 'Mustersatzung (Voreinstellung)', 'system:migration');

    -- A membership declaration (Beitrittserklärung, §15) or a declaration for more shares (§15b) in text form.
    CREATE TABLE membership_application (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('join','extra_shares')),
      member_type text NOT NULL CHECK (member_type IN ('organisation','employee','supporting')),
      status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','admitted','rejected','withdrawn')),
      applicant jsonb NOT NULL,
      questionnaire jsonb NOT NULL DEFAULT '{}',
      primary_areas text[] NOT NULL DEFAULT '{}',
      mandatory_shares integer NOT NULL CHECK (mandatory_shares >= 0),
      voluntary_shares integer NOT NULL CHECK (voluntary_shares >= 0),
      statutes_version_id uuid NOT NULL REFERENCES statutes_version(id),
      member_id uuid,
      tracking_token_hash text NOT NULL UNIQUE,
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
      submitted_at timestamptz NOT NULL,
      decided_at timestamptz,
      decided_by text,
      rejection_reason text,
      CHECK (mandatory_shares + voluntary_shares >= 1)
    );
    CREATE SEQUENCE membership_application_ref_seq;
    CREATE INDEX membership_application_status_idx ON membership_application (status, submitted_at);

    -- The declaration exactly as agreed to; immutable except that personal data is erased after the retention period.
    CREATE TABLE membership_declaration (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL UNIQUE REFERENCES membership_application(id),
      text text NOT NULL,
      statutes_version_id uuid NOT NULL REFERENCES statutes_version(id),
      signer_name text NOT NULL,
      signer_email text NOT NULL,
      signed_at timestamptz NOT NULL,
      ip_address text,
      user_agent text,
      content_hash text NOT NULL,
      purged_at timestamptz
    );
    CREATE FUNCTION membership_declaration_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'membership_declaration is append-only' USING ERRCODE = 'insufficient_privilege';
      END IF;
      -- the only change allowed: the retention purge, which erases the personal data and nothing else
      IF OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL
         AND NEW.id = OLD.id AND NEW.application_id = OLD.application_id
         AND NEW.statutes_version_id = OLD.statutes_version_id AND NEW.signed_at = OLD.signed_at
         AND NEW.content_hash = OLD.content_hash
         AND NEW.text = '' AND NEW.signer_email = '' AND NEW.ip_address IS NULL AND NEW.user_agent IS NULL THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'membership_declaration is append-only' USING ERRCODE = 'insufficient_privilege';
    END
    $fn$;
    CREATE TRIGGER membership_declaration_guard BEFORE UPDATE OR DELETE ON membership_declaration
      FOR EACH ROW EXECUTE FUNCTION membership_declaration_guard();
    CREATE TRIGGER membership_declaration_no_truncate BEFORE TRUNCATE ON membership_declaration
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- One row per board member who approved; the admission itself is the application's status change.
    CREATE TABLE application_approval (
      application_id uuid NOT NULL REFERENCES membership_application(id),
      account_id uuid NOT NULL REFERENCES account(id),
      approved_at timestamptz NOT NULL,
      PRIMARY KEY (application_id, account_id)
    );

    -- The member register (Mitgliederliste, §30 GenG): one row per membership.
    CREATE TABLE member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      member_type text NOT NULL CHECK (member_type IN ('organisation','employee','supporting')),
      organisation_id uuid REFERENCES organisation(id),
      person_id uuid REFERENCES person(id),
      joined_on date NOT NULL,
      application_id uuid REFERENCES membership_application(id),
      primary_areas text[] NOT NULL DEFAULT '{}',
      notice_given_on date,
      exit_on date,
      exit_reason text CHECK (exit_reason IN ('termination','exclusion','death','dissolution','transfer')),
      exit_note text,
      exit_recorded_at timestamptz,
      purged_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((organisation_id IS NULL) <> (person_id IS NULL)),
      CHECK (member_type <> 'employee' OR person_id IS NOT NULL),
      CHECK (exit_on IS NULL OR exit_on >= joined_on),
      CHECK ((exit_on IS NULL) = (exit_reason IS NULL))
    );
    CREATE SEQUENCE member_number_seq;
    -- one open membership at a time (hsadmin-ng's rule); the trigger below also refuses overlapping periods
    CREATE UNIQUE INDEX member_open_organisation_idx ON member (organisation_id) WHERE exit_on IS NULL AND organisation_id IS NOT NULL;
    CREATE UNIQUE INDEX member_open_person_idx ON member (person_id) WHERE exit_on IS NULL AND person_id IS NOT NULL;
    CREATE INDEX member_organisation_idx ON member (organisation_id);
    CREATE INDEX member_person_idx ON member (person_id);
    CREATE INDEX member_joined_idx ON member (joined_on);
    CREATE FUNCTION member_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM member m
        WHERE m.id <> NEW.id
          AND ((NEW.organisation_id IS NOT NULL AND m.organisation_id = NEW.organisation_id)
            OR (NEW.person_id IS NOT NULL AND m.person_id = NEW.person_id))
          AND daterange(m.joined_on, m.exit_on, '[]') && daterange(NEW.joined_on, NEW.exit_on, '[]')
      ) THEN
        RAISE EXCEPTION 'memberships of one member may not overlap' USING ERRCODE = 'exclusion_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER member_no_overlap BEFORE INSERT OR UPDATE ON member
      FOR EACH ROW EXECUTE FUNCTION member_no_overlap();
    CREATE TRIGGER member_no_delete BEFORE DELETE ON member FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER member_no_truncate BEFORE TRUNCATE ON member FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- membership_application.member_id is deliberately not a foreign key: member.application_id is one, and a
    -- cycle of foreign keys would leave no order in which a backup can be restored
    CREATE INDEX membership_application_member_idx ON membership_application (member_id);

    -- Share ledger: subscription, cancellation (§67b), transfer (§76), reversal. Append-only.
    CREATE TABLE share_transaction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      member_id uuid NOT NULL REFERENCES member(id),
      kind text NOT NULL CHECK (kind IN ('subscription','cancellation','transfer_out','transfer_in','reversal')),
      shares integer NOT NULL CHECK (shares <> 0),
      value_cents bigint NOT NULL,
      effective_on date NOT NULL,
      reverses_id uuid UNIQUE REFERENCES share_transaction(id),
      counterpart_id uuid,
      application_id uuid REFERENCES membership_application(id),
      note text NOT NULL DEFAULT '',
      booked_at timestamptz NOT NULL,
      booked_by text NOT NULL,
      CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
      CHECK (kind NOT IN ('subscription','transfer_in') OR shares > 0),
      CHECK (kind NOT IN ('cancellation','transfer_out') OR shares < 0)
    );
    CREATE INDEX share_transaction_member_idx ON share_transaction (member_id, effective_on);
    CREATE TRIGGER share_transaction_append_only BEFORE UPDATE OR DELETE ON share_transaction
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER share_transaction_no_truncate BEFORE TRUNCATE ON share_transaction
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE FUNCTION share_transaction_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      target share_transaction%ROWTYPE;
      lowest bigint;
    BEGIN
      -- serialise writers of one member's ledger, whoever they are
      PERFORM 1 FROM member WHERE id = NEW.member_id FOR UPDATE;
      IF NEW.reverses_id IS NOT NULL THEN
        SELECT * INTO target FROM share_transaction WHERE id = NEW.reverses_id;
        IF target.kind = 'reversal' THEN
          RAISE EXCEPTION 'a reversal cannot be reversed' USING ERRCODE = 'check_violation';
        END IF;
        IF target.member_id <> NEW.member_id OR target.shares <> -NEW.shares OR target.value_cents <> -NEW.value_cents THEN
          RAISE EXCEPTION 'a reversal is the exact negative of what it reverses' USING ERRCODE = 'check_violation';
        END IF;
      END IF;
      -- the balance may not go below zero on any date from this transaction on, even on an empty ledger
      SELECT min(running) INTO lowest FROM (
        SELECT d.day, (SELECT coalesce(sum(t.shares), 0) FROM share_transaction t
                       WHERE t.member_id = NEW.member_id AND t.effective_on <= d.day) + NEW.shares AS running
        FROM (SELECT NEW.effective_on AS day UNION
              SELECT effective_on FROM share_transaction
              WHERE member_id = NEW.member_id AND effective_on > NEW.effective_on) d
      ) balances;
      IF lowest < 0 THEN
        RAISE EXCEPTION 'share balance of member % would become negative', NEW.member_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER share_transaction_check BEFORE INSERT ON share_transaction
      FOR EACH ROW EXECUTE FUNCTION share_transaction_check();

    -- Capital ledger (Geschäftsguthaben): payments due and received, transfer <-> adoption, loss, payout, reversal.
    CREATE TABLE capital_transaction (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      member_id uuid NOT NULL REFERENCES member(id),
      kind text NOT NULL CHECK (kind IN ('payment_due','payment_received','transfer_out','adoption','loss','payout','reversal')),
      amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
      effective_on date NOT NULL,
      reverses_id uuid UNIQUE REFERENCES capital_transaction(id),
      reversed_kind text CHECK (reversed_kind IN ('payment_due','payment_received','transfer_out','adoption','loss','payout')),
      counterpart_id uuid,
      reference text NOT NULL DEFAULT '',
      note text NOT NULL DEFAULT '',
      booked_at timestamptz NOT NULL,
      booked_by text NOT NULL,
      CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
      CHECK ((kind = 'reversal') = (reversed_kind IS NOT NULL)),
      CHECK (kind NOT IN ('payment_due','payment_received','adoption') OR amount_cents > 0),
      CHECK (kind NOT IN ('transfer_out','loss','payout') OR amount_cents < 0)
    );
    CREATE INDEX capital_transaction_member_idx ON capital_transaction (member_id, effective_on);
    CREATE TRIGGER capital_transaction_append_only BEFORE UPDATE OR DELETE ON capital_transaction
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER capital_transaction_no_truncate BEFORE TRUNCATE ON capital_transaction
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    CREATE FUNCTION capital_transaction_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      target capital_transaction%ROWTYPE;
      effect text := coalesce(NEW.reversed_kind, NEW.kind);
      lowest bigint;
    BEGIN
      PERFORM 1 FROM member WHERE id = NEW.member_id FOR UPDATE;
      IF NEW.reverses_id IS NOT NULL THEN
        SELECT * INTO target FROM capital_transaction WHERE id = NEW.reverses_id;
        IF target.kind = 'reversal' THEN
          RAISE EXCEPTION 'a reversal cannot be reversed' USING ERRCODE = 'check_violation';
        END IF;
        IF target.member_id <> NEW.member_id OR target.amount_cents <> -NEW.amount_cents OR target.kind <> NEW.reversed_kind THEN
          RAISE EXCEPTION 'a reversal is the exact negative of what it reverses' USING ERRCODE = 'check_violation';
        END IF;
      END IF;
      -- what is due and the capital balance never go below zero, on any date from this transaction on
      SELECT min(running) INTO lowest FROM (
        SELECT (SELECT coalesce(sum(t.amount_cents), 0) FROM capital_transaction t
                WHERE t.member_id = NEW.member_id AND t.effective_on <= d.day
                  AND (coalesce(t.reversed_kind, t.kind) = 'payment_due') = (effect = 'payment_due')) + NEW.amount_cents AS running
        FROM (SELECT NEW.effective_on AS day UNION
              SELECT effective_on FROM capital_transaction
              WHERE member_id = NEW.member_id AND effective_on > NEW.effective_on) d
      ) balances;
      IF lowest < 0 THEN
        RAISE EXCEPTION 'capital of member % would become negative', NEW.member_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER capital_transaction_check BEFORE INSERT ON capital_transaction
      FOR EACH ROW EXECUTE FUNCTION capital_transaction_check();

    -- Approved annual accounts: payouts wait for them (§73 (2) GenG), with the loss share they allocate.
    CREATE TABLE annual_accounts (
      fiscal_year_end date PRIMARY KEY,
      approved_on date NOT NULL,
      loss_percent numeric(7,4) NOT NULL DEFAULT 0 CHECK (loss_percent >= 0 AND loss_percent <= 100),
      note text NOT NULL DEFAULT '',
      recorded_at timestamptz NOT NULL,
      recorded_by text NOT NULL
    );
    CREATE TRIGGER annual_accounts_append_only BEFORE UPDATE OR DELETE ON annual_accounts
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER annual_accounts_no_truncate BEFORE TRUNCATE ON annual_accounts
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- The board's payout worklist (Auseinandersetzung, §73 GenG): after an exit or a cancellation of shares.
    CREATE TABLE payout (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      member_id uuid NOT NULL REFERENCES member(id),
      cause text NOT NULL CHECK (cause IN ('exit','share_cancellation')),
      share_transaction_id uuid REFERENCES share_transaction(id),
      ended_on date NOT NULL,
      due_by date NOT NULL,
      status text NOT NULL DEFAULT 'awaiting_accounts' CHECK (status IN ('awaiting_accounts','paid')),
      loss_cents bigint,
      amount_cents bigint,
      paid_on date,
      capital_transaction_id uuid REFERENCES capital_transaction(id),
      created_at timestamptz NOT NULL,
      CHECK (status <> 'paid' OR (paid_on IS NOT NULL AND amount_cents IS NOT NULL))
    );
    CREATE UNIQUE INDEX payout_exit_idx ON payout (member_id) WHERE cause = 'exit';
    CREATE UNIQUE INDEX payout_cancellation_idx ON payout (share_transaction_id) WHERE share_transaction_id IS NOT NULL;
    CREATE INDEX payout_open_idx ON payout (status, due_by);
`
