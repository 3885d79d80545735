/**
 * Governance: assemblies of the general assembly and other bodies (in person, virtual, hybrid, stretched),
 * their agenda and invitations (§46 GenG), the voter roll as of the assembly date (§43), proxies (§43 (5)),
 * check-in and presence, motions with supporters and amendments, polls on motions and elections with named
 * or secret ballots. One member votes once per poll: `vote_cast` has the member as part of its key; a secret
 * ballot row carries no member and no time, so nothing links a member to what they chose.
 */
export const script = /* sql */ `
    CREATE TABLE assembly (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE CHECK (ref ~ '^(GV|SI)-[0-9]{4}-[0-9]{3,}$'),
      body text NOT NULL CHECK (body IN ('general_assembly','board','supervisory_board','committee')),
      kind text NOT NULL CHECK (kind IN ('ordinary','extraordinary','meeting')),
      form text NOT NULL CHECK (form IN ('in_person','virtual','hybrid','stretched')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL DEFAULT 'Europe/Berlin',
      location text NOT NULL DEFAULT '',
      -- access details for virtual and hybrid assemblies: given to those invited, never shown publicly
      online_url text,
      access_note text NOT NULL DEFAULT '',
      -- a stretched assembly: discussion first, then a separate voting phase
      voting_starts_at timestamptz,
      voting_ends_at timestamptz,
      -- whose membership counts: the register as of this date (§43 GenG)
      register_date date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','invited','open','closed','cancelled')),
      chair_person_id uuid REFERENCES person(id),
      invited_at timestamptz,
      invited_by text,
      opened_at timestamptz,
      closed_at timestamptz,
      cancel_reason text,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL,
      CHECK (ends_at > starts_at),
      CHECK (body = 'general_assembly' OR kind = 'meeting'),
      CHECK (body <> 'general_assembly' OR kind <> 'meeting'),
      CHECK (form = 'in_person' OR online_url IS NOT NULL OR form = 'stretched'),
      CHECK (form <> 'stretched' OR (voting_starts_at IS NOT NULL AND voting_ends_at > voting_starts_at)),
      CHECK ((status = 'invited' OR status = 'open' OR status = 'closed') <= (invited_at IS NOT NULL)),
      CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL))
    );
    CREATE SEQUENCE assembly_ref_seq;
    CREATE INDEX assembly_starts_idx ON assembly (starts_at);
    CREATE TRIGGER assembly_no_delete BEFORE DELETE ON assembly FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE agenda_item (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      position integer NOT NULL CHECK (position > 0),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      description text NOT NULL DEFAULT '',
      kind text NOT NULL CHECK (kind IN ('information','motion','election','statute_change','other')),
      -- added on the members' demand (§45 (2) GenG)
      demanded boolean NOT NULL DEFAULT false,
      added_at timestamptz NOT NULL,
      added_by text NOT NULL,
      withdrawn_at timestamptz,
      UNIQUE (assembly_id, position)
    );

    -- Who was invited when, and how: the record §46 asks for.
    CREATE TABLE assembly_invitation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      kind text NOT NULL CHECK (kind IN ('invitation','agenda_addition','documents','change','cancellation')),
      member_id uuid REFERENCES member(id),
      person_id uuid REFERENCES person(id),
      email text NOT NULL,
      mail_id uuid,
      sent_at timestamptz NOT NULL,
      sent_by text NOT NULL
    );
    CREATE INDEX assembly_invitation_assembly_idx ON assembly_invitation (assembly_id, kind);
    CREATE TRIGGER assembly_invitation_no_update BEFORE UPDATE OR DELETE ON assembly_invitation FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- The voter roll of one assembly, computed from the register as of register_date.
    CREATE TABLE assembly_voter (
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      member_id uuid NOT NULL REFERENCES member(id),
      -- 0: attends and speaks, no vote (supporting members unless the statutes give them one)
      votes integer NOT NULL CHECK (votes BETWEEN 0 AND 3),
      -- the person who votes for the member: the person itself, or an organisation's legal representative
      representative_person_id uuid REFERENCES person(id),
      PRIMARY KEY (assembly_id, member_id)
    );
    CREATE INDEX assembly_voter_representative_idx ON assembly_voter (assembly_id, representative_person_id);

    CREATE TABLE assembly_proxy (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      grantor_member_id uuid NOT NULL REFERENCES member(id),
      holder_person_id uuid NOT NULL REFERENCES person(id),
      form text NOT NULL CHECK (form IN ('online','written')),
      -- a written proxy: the uploaded document's content hash and name
      document_name text,
      document_sha256 text,
      granted_at timestamptz NOT NULL,
      granted_by text NOT NULL,
      revoked_at timestamptz,
      revoked_by text,
      CHECK (form <> 'written' OR document_sha256 IS NOT NULL)
    );
    CREATE UNIQUE INDEX assembly_proxy_active_idx ON assembly_proxy (assembly_id, grantor_member_id) WHERE revoked_at IS NULL;
    CREATE INDEX assembly_proxy_holder_idx ON assembly_proxy (assembly_id, holder_person_id) WHERE revoked_at IS NULL;

    CREATE TABLE assembly_attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      person_id uuid NOT NULL REFERENCES person(id),
      mode text NOT NULL CHECK (mode IN ('in_person','online')),
      checked_in_at timestamptz NOT NULL,
      checked_in_by text NOT NULL,
      checked_out_at timestamptz
    );
    CREATE UNIQUE INDEX assembly_attendance_present_idx ON assembly_attendance (assembly_id, person_id) WHERE checked_out_at IS NULL;

    CREATE TABLE motion (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      agenda_item_id uuid REFERENCES agenda_item(id),
      ref text NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
      reasons text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted','admitted','withdrawn','voted','adopted','rejected')),
      -- a change of the statutes needs three quarters of the votes cast (§16 (2) GenG)
      statute_change boolean NOT NULL DEFAULT false,
      majority text NOT NULL DEFAULT 'simple' CHECK (majority IN ('simple','two_thirds','three_quarters')),
      submitted_by_person_id uuid REFERENCES person(id),
      submitted_at timestamptz NOT NULL,
      decided_at timestamptz,
      UNIQUE (assembly_id, ref),
      CHECK (NOT statute_change OR majority = 'three_quarters')
    );

    CREATE TABLE motion_supporter (
      motion_id uuid NOT NULL REFERENCES motion(id),
      member_id uuid NOT NULL REFERENCES member(id),
      person_id uuid NOT NULL REFERENCES person(id),
      supported_at timestamptz NOT NULL,
      PRIMARY KEY (motion_id, member_id)
    );

    CREATE TABLE motion_amendment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      motion_id uuid NOT NULL REFERENCES motion(id),
      ref text NOT NULL,
      -- the motion's whole text as amended; the page shows the change as a diff
      body text NOT NULL CHECK (length(body) BETWEEN 1 AND 100000),
      reasons text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'submitted'
        CHECK (status IN ('submitted','admitted','withdrawn','voted','adopted','rejected')),
      submitted_by_person_id uuid REFERENCES person(id),
      submitted_at timestamptz NOT NULL,
      UNIQUE (motion_id, ref)
    );

    CREATE TABLE poll (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      assembly_id uuid NOT NULL REFERENCES assembly(id),
      agenda_item_id uuid REFERENCES agenda_item(id),
      motion_id uuid REFERENCES motion(id),
      amendment_id uuid REFERENCES motion_amendment(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      -- yes_no: yes / no / abstain on a motion; candidates: yes / no / abstain per candidate; pick: n of m
      method text NOT NULL CHECK (method IN ('yes_no','candidates','pick')),
      seats integer NOT NULL DEFAULT 1 CHECK (seats BETWEEN 1 AND 100),
      secret boolean NOT NULL,
      majority text NOT NULL DEFAULT 'simple' CHECK (majority IN ('simple','two_thirds','three_quarters')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
      opened_at timestamptz,
      opened_by text,
      closed_at timestamptz,
      closed_by text,
      -- the tally when closed and the chair's declaration of the result
      result jsonb,
      declaration text,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      CHECK ((status = 'draft') = (opened_at IS NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL))
    );
    CREATE INDEX poll_assembly_idx ON poll (assembly_id);

    CREATE TABLE poll_option (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      poll_id uuid NOT NULL REFERENCES poll(id),
      position integer NOT NULL CHECK (position > 0),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
      person_id uuid REFERENCES person(id),
      UNIQUE (poll_id, position)
    );

    -- Members excluded from one poll (§43 (6) GenG: a decision about their own discharge, a claim against them).
    CREATE TABLE poll_exclusion (
      poll_id uuid NOT NULL REFERENCES poll(id),
      member_id uuid NOT NULL REFERENCES member(id),
      reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
      PRIMARY KEY (poll_id, member_id)
    );

    -- That a member voted (never what): one row per member and poll, so a second vote is refused by the key.
    CREATE TABLE vote_cast (
      poll_id uuid NOT NULL REFERENCES poll(id),
      member_id uuid NOT NULL REFERENCES member(id),
      cast_by_person_id uuid NOT NULL REFERENCES person(id),
      proxy_id uuid REFERENCES assembly_proxy(id),
      PRIMARY KEY (poll_id, member_id)
    );
    CREATE TRIGGER vote_cast_append_only BEFORE UPDATE OR DELETE ON vote_cast FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- What was chosen. Named polls carry the member; secret ones a receipt code instead, and no time.
    CREATE TABLE ballot (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      poll_id uuid NOT NULL REFERENCES poll(id),
      member_id uuid REFERENCES member(id),
      receipt text,
      -- {"choice": "yes"} or {"options": {"<option id>": "yes"|"no"|"abstain"}} or {"picks": ["<option id>", ...]}
      choices jsonb NOT NULL,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 3),
      CHECK ((member_id IS NULL) <> (receipt IS NULL)),
      UNIQUE (poll_id, member_id),
      UNIQUE (poll_id, receipt)
    );
    CREATE TRIGGER ballot_append_only BEFORE UPDATE OR DELETE ON ballot FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE FUNCTION ballot_matches_poll() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE p poll%ROWTYPE;
    BEGIN
      -- (that the poll is open is checked by the casting action under the poll's lock; a restore writes closed polls' ballots)
      SELECT * INTO p FROM poll WHERE id = NEW.poll_id;
      IF p.secret AND NEW.member_id IS NOT NULL THEN
        RAISE EXCEPTION 'a secret ballot carries no member' USING ERRCODE = 'check_violation';
      END IF;
      IF NOT p.secret AND NEW.member_id IS NULL THEN
        RAISE EXCEPTION 'a named ballot carries its member' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $fn$;
    CREATE TRIGGER ballot_matches_poll BEFORE INSERT ON ballot FOR EACH ROW EXECUTE FUNCTION ballot_matches_poll();
`
