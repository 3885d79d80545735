import { defineMessages } from '../platform/i18n.ts'

/** Field messages of orders and bookings. */
export const bookingsValidation = defineMessages({
  de: {
    area_already_booked: 'Diesen Leistungsbereich bucht eure Organisation schon (oder hat ihn schon bestellt).',
    primary_members_only: 'Primäre Leistungsbereiche gibt es nur für Mitgliedsorganisationen.',
    not_orderable: 'Dieser Eintrag ist nicht bestellbar (geplant oder eingestellt).',
    no_price_yet: 'Für diesen Eintrag gilt zum gewünschten Beginn noch kein Preis.',
  },
  en: {
    area_already_booked: 'Your organisation already books this service area (or has ordered it).',
    primary_members_only: 'Primary service areas are for member organisations only.',
    not_orderable: 'This entry cannot be ordered (planned or discontinued).',
    no_price_yet: 'No price holds for this entry on the start date asked for.',
  },
})
