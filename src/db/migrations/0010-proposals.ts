/**
 * Asynchronous decisions in committee rooms (Loomio-style proposals): consent, poll, ranked choice and score,
 * with a closing time, the votes of the room's members (changeable until the close), reminders and the
 * outcome statement. Non-binding: a binding decision of the body is recorded as a room decision.
 */
export const script = /* sql */ `
    CREATE TABLE room_proposal (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      room_id uuid NOT NULL REFERENCES room(id),
      kind text NOT NULL CHECK (kind IN ('consent','poll','ranked','score')),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      body text NOT NULL DEFAULT '' CHECK (length(body) <= 20000),
      -- the choices of a poll, ranked choice or score ([] for consent)
      options jsonb NOT NULL DEFAULT '[]',
      closes_at timestamptz NOT NULL,
      closed_at timestamptz,
      closed_by text,
      outcome text CHECK (length(outcome) <= 5000),
      reminded_at timestamptz,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      created_by_person_id uuid NOT NULL REFERENCES person(id),
      CHECK (closes_at > created_at)
    );
    CREATE INDEX room_proposal_room_idx ON room_proposal (room_id, created_at);

    CREATE TABLE room_proposal_vote (
      proposal_id uuid NOT NULL REFERENCES room_proposal(id),
      person_id uuid NOT NULL REFERENCES person(id),
      -- consent: {"position":"agree"|"abstain"|"disagree"|"block"}; poll: {"option":i}; ranked: {"ranking":[i,...]};
      -- score: {"scores":[n,...]}; with an optional reason
      value jsonb NOT NULL,
      reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
      voted_at timestamptz NOT NULL,
      PRIMARY KEY (proposal_id, person_id)
    );
`
