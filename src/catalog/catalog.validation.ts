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
  },
})
