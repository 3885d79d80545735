/**
 * The members' demand (§45 GenG): a tenth of the members (or the statutes' smaller share) may demand, in text
 * form with the purpose and reasons, that an assembly be called or that items be put on the agenda. Members co-sign
 * electronically; when the threshold of the members on the register today is reached the demand is marked reached
 * and the board is told. One signature per member and demand.
 */
export const script = /* sql */ `
    CREATE TABLE assembly_demand (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('assembly','agenda_items')),
      -- for agenda items: the assembly they are demanded for
      assembly_id uuid REFERENCES assembly(id),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
      reasons text NOT NULL CHECK (length(reasons) BETWEEN 1 AND 10000),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','reached','withdrawn')),
      created_at timestamptz NOT NULL,
      created_by_person_id uuid NOT NULL REFERENCES person(id),
      reached_at timestamptz,
      -- members on the register and signatures needed when it was reached
      reached_members integer,
      reached_threshold integer,
      CHECK (kind <> 'agenda_items' OR assembly_id IS NOT NULL),
      CHECK ((status = 'reached') = (reached_at IS NOT NULL))
    );
    CREATE INDEX assembly_demand_created_idx ON assembly_demand (created_at);

    CREATE TABLE assembly_demand_signature (
      demand_id uuid NOT NULL REFERENCES assembly_demand(id),
      member_id uuid NOT NULL REFERENCES member(id),
      person_id uuid NOT NULL REFERENCES person(id),
      signed_at timestamptz NOT NULL,
      PRIMARY KEY (demand_id, member_id)
    );
    CREATE TRIGGER assembly_demand_signature_append_only BEFORE UPDATE OR DELETE ON assembly_demand_signature
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
`
