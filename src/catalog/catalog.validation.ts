import { defineMessages } from '../platform/i18n.ts'

/** Field messages of the catalog and its prices. */
export const catalogValidation = defineMessages({
  de: {
    price_from_past:
      'Preise gelten nie rückwirkend: Eine neue Fassung beginnt frühestens morgen (heute nur, wenn heute noch kein Preis gilt).',
    price_until_before_from: 'Das Ende darf nicht vor dem Beginn liegen.',
    price_overlap:
      'In diesem Zeitraum gilt schon eine andere Preisfassung (befristet oder später beginnend). Bitte den Zeitraum so wählen, dass er sich mit keiner überschneidet.',
    price_tier_key_duplicate: 'Jede Stufe braucht einen eigenen Schlüssel.',
    price_tiers_not_ascending: 'Die Schwelle muss höher sein als die der vorigen Stufe.',
    price_tier_decreasing: 'Eine größere Stufe darf nicht weniger kosten als die vorige.',
    price_first_tier_from_zero: 'Die erste Stufe gilt für alle: Sie beginnt bei 0 Beschäftigten.',
    price_tier_unreachable: 'Diese Stufe braucht mindestens eine Schwelle (Beschäftigte, Ehrenamtliche oder Budget).',
    price_kind_mismatch: 'Diese Preisart passt nicht zu diesem Eintrag.',
    price_rise_notice:
      'Eine Preiserhöhung gilt für laufende Buchungen erst nach deren Kündigungsfrist, damit Mitglieder vorher kündigen können. Bitte einen späteren Beginn wählen.',
    area_unknown: 'Diesen Leistungsbereich gibt es nicht (mehr).',
    service_unknown: 'Diese Leistung gibt es nicht (mehr).',
    orderable_needs_price: 'Bestellbar wird ein Eintrag erst, wenn heute ein Preis für ihn gilt.',
    catalog_key_reserved: 'Dieser Schlüssel ist für eine Seite des Katalogs reserviert. Bitte einen anderen wählen.',
    catalog_key_taken: 'Diesen Schlüssel gibt es schon. Bitte einen anderen wählen.',
    provider_key_invalid: 'Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben (2–40 Zeichen).',
    config_key_invalid: 'Buchstaben, Ziffern und Unterstriche, beginnend mit einem Kleinbuchstaben.',
    config_choices_missing: 'Ein Auswahlfeld braucht mindestens eine Auswahl (durch Semikolon getrennt).',
    config_key_duplicate: 'Jedes Konfigurationsfeld braucht einen eigenen Schlüssel.',
    provider_unknown: 'Diesen Anbieter gibt es nicht.',
    provider_archived: 'Dieser Anbieter ist archiviert und bietet nichts Neues mehr an.',
    pricing_needs_flat_rate:
      'In einem Sekundärbereich gibt es keine Flatrate, in der eine Leistung enthalten sein könnte: bitte „nach Aufwand“ oder „Zusatzoption“ wählen.',
    organisation_unknown: 'Diese Organisation gibt es nicht (mehr).',
    provider_organisation_taken: 'Diese Organisation ist schon ein Anbieter.',
    provider_home_archive: 'Die Genossenschaft selbst kann nicht archiviert werden.',
    provider_has_live_entries:
      'Der Anbieter hat noch geplante oder bestellbare Einträge. Bitte sie zuerst einstellen, dann archivieren.',
    price_item_required: 'Bitte einen Leistungsbereich oder eine Leistung wählen.',
  },
  en: {
    price_from_past:
      'Prices never apply backwards: a new version starts tomorrow at the earliest (today only if no price holds today).',
    price_until_before_from: 'The end may not be before the start.',
    price_overlap:
      'Another price version already holds in this period (a bounded one or one starting later). Please choose a period that overlaps none.',
    price_tier_key_duplicate: 'Each tier needs a key of its own.',
    price_tiers_not_ascending: 'The threshold must be higher than that of the previous tier.',
    price_tier_decreasing: 'A larger tier may not cost less than the previous one.',
    price_first_tier_from_zero: 'The first tier holds for everyone: it starts at 0 employees.',
    price_tier_unreachable: 'This tier needs at least one threshold (employees, volunteers or budget).',
    price_kind_mismatch: 'This kind of price does not fit this entry.',
    price_rise_notice:
      'A price rise applies to running bookings only after their notice period, so members can cancel first. Please choose a later start.',
    area_unknown: 'This service area does not exist (any more).',
    service_unknown: 'This service does not exist (any more).',
    orderable_needs_price: 'An entry becomes orderable only once a price holds for it today.',
    catalog_key_reserved: 'This key is reserved for a page of the catalog. Please choose another.',
    catalog_key_taken: 'This key is already taken. Please choose another.',
    provider_key_invalid: 'Lower-case letters, digits and hyphens, starting with a letter (2–40 characters).',
    config_key_invalid: 'Letters, digits and underscores, starting with a lower-case letter.',
    config_choices_missing: 'A choice field needs at least one choice (separated by semicolons).',
    config_key_duplicate: 'Each configuration field needs a key of its own.',
    provider_unknown: 'This provider does not exist.',
    provider_archived: 'This provider is archived and offers nothing new.',
    pricing_needs_flat_rate:
      'A secondary area has no flat rate a service could be part of: please choose “by the hour” or “add-on”.',
    organisation_unknown: 'This organisation does not exist (any more).',
    provider_organisation_taken: 'This organisation already is a provider.',
    provider_home_archive: 'The cooperative itself cannot be archived.',
    provider_has_live_entries:
      'The provider still has planned or orderable entries. Please discontinue them first, then archive.',
    price_item_required: 'Please choose a service area or a service.',
  },
})
