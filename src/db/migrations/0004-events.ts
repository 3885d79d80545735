/**
 * Events and trainings with their registrations and waiting lists, the public interest list ("Informiert
 * bleiben") with its double opt-in and consent record, and mail attachments and headers in the outbox (the .ics
 * of an event, the List-Unsubscribe headers of RFC 8058).
 */
export const script = /* sql */ `
    -- A mail may carry files ([{filename, contentType, content, encoding}]) and extra headers ({name: value}).
    ALTER TABLE mail_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
    ALTER TABLE mail_outbox ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';

    -- A bookable date: workshop, training, webinar or information event. Never deleted: cancelled with a reason.
    CREATE TABLE event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE CHECK (ref ~ '^VA-[0-9]{4}-[0-9]{3,}$'),
      kind text NOT NULL CHECK (kind IN ('workshop','training','webinar','info_event')),
      title_de text NOT NULL CHECK (length(title_de) BETWEEN 1 AND 200),
      title_en text NOT NULL DEFAULT '' CHECK (length(title_en) <= 200),
      description_de text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      -- the zone dates are shown in; the instants themselves are zone-free
      time_zone text NOT NULL DEFAULT 'Europe/Berlin',
      location text NOT NULL DEFAULT '',
      -- shown to registered people only, never on the public page
      online_url text,
      seats integer NOT NULL CHECK (seats > 0 AND seats <= 100000),
      -- null: no limit; 0: no waiting list
      waitlist_limit integer CHECK (waitlist_limit >= 0 AND waitlist_limit <= 100000),
      -- net prices in cents (0 = free) and the VAT rate that applies to them
      member_price_cents bigint NOT NULL DEFAULT 0 CHECK (member_price_cents >= 0),
      non_member_price_cents bigint NOT NULL DEFAULT 0 CHECK (non_member_price_cents >= 0),
      vat_percent numeric(5,2) NOT NULL DEFAULT 19 CHECK (vat_percent >= 0 AND vat_percent <= 100),
      registration_closes_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
      cancel_reason text,
      cancelled_at timestamptz,
      cancelled_by text,
      -- iCalendar SEQUENCE: raised whenever time or place change, so calendars take the newer invitation
      sequence integer NOT NULL DEFAULT 0 CHECK (sequence >= 0),
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      updated_by text NOT NULL,
      CHECK (ends_at > starts_at),
      CHECK (registration_closes_at <= ends_at),
      CHECK (location <> '' OR online_url IS NOT NULL),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
    );
    CREATE SEQUENCE event_ref_seq;
    CREATE INDEX event_starts_idx ON event (starts_at);
    CREATE TRIGGER event_no_delete BEFORE DELETE ON event FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- A person registered for an event, with the price that applied when they registered.
    CREATE TABLE event_registration (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES event(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      organisation_name text CHECK (length(organisation_name) <= 200),
      organisation_id uuid REFERENCES organisation(id),
      account_id uuid REFERENCES account(id),
      -- member or not at registration: the member price holds for an organisation with an active membership or
      -- a person member; member_id is the membership that gave it
      is_member boolean NOT NULL,
      member_id uuid REFERENCES member(id),
      price_cents bigint NOT NULL CHECK (price_cents >= 0),
      vat_percent numeric(5,2) NOT NULL CHECK (vat_percent >= 0 AND vat_percent <= 100),
      gross_cents bigint NOT NULL CHECK (gross_cents >= price_cents),
      status text NOT NULL CHECK (status IN ('confirmed','waitlisted','cancelled')),
      -- the order on the waiting list (1 = first), kept after a promotion as the record of it
      waitlist_position integer CHECK (waitlist_position > 0),
      manage_token_hash text NOT NULL UNIQUE,
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
      consent_text text NOT NULL,
      consent_at timestamptz NOT NULL,
      ip_address text,
      user_agent text,
      registered_at timestamptz NOT NULL,
      promoted_at timestamptz,
      cancelled_at timestamptz,
      cancelled_by text,
      CHECK (status <> 'waitlisted' OR waitlist_position IS NOT NULL),
      CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      CHECK (NOT is_member OR member_id IS NOT NULL)
    );
    -- one live registration per email and event (case-insensitive)
    CREATE UNIQUE INDEX event_registration_email_idx ON event_registration (event_id, lower(email))
      WHERE status <> 'cancelled';
    CREATE INDEX event_registration_event_idx ON event_registration (event_id, status, waitlist_position);
    CREATE INDEX event_registration_address_idx ON event_registration (ip_address, registered_at);
    CREATE TRIGGER event_registration_no_delete BEFORE DELETE ON event_registration
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- The last guard against over-booking (the actions lock the event row and check first): confirmed
    -- registrations never exceed the seats.
    CREATE FUNCTION event_refuse_overbooking(target uuid) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      IF (SELECT count(*) FROM event_registration r WHERE r.event_id = target AND r.status = 'confirmed')
         > (SELECT e.seats FROM event e WHERE e.id = target) THEN
        RAISE EXCEPTION 'event % would be over-booked', target USING ERRCODE = 'check_violation';
      END IF;
    END
    $fn$;
    CREATE FUNCTION event_registration_seats_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM event_refuse_overbooking(NEW.event_id);
      RETURN NEW;
    END
    $fn$;
    CREATE FUNCTION event_seats_check() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM event_refuse_overbooking(NEW.id);
      RETURN NEW;
    END
    $fn$;
    CREATE CONSTRAINT TRIGGER event_registration_seats AFTER INSERT OR UPDATE ON event_registration
      FOR EACH ROW EXECUTE FUNCTION event_registration_seats_check();
    CREATE CONSTRAINT TRIGGER event_seats AFTER UPDATE OF seats ON event
      FOR EACH ROW EXECUTE FUNCTION event_seats_check();

    -- The interest list: people who asked to stay informed. One live row per email; signing up again after
    -- unsubscribing starts a new row with a new consent.
    CREATE TABLE interest_subscription (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      name text CHECK (length(name) <= 200),
      organisation text CHECK (length(organisation) <= 200),
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','unsubscribed')),
      -- the consent exactly as shown (Art. 7 (1) GDPR: the controller must be able to prove it)
      consent_text text NOT NULL,
      consent_version text NOT NULL,
      consent_at timestamptz NOT NULL,
      consent_ip text,
      consent_user_agent text,
      confirm_token_hash text UNIQUE,
      confirm_expires_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      confirmed_ip text,
      unsubscribe_token_hash text NOT NULL UNIQUE,
      unsubscribed_at timestamptz,
      created_at timestamptz NOT NULL,
      CHECK (status <> 'confirmed' OR confirmed_at IS NOT NULL),
      CHECK ((status = 'unsubscribed') = (unsubscribed_at IS NOT NULL)),
      CHECK (status = 'pending' OR confirm_token_hash IS NULL)
    );
    CREATE UNIQUE INDEX interest_subscription_live_idx ON interest_subscription (lower(email))
      WHERE status <> 'unsubscribed';
    CREATE INDEX interest_subscription_status_idx ON interest_subscription (status, confirmed_at);

    -- Sign-up requests of the last hours, for the limit per client address and per email (the email only as
    -- its hash: this log is not the list). Rows older than a day are removed by the next request.
    CREATE TABLE interest_request (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      requested_at timestamptz NOT NULL,
      ip_address text,
      email_hash text NOT NULL
    );
    CREATE INDEX interest_request_address_idx ON interest_request (ip_address, requested_at);
    CREATE INDEX interest_request_email_idx ON interest_request (email_hash, requested_at);
`
