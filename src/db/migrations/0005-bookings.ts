/**
 * Which primary service areas a member books comes from its bookings from now on, no longer from a list the
 * board kept on the member row. What the register recorded becomes bookings (source 'register'): confirmed from
 * the joining date, or cancelled to the exit date for memberships that ended or are ending; then the column goes.
 * The mandatory shares (Satzung: per primary area) follow the bookings of each day (booked_primary_areas).
 * The no-overlap trigger learns that a booking ending the day before its start never runs.
 */
export const script = /* sql */ `
    INSERT INTO booking (ref, organisation_id, area_id, kind, member_id, status, source, requested_at, requested_by,
        decided_at, decided_by, starts_on, cancelled_at, cancelled_by, cancel_reason, ends_on, note)
    SELECT 'BU-' || to_char(m.joined_on, 'YYYY') || '-' || lpad(nextval('booking_ref_seq')::text, 5, '0'),
        m.organisation_id, a.id, 'flat_rate', m.id,
        CASE WHEN m.exit_on IS NULL THEN 'confirmed' ELSE 'cancelled' END, 'register', m.created_at, 'system:migration',
        m.created_at, 'system:migration', m.joined_on,
        CASE WHEN m.exit_on IS NULL THEN NULL ELSE m.created_at END,
        CASE WHEN m.exit_on IS NULL THEN NULL ELSE 'system:migration' END,
        CASE WHEN m.exit_on IS NULL THEN NULL ELSE 'membership ends' END,
        m.exit_on, 'from the member register'
    FROM member m CROSS JOIN LATERAL unnest(m.primary_areas) AS k(key) JOIN service_area a ON a.key = k.key
    WHERE m.organisation_id IS NOT NULL ORDER BY m.joined_on, m.number, a.position;
    ALTER TABLE member DROP COLUMN primary_areas;

    -- A booking cancelled in time before its start ends the day before it (ends_on = starts_on - 1): it never runs
    -- and overlaps nothing. daterange() refuses such bounds, so those bookings are left out of the comparison.
    CREATE OR REPLACE FUNCTION booking_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.kind IN ('flat_rate','addon') AND NEW.organisation_id IS NOT NULL
         AND NEW.status IN ('requested','confirmed','cancelled')
         AND (NEW.ends_on IS NULL OR NEW.ends_on >= NEW.starts_on) AND EXISTS (
        SELECT 1 FROM booking b
        WHERE b.id <> NEW.id AND b.organisation_id = NEW.organisation_id
          AND b.area_id = NEW.area_id AND b.service_id IS NOT DISTINCT FROM NEW.service_id
          AND b.status IN ('requested','confirmed','cancelled')
          AND (b.ends_on IS NULL OR b.ends_on >= b.starts_on)
          AND b.id IS DISTINCT FROM NEW.replaces_id AND b.replaces_id IS DISTINCT FROM NEW.id
          AND daterange(b.starts_on, b.ends_on, '[]') && daterange(NEW.starts_on, NEW.ends_on, '[]')
      ) THEN
        RAISE EXCEPTION 'the organisation already books this' USING ERRCODE = 'exclusion_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
`
