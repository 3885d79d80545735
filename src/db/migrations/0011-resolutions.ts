/**
 * The register of resolutions: every binding decision (a general assembly's vote, a body's decision in its
 * room) with its text, vote, date and where it is minuted, numbered R-<year>-<n>. Written in the transaction that
 * makes the decision, together with its journal entry (whose sequence number it keeps), never changed.
 */
export const script = /* sql */ `
    CREATE TABLE resolution (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE CHECK (ref ~ '^R-[0-9]{4}-[0-9]{3,}$'),
      source text NOT NULL CHECK (source IN ('poll','room_decision')),
      poll_id uuid UNIQUE REFERENCES poll(id),
      room_decision_id uuid UNIQUE REFERENCES room_decision(id),
      assembly_id uuid REFERENCES assembly(id),
      room_id uuid REFERENCES room(id),
      body text NOT NULL,
      title text NOT NULL,
      text text NOT NULL,
      decided_on date NOT NULL,
      votes jsonb NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('adopted','rejected','elected','no_result')),
      link text NOT NULL,
      audit_seq bigint NOT NULL,
      recorded_at timestamptz NOT NULL,
      CHECK ((source = 'poll') = (poll_id IS NOT NULL)),
      CHECK ((source = 'room_decision') = (room_decision_id IS NOT NULL))
    );
    CREATE INDEX resolution_decided_idx ON resolution (decided_on, ref);
    CREATE TRIGGER resolution_append_only BEFORE UPDATE OR DELETE ON resolution FOR EACH ROW EXECUTE FUNCTION refuse_change();
`
