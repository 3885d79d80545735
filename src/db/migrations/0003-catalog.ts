/**
 * The service catalog and what members book: providers (the cooperative and partner cooperatives, ICA
 * principle 6), service areas and services, versioned prices, needs questionnaires with their quotes, and
 * bookings with their agreed price and terms. The founders' areas are seeded as planned (no prices yet).
 */
export const script = /* sql */ `
    -- Who offers a service: the cooperative itself (is_home) or a partner whose people manage their own entries.
    CREATE TABLE provider (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9-]{1,39}$'),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      is_home boolean NOT NULL DEFAULT false,
      organisation_id uuid UNIQUE REFERENCES organisation(id),
      website text,
      description_de text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      archived_at timestamptz,
      CHECK (NOT is_home OR organisation_id IS NULL)
    );
    CREATE UNIQUE INDEX provider_home_idx ON provider (is_home) WHERE is_home;

    -- A service area (Leistungsbereich): primary = members only at a flat rate by size; secondary = per hour.
    CREATE TABLE service_area (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
      provider_id uuid NOT NULL REFERENCES provider(id),
      kind text NOT NULL CHECK (kind IN ('primary','secondary')),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','orderable','discontinued')),
      position integer NOT NULL DEFAULT 0,
      name_de text NOT NULL CHECK (length(name_de) BETWEEN 1 AND 200),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      summary_de text NOT NULL DEFAULT '',
      summary_en text NOT NULL DEFAULT '',
      description_de text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      included_de text[] NOT NULL DEFAULT '{}',
      included_en text[] NOT NULL DEFAULT '{}',
      -- contract terms of bookings in this area: notice, the period a cancellation ends with, minimum term
      notice_days integer NOT NULL DEFAULT 30 CHECK (notice_days BETWEEN 0 AND 730),
      term_end text NOT NULL DEFAULT 'month' CHECK (term_end IN ('day','month','quarter','year')),
      minimum_term_months integer NOT NULL DEFAULT 0 CHECK (minimum_term_months BETWEEN 0 AND 60),
      terms_de text NOT NULL DEFAULT '',
      terms_en text NOT NULL DEFAULT '',
      -- what a member configures when ordering: [{key, labelDe, labelEn, type: text|number|choice, required, choices?}]
      config_fields jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- A service within an area: part of the flat rate (included), an optional add-on, or hourly work.
    CREATE TABLE service (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
      area_id uuid NOT NULL REFERENCES service_area(id),
      provider_id uuid NOT NULL REFERENCES provider(id),
      pricing text NOT NULL CHECK (pricing IN ('included','addon','hourly')),
      status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','orderable','discontinued')),
      position integer NOT NULL DEFAULT 0,
      name_de text NOT NULL CHECK (length(name_de) BETWEEN 1 AND 200),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
      summary_de text NOT NULL DEFAULT '',
      summary_en text NOT NULL DEFAULT '',
      description_de text NOT NULL DEFAULT '',
      description_en text NOT NULL DEFAULT '',
      included_de text[] NOT NULL DEFAULT '{}',
      included_en text[] NOT NULL DEFAULT '{}',
      software text[] NOT NULL DEFAULT '{}',
      replaces text[] NOT NULL DEFAULT '{}',
      data_location text NOT NULL DEFAULT '',
      energy_source text NOT NULL DEFAULT '',
      backup_policy text NOT NULL DEFAULT '',
      sso text NOT NULL DEFAULT 'none' CHECK (sso IN ('none','oidc','saml','ldap')),
      unit_de text NOT NULL DEFAULT '',
      unit_en text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX service_area_idx ON service (area_id, position);

    -- Prices, versioned: a version holds from a date until the next one starts, or (a temporary price) until its
    -- own end, after which the one it interrupted holds again. Versions are never edited or deleted.
    CREATE TABLE price_version (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      area_id uuid REFERENCES service_area(id),
      service_id uuid REFERENCES service(id),
      kind text NOT NULL CHECK (kind IN ('flat_rate','addon','hourly')),
      valid_from date NOT NULL,
      valid_until date,
      vat_percent numeric(5,2) NOT NULL CHECK (vat_percent >= 0 AND vat_percent <= 100),
      -- flat_rate: [{key, fromEmployees, fromVolunteers, fromBudgetCents, monthlyCents}], ascending
      tiers jsonb,
      -- addon: per unit and month
      monthly_cents bigint CHECK (monthly_cents >= 0),
      setup_cents bigint NOT NULL DEFAULT 0 CHECK (setup_cents >= 0),
      hourly_member_cents bigint CHECK (hourly_member_cents >= 0),
      hourly_non_member_cents bigint CHECK (hourly_non_member_cents >= 0),
      note text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      CHECK ((area_id IS NULL) <> (service_id IS NULL)),
      CHECK (valid_until IS NULL OR valid_until >= valid_from),
      CHECK ((kind = 'flat_rate') = (area_id IS NOT NULL)),
      CHECK (kind <> 'flat_rate' OR tiers IS NOT NULL),
      CHECK (kind <> 'addon' OR monthly_cents IS NOT NULL),
      CHECK (kind <> 'hourly' OR (hourly_member_cents IS NOT NULL AND hourly_non_member_cents IS NOT NULL))
    );
    CREATE INDEX price_version_area_idx ON price_version (area_id, valid_from);
    CREATE INDEX price_version_service_idx ON price_version (service_id, valid_from);
    CREATE TRIGGER price_version_append_only BEFORE UPDATE OR DELETE ON price_version
      FOR EACH ROW EXECUTE FUNCTION refuse_change();
    -- what holds on a day stays unambiguous: no two starts on one day, no start inside a bounded version
    CREATE FUNCTION price_version_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF EXISTS (
        SELECT 1 FROM price_version p
        WHERE p.area_id IS NOT DISTINCT FROM NEW.area_id AND p.service_id IS NOT DISTINCT FROM NEW.service_id
          AND (p.valid_from = NEW.valid_from
            OR (p.valid_until IS NOT NULL AND NEW.valid_from BETWEEN p.valid_from AND p.valid_until)
            OR (NEW.valid_until IS NOT NULL AND p.valid_from BETWEEN NEW.valid_from AND NEW.valid_until))
      ) THEN
        RAISE EXCEPTION 'price versions of one item may not overlap' USING ERRCODE = 'exclusion_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER price_version_no_overlap BEFORE INSERT ON price_version
      FOR EACH ROW EXECUTE FUNCTION price_version_no_overlap();
    CREATE TRIGGER price_version_no_truncate BEFORE TRUNCATE ON price_version
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

    -- The needs questionnaire (Bedarfsfragebogen) and the quote it produced, as shown to the organisation.
    CREATE TABLE needs_questionnaire (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE,
      token_hash text NOT NULL UNIQUE,
      organisation_id uuid REFERENCES organisation(id),
      application_id uuid UNIQUE REFERENCES membership_application(id),
      account_id uuid REFERENCES account(id),
      organisation_name text NOT NULL CHECK (length(organisation_name) BETWEEN 1 AND 200),
      legal_form text NOT NULL DEFAULT 'other',
      contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
      contact_email text NOT NULL,
      contact_phone text,
      city text NOT NULL DEFAULT '',
      employees integer NOT NULL DEFAULT 0 CHECK (employees >= 0),
      volunteers integer NOT NULL DEFAULT 0 CHECK (volunteers >= 0),
      annual_budget_cents bigint NOT NULL DEFAULT 0 CHECK (annual_budget_cents >= 0),
      devices integer NOT NULL DEFAULT 0 CHECK (devices >= 0),
      tools_today text[] NOT NULL DEFAULT '{}',
      pain_points text NOT NULL DEFAULT '',
      wanted_areas text[] NOT NULL DEFAULT '{}',
      consulting_hours integer NOT NULL DEFAULT 0 CHECK (consulting_hours >= 0),
      training_hours integer NOT NULL DEFAULT 0 CHECK (training_hours >= 0),
      stage text NOT NULL CHECK (stage IN ('informed','discussing','committed')),
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de','en')),
      consent_contact_at timestamptz NOT NULL,
      quote jsonb NOT NULL,
      submitted_at timestamptz NOT NULL,
      follow_up_status text NOT NULL DEFAULT 'new'
        CHECK (follow_up_status IN ('new','contacted','in_talks','applied','declined')),
      follow_up_on date,
      assigned_account_id uuid REFERENCES account(id),
      updated_at timestamptz NOT NULL
    );
    CREATE SEQUENCE needs_questionnaire_ref_seq;
    CREATE INDEX needs_questionnaire_stage_idx ON needs_questionnaire (stage, submitted_at);
    CREATE INDEX needs_questionnaire_organisation_idx ON needs_questionnaire (organisation_id);

    -- The board's and staff's notes on following an organisation up; each one a row, never edited.
    CREATE TABLE questionnaire_follow_up (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      questionnaire_id uuid NOT NULL REFERENCES needs_questionnaire(id),
      status text NOT NULL CHECK (status IN ('new','contacted','in_talks','applied','declined')),
      note text NOT NULL DEFAULT '',
      next_on date,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL
    );
    CREATE INDEX questionnaire_follow_up_idx ON questionnaire_follow_up (questionnaire_id, created_at);
    CREATE TRIGGER questionnaire_follow_up_append_only BEFORE UPDATE OR DELETE ON questionnaire_follow_up
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- A booking (order, then contract): what an organisation booked, with the price and terms agreed for it.
    CREATE TABLE booking (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ref text NOT NULL UNIQUE,
      organisation_id uuid REFERENCES organisation(id),
      -- a public request by a non-member without an organisation in the portal yet: who asked, how to reach them
      requester jsonb NOT NULL DEFAULT '{}',
      area_id uuid NOT NULL REFERENCES service_area(id),
      service_id uuid REFERENCES service(id),
      kind text NOT NULL CHECK (kind IN ('flat_rate','addon','hourly')),
      quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 100000),
      config jsonb NOT NULL DEFAULT '{}',
      member_id uuid REFERENCES member(id),
      price_version_id uuid REFERENCES price_version(id),
      tier_key text,
      monthly_cents bigint,
      setup_cents bigint,
      hourly_cents bigint,
      vat_percent numeric(5,2),
      notice_days integer,
      term_end text CHECK (term_end IN ('day','month','quarter','year')),
      minimum_term_months integer,
      terms_text text NOT NULL DEFAULT '',
      terms_hash text,
      terms_accepted_at timestamptz,
      terms_accepted_by text,
      share_application_id uuid REFERENCES membership_application(id),
      questionnaire_id uuid REFERENCES needs_questionnaire(id),
      replaces_id uuid REFERENCES booking(id),
      source text NOT NULL DEFAULT 'order' CHECK (source IN ('order','request','staff','register')),
      status text NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested','confirmed','rejected','withdrawn','cancelled')),
      requested_at timestamptz NOT NULL,
      requested_by text NOT NULL,
      starts_on date NOT NULL,
      decided_at timestamptz,
      decided_by text,
      rejection_reason text,
      cancelled_at timestamptz,
      cancelled_by text,
      cancel_reason text,
      ends_on date,
      tracking_token_hash text UNIQUE,
      note text NOT NULL DEFAULT '',
      CHECK ((kind = 'flat_rate') = (service_id IS NULL)),
      CHECK (organisation_id IS NOT NULL OR status IN ('requested','rejected','withdrawn')),
      CHECK (status <> 'cancelled' OR ends_on IS NOT NULL),
      CHECK (ends_on IS NULL OR ends_on >= starts_on - 1)
    );
    CREATE SEQUENCE booking_ref_seq;
    CREATE INDEX booking_organisation_idx ON booking (organisation_id, starts_on);
    CREATE INDEX booking_status_idx ON booking (status, requested_at);
    CREATE TRIGGER booking_no_delete BEFORE DELETE ON booking FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER booking_no_truncate BEFORE TRUNCATE ON booking FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
    -- One running booking of an area's flat rate (or of one add-on) per organisation at a time; a change that
    -- replaces a booking may overlap the one it replaces until it is confirmed.
    CREATE FUNCTION booking_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NEW.kind IN ('flat_rate','addon') AND NEW.organisation_id IS NOT NULL
         AND NEW.status IN ('requested','confirmed','cancelled') AND EXISTS (
        SELECT 1 FROM booking b
        WHERE b.id <> NEW.id AND b.organisation_id = NEW.organisation_id
          AND b.area_id = NEW.area_id AND b.service_id IS NOT DISTINCT FROM NEW.service_id
          AND b.status IN ('requested','confirmed','cancelled')
          AND b.id IS DISTINCT FROM NEW.replaces_id AND b.replaces_id IS DISTINCT FROM NEW.id
          AND daterange(b.starts_on, b.ends_on, '[]') && daterange(NEW.starts_on, NEW.ends_on, '[]')
      ) THEN
        RAISE EXCEPTION 'the organisation already books this' USING ERRCODE = 'exclusion_violation';
      END IF;
      RETURN NEW;
    END
    $fn$;
    CREATE TRIGGER booking_no_overlap BEFORE INSERT OR UPDATE ON booking
      FOR EACH ROW EXECUTE FUNCTION booking_no_overlap();

    -- The primary service areas an organisation books on a day: they raise its mandatory shares (Satzung).
    CREATE FUNCTION booked_primary_areas(org uuid, on_day date) RETURNS text[] LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(array_agg(DISTINCT a.key ORDER BY a.key), '{}')
      FROM booking b JOIN service_area a ON a.id = b.area_id
      WHERE b.organisation_id = org AND a.kind = 'primary' AND b.kind = 'flat_rate'
        AND b.status IN ('confirmed','cancelled') AND b.starts_on <= on_day
        AND (b.ends_on IS NULL OR b.ends_on >= on_day)
    $fn$;

    -- Who was told of a price change, for which booking, when (the notice members get before it applies).
    CREATE TABLE price_change_notice (
      price_version_id uuid NOT NULL REFERENCES price_version(id),
      booking_id uuid NOT NULL REFERENCES booking(id),
      organisation_id uuid NOT NULL REFERENCES organisation(id),
      recipients text[] NOT NULL,
      notified_at timestamptz NOT NULL,
      PRIMARY KEY (price_version_id, booking_id)
    );
    CREATE TRIGGER price_change_notice_append_only BEFORE UPDATE OR DELETE ON price_change_notice
      FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- the founders' catalog (shared/seeds): planned until the cooperative sets its prices and opens it
    INSERT INTO provider (key, name, is_home) VALUES ('home', 'Genossenschaft', true);
    INSERT INTO service_area (key, provider_id, kind, position, name_de, name_en, summary_de, summary_en,
        included_de, included_en, notice_days, term_end, minimum_term_months, config_fields)
    SELECT v.key, p.id, v.kind, v.position, v.name_de, v.name_en, v.summary_de, v.summary_en,
        v.included_de, v.included_en, v.notice_days, v.term_end, 0, v.config_fields::jsonb
    FROM provider p, (VALUES
      ('digital_infrastructure', 'primary', 1,
       'Digitale Infrastruktur mit Support & Onboarding', 'Digital infrastructure with support and onboarding',
       'Die digitale Arbeitsumgebung eurer Organisation auf Open-Source-Software, betrieben in deutschen Rechenzentren mit erneuerbarem Strom – ohne Beschränkung nach Konten oder Ressourcen.',
       'Your organisation''s digital workplace on open-source software, run in German data centres on renewable power – no limits on accounts or resources.',
       ARRAY['Betrieb der Cloud-Infrastruktur inkl. Offsite-Backups, Patch-Management, Weiterentwicklung und Dokumentation',
             'Cloudspeicher, Chat, Videokonferenzen, Office-Dokumente, Kalender, Kontakte, Whiteboard, Kanban',
             'Passwort-Manager, Identitätsmanagement, Newsletter-Tool, Einbindung von Mail-Postfächern',
             'Persönlicher Support, Einrichtung, Onboarding und Trainings'],
       ARRAY['Operation of the cloud infrastructure incl. offsite backups, patch management, development and documentation',
             'Cloud storage, chat, video conferencing, office documents, calendar, contacts, whiteboard, kanban',
             'Password manager, identity management, newsletter tool, integration of mailboxes',
             'Personal support, setup, onboarding and trainings'],
       30, 'month',
       '[{"key":"domain","labelDe":"Eigene Domain (falls vorhanden)","labelEn":"Own domain (if any)","type":"text","required":false},{"key":"accounts","labelDe":"Konten zum Start","labelEn":"Accounts to start with","type":"number","required":true}]'),
      ('it_helpdesk', 'primary', 2, 'IT-Helpdesk', 'IT helpdesk',
       'Hilfe bei Anwendungs-, Betriebssystem-, Hardware- oder Netzwerkproblemen – von festen Ansprechpersonen, die eure Organisation kennen.',
       'Help with application, operating system, hardware or network problems – from fixed contact persons who know your organisation.',
       ARRAY['On-Demand-Support per Ticket, Telefon, Chat, Videocall und Fernwartung',
             'Erreichbarkeit zu festen Arbeitszeiten', 'Feste Ansprechpersonen',
             'Vor-Ort-Einsätze im Raum Berlin im Ausnahmefall'],
       ARRAY['On-demand support by ticket, phone, chat, video call and remote maintenance',
             'Reachable at fixed working hours', 'Fixed contact persons',
             'On-site visits in the Berlin area in exceptional cases'],
       30, 'month', '[]'),
      ('managed_workplace', 'primary', 3, 'Managed Workplace', 'Managed workplace',
       'Eure Endgeräte zentral betreut: Überwachung, Updates, Sicherungen und Softwareverteilung.',
       'Your devices looked after centrally: monitoring, updates, backups and software distribution.',
       ARRAY['Monitoring, Patch- und Backup-Management von Endgeräten',
             'Flottenverwaltung (MDM) zur zentralen Software-Ausrollung und Rechteverwaltung',
             'Regelmäßige Remote-Wartung', 'Wartung lokaler Netzwerkkomponenten wie Drucker, Router, Access Points',
             'Vor-Ort-Einsätze im Raum Berlin im Ausnahmefall'],
       ARRAY['Monitoring, patch and backup management of devices',
             'Fleet management (MDM) for central software roll-out and rights management',
             'Regular remote maintenance', 'Maintenance of local network components such as printers, routers, access points',
             'On-site visits in the Berlin area in exceptional cases'],
       30, 'month',
       '[{"key":"devices","labelDe":"Anzahl der Geräte","labelEn":"Number of devices","type":"number","required":true},{"key":"systems","labelDe":"Betriebssysteme (z. B. Windows, macOS, Linux)","labelEn":"Operating systems (e.g. Windows, macOS, Linux)","type":"text","required":false}]'),
      ('consulting', 'secondary', 4, 'Beratung & Begleitung bei IT-Projekten & Datenschutz',
       'Consulting and support for IT projects and data protection',
       'Beratung nach Aufwand – auch für Nichtmitglieder.', 'Consulting by the hour – for non-members too.',
       ARRAY['Beratung und Begleitung bei IT-Projekten', 'Datenschutzberatung'],
       ARRAY['Consulting and support for IT projects', 'Data protection consulting'],
       14, 'day', '[]'),
      ('education', 'secondary', 5, 'Bildungsformate: Workshops, Trainings, Webinare',
       'Education: workshops, trainings, webinars',
       'Workshops, Trainings und Webinare zu digitaler Selbstbestimmung und Open-Source-Werkzeugen – auch für Nichtmitglieder.',
       'Workshops, trainings and webinars on digital self-determination and open-source tools – for non-members too.',
       ARRAY['Offene Termine im Veranstaltungskalender', 'Inhouse-Trainings nach Vereinbarung'],
       ARRAY['Open dates in the events calendar', 'In-house trainings by arrangement'],
       14, 'day', '[]')
    ) AS v(key, kind, position, name_de, name_en, summary_de, summary_en, included_de, included_en,
           notice_days, term_end, config_fields)
    WHERE p.is_home;

    INSERT INTO service (key, area_id, provider_id, pricing, position, name_de, name_en, summary_de, summary_en,
        software, replaces, data_location, energy_source, backup_policy, sso, unit_de, unit_en)
    SELECT v.key, a.id, a.provider_id, v.pricing, v.position, v.name_de, v.name_en, v.summary_de, v.summary_en,
        v.software, v.replaces,
        CASE WHEN v.pricing = 'hourly' THEN '' ELSE 'Deutschland' END,
        CASE WHEN v.pricing = 'hourly' THEN '' ELSE '100 % erneuerbarer Strom' END,
        CASE WHEN v.area = 'digital_infrastructure' THEN 'Offsite-Backups in ein zweites Rechenzentrum' ELSE '' END,
        v.sso, v.unit_de, v.unit_en
    FROM service_area a JOIN (VALUES
      ('digital_infrastructure', 'cloud', 'included', 1, 'Cloudspeicher und Office-Dokumente', 'Cloud storage and office documents',
       'Dateien teilen und gemeinsam an Dokumenten, Tabellen und Präsentationen arbeiten.',
       'Share files and work together on documents, spreadsheets and presentations.',
       ARRAY['Nextcloud','Collabora Online'], ARRAY['dropbox','google_workspace','microsoft_365'], 'oidc', '', ''),
      ('digital_infrastructure', 'chat_video', 'included', 2, 'Chat und Videokonferenzen', 'Chat and video conferencing',
       'Chatten, telefonieren und Videokonferenzen im Browser, auch mit Gästen.',
       'Chat, calls and video conferences in the browser, guests included.',
       ARRAY['Nextcloud Talk','BigBlueButton'], ARRAY['zoom','teams','slack'], 'oidc', '', ''),
      ('digital_infrastructure', 'calendar', 'included', 3, 'Kalender, Kontakte und Terminbuchung', 'Calendar, contacts and appointments',
       'Gemeinsame Kalender und Adressbücher, Terminbuchung für Externe.',
       'Shared calendars and address books, appointment booking for outsiders.',
       ARRAY['Nextcloud Calendar','Nextcloud Contacts','Nextcloud Appointments'], ARRAY['calendly','google_workspace'], 'oidc', '', ''),
      ('digital_infrastructure', 'kanban', 'included', 4, 'Kanban und Whiteboard', 'Kanban and whiteboard',
       'Aufgaben auf Boards planen und gemeinsam skizzieren.', 'Plan tasks on boards and sketch together.',
       ARRAY['Nextcloud Deck','Nextcloud Whiteboard'], ARRAY['trello'], 'oidc', '', ''),
      ('digital_infrastructure', 'safe', 'included', 5, 'safe: Passwort-Manager', 'safe: password manager',
       'Passwörter sicher im Team teilen, mit den Bitwarden-Apps auf allen Geräten.',
       'Share passwords safely in the team, with the Bitwarden apps on every device.',
       ARRAY['Vaultwarden','Bitwarden'], ARRAY['1password'], 'oidc', '', ''),
      ('digital_infrastructure', 'id', 'included', 6, 'id: Identitätsmanagement', 'id: identity management',
       'Ein Konto für alle Dienste (Single Sign-On), Konten und Rollen selbst verwalten.',
       'One account for every service (single sign-on), accounts and roles managed by yourselves.',
       ARRAY['authentik'], ARRAY[]::text[], 'oidc', '', ''),
      ('digital_infrastructure', 'reach', 'included', 7, 'reach: Newsletter', 'reach: newsletters',
       'Newsletter und Mailinglisten ohne Tracking durch Dritte.', 'Newsletters and mailing lists without third-party tracking.',
       ARRAY['listmonk'], ARRAY['mailchimp'], 'oidc', '', ''),
      ('digital_infrastructure', 'mail', 'addon', 8, 'mail: Postfächer von mailbox.org', 'mail: mailboxes from mailbox.org',
       'E-Mail-Postfächer von mailbox.org zum geteilten Reseller-Tarif, eingebunden in die Arbeitsumgebung.',
       'Mailboxes from mailbox.org at the shared reseller rate, integrated into the workplace.',
       ARRAY['mailbox.org'], ARRAY['google_workspace','microsoft_365'], 'none', 'Postfach', 'mailbox'),
      ('consulting', 'it_projects', 'hourly', 1, 'Beratung bei IT-Projekten', 'IT project consulting',
       'Auswahl, Einführung und Umstellung von Software und Infrastruktur.', 'Choosing, introducing and migrating software and infrastructure.',
       ARRAY[]::text[], ARRAY[]::text[], 'none', 'Stunde', 'hour'),
      ('consulting', 'data_protection', 'hourly', 2, 'Datenschutzberatung', 'Data protection consulting',
       'Verzeichnis von Verarbeitungstätigkeiten, Auftragsverarbeitung, technische und organisatorische Maßnahmen.',
       'Records of processing, data processing agreements, technical and organisational measures.',
       ARRAY[]::text[], ARRAY[]::text[], 'none', 'Stunde', 'hour'),
      ('education', 'inhouse_training', 'hourly', 1, 'Inhouse-Training', 'In-house training',
       'Workshops und Trainings für euer Team, zugeschnitten auf eure Werkzeuge.', 'Workshops and trainings for your team, tailored to your tools.',
       ARRAY[]::text[], ARRAY[]::text[], 'none', 'Stunde', 'hour')
    ) AS v(area, key, pricing, position, name_de, name_en, summary_de, summary_en, software, replaces, sso, unit_de, unit_en)
      ON a.key = v.area;

`
