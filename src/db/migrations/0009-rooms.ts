/**
 * Committee rooms (Gremienräume): closed spaces of the board, the supervisory board and working groups with
 * their members, documents in versions with an access log, meetings and decisions. Nothing here is deleted:
 * members leave (removed_at), documents get new versions, a decision is corrected by a later one.
 */
export const script = /* sql */ `
    CREATE TABLE room (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('board','supervisory_board','working_group','committee')),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL
    );
    CREATE TRIGGER room_no_delete BEFORE DELETE ON room FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE room_member (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      person_id uuid NOT NULL REFERENCES person(id),
      -- the chair keeps the member list; every member reads and writes the room
      role text NOT NULL CHECK (role IN ('chair','member')),
      added_at timestamptz NOT NULL,
      added_by text NOT NULL,
      removed_at timestamptz,
      removed_by text
    );
    CREATE UNIQUE INDEX room_member_active_idx ON room_member (room_id, person_id) WHERE removed_at IS NULL;
    CREATE INDEX room_member_person_idx ON room_member (person_id) WHERE removed_at IS NULL;
    CREATE TRIGGER room_member_no_delete BEFORE DELETE ON room_member FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE room_document (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL
    );
    CREATE INDEX room_document_room_idx ON room_document (room_id);
    CREATE TRIGGER room_document_no_delete BEFORE DELETE ON room_document FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE room_document_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      document_id uuid NOT NULL REFERENCES room_document(id),
      version integer NOT NULL CHECK (version > 0),
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
      content_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea NOT NULL,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      uploaded_at timestamptz NOT NULL,
      uploaded_by text NOT NULL,
      UNIQUE (document_id, version)
    );
    CREATE TRIGGER room_document_version_append_only BEFORE UPDATE OR DELETE ON room_document_version
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- Who opened which version when (who has seen a confidential paper of the board).
    CREATE TABLE room_access (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      version_id uuid NOT NULL REFERENCES room_document_version(id),
      person_id uuid REFERENCES person(id),
      actor text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX room_access_version_idx ON room_access (version_id, at);
    CREATE TRIGGER room_access_append_only BEFORE UPDATE OR DELETE ON room_access FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE room_meeting (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      starts_at timestamptz NOT NULL,
      location text NOT NULL DEFAULT '' CHECK (length(location) <= 500),
      agenda text NOT NULL DEFAULT '' CHECK (length(agenda) <= 20000),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL
    );
    CREATE INDEX room_meeting_room_idx ON room_meeting (room_id, starts_at);

    -- A decision of the body, with its vote; a correction is a new decision that names the one it replaces.
    CREATE TABLE room_decision (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      ref text NOT NULL,
      meeting_id uuid REFERENCES room_meeting(id),
      text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
      decided_on date NOT NULL,
      votes_yes integer NOT NULL CHECK (votes_yes >= 0),
      votes_no integer NOT NULL CHECK (votes_no >= 0),
      votes_abstain integer NOT NULL CHECK (votes_abstain >= 0),
      outcome text NOT NULL CHECK (outcome IN ('adopted','rejected')),
      replaces_id uuid REFERENCES room_decision(id),
      recorded_at timestamptz NOT NULL,
      recorded_by text NOT NULL,
      UNIQUE (room_id, ref)
    );
    CREATE TRIGGER room_decision_append_only BEFORE UPDATE OR DELETE ON room_decision FOR EACH ROW EXECUTE FUNCTION refuse_change();
`
