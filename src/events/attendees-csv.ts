import { csvCell, csvSeparator } from '../members/register-csv.ts'
import { formatDateTime, type Language, translator } from '../platform/i18n.ts'
import { eventsText } from './events.messages.ts'
import type { EventView, RegistrationView } from './events.model.ts'
import { manageText } from './manage.messages.ts'

/**
 * The attendee list as CSV for spreadsheets, the way the member register is exported: `;` as separator, a UTF-8
 * byte order mark, CRLF, and every cell that would start a formula prefixed with `'` (CSV injection).
 * Confirmed people first, then the waiting list in its order; cancelled registrations are left out.
 */
export function attendeesCsv(
  event: EventView,
  lists: { confirmed: RegistrationView[]; waitlisted: RegistrationView[] },
  lang: Language,
): string {
  const t = translator(manageText, lang)
  const e = translator(eventsText, lang)
  const head = [
    t('col_ref'),
    t('csv_status'),
    t('col_rank'),
    t('col_name'),
    t('col_email'),
    t('col_organisation'),
    t('col_member'),
    t('col_price'),
    t('col_registered'),
    t('col_promoted'),
  ]
  const lines = [head.map(csvCell).join(csvSeparator)]
  for (const r of [...lists.confirmed, ...lists.waitlisted])
    lines.push(
      [
        event.ref,
        e(r.status === 'confirmed' ? 'status_confirmed' : 'status_waitlisted'),
        r.waitingRank,
        r.name,
        r.email,
        r.organisationName,
        r.isMember ? t('yes') : t('no'),
        (r.grossCents / 100).toFixed(2).replace('.', lang === 'de' ? ',' : '.'),
        formatDateTime(r.registeredAt, lang),
        r.promotedAt ? formatDateTime(r.promotedAt, lang) : null,
      ]
        .map(csvCell)
        .join(csvSeparator),
    )
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
