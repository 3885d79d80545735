import { defineMessages } from '../platform/i18n.ts'

/** Field messages of orders and bookings. */
export const bookingsValidation = defineMessages({
  de: {
    area_already_booked: 'Diesen Leistungsbereich bucht eure Organisation schon (oder hat ihn schon bestellt).',
    primary_members_only: 'Primäre Leistungsbereiche gibt es nur für Mitgliedsorganisationen.',
    not_orderable: 'Dieser Eintrag ist nicht bestellbar (geplant oder eingestellt).',
    no_price_yet: 'Für diesen Eintrag gilt zum gewünschten Beginn noch kein Preis.',
    order_organisation_unknown: 'Diese Organisation gibt es nicht (mehr), oder ihr könnt nicht für sie bestellen.',
    service_included: 'Diese Leistung ist in der Pauschale des Bereichs enthalten und wird mit ihm gebucht.',
    addon_needs_area:
      'Zusatzleistungen gibt es nur zu einem bestätigten oder laufenden Leistungsbereich. Bitte zuerst den Bereich bestellen.',
    terms_consent_required: 'Bitte die Vertragsbedingungen annehmen – ohne sie kann nicht bestellt werden.',
    shares_consent_required:
      'Für diesen Bereich braucht eure Organisation weitere Pflichtanteile. Bitte der Erklärung über die Anteile zustimmen (§ 15b GenG).',
    shares_declared_by_member:
      'Die Erklärung über weitere Anteile gibt das Mitglied selbst ab (Admin oder gesetzliche Vertretung der Organisation).',
    change_too_early: 'So früh ist die Änderung nach den vereinbarten Bedingungen nicht möglich.',
    change_not_period_start:
      'Eine Verringerung beginnt am Tag nach einem möglichen Kündigungstermin (siehe Kündigungsfrist und Laufzeitende).',
    cancel_date_not_allowed: 'Bitte einen der möglichen Kündigungstermine wählen.',
    change_nothing: 'Die Änderung ändert nichts an der Buchung.',
    too_many_requests:
      'Von hier kamen in der letzten Stunde schon mehrere Anfragen. Bitte in einer Stunde erneut versuchen oder uns schreiben.',
  },
  en: {
    area_already_booked: 'Your organisation already books this service area (or has ordered it).',
    primary_members_only: 'Primary service areas are for member organisations only.',
    not_orderable: 'This entry cannot be ordered (planned or discontinued).',
    no_price_yet: 'No price holds for this entry on the start date asked for.',
    order_organisation_unknown: 'This organisation does not exist (any more), or you cannot order for it.',
    service_included: "This service is part of the area's flat rate and is booked with it.",
    addon_needs_area: 'Add-ons come only with a confirmed or running service area. Please order the area first.',
    terms_consent_required: 'Please accept the contract terms – there is no order without them.',
    shares_consent_required:
      'This area needs further mandatory shares of your organisation. Please agree to the declaration of the shares (§15b GenG).',
    shares_declared_by_member:
      "The declaration of further shares is the member's own (an admin or legal representative of the organisation).",
    change_too_early: 'The agreed terms do not allow the change that early.',
    change_not_period_start:
      'A decrease starts on the day after a possible cancellation date (see the notice and the term end).',
    cancel_date_not_allowed: 'Please choose one of the possible end dates.',
    change_nothing: 'The change does not change the booking.',
    too_many_requests:
      'Several requests came from here within the last hour. Please try again in an hour or write to us.',
  },
})
