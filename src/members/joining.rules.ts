import { monthsBetween, type PlainDate } from '../platform/dates.ts'
import { formatDate, formatEuro, type Language } from '../platform/i18n.ts'
import { mandatoryShares, paymentSchedule, type StatutesSettings } from '../statutes/statutes.rules.ts'
import type { ApplicationInput } from './applications.schema.ts'

export interface JoiningQuote {
  mandatoryShares: number
  voluntaryShares: number
  totalShares: number
  shareValueCents: number
  amountCents: number
  schedule: Array<{ dueOn: PlainDate; amountCents: number }>
  /** Set when the total exceeds the statutes' maximum per member. */
  overMaximum: boolean
}

/** What joining costs: mandatory shares by the statutes' formula, the voluntary ones on top, and the payment plan (§7 GenG). */
export function joiningQuote(
  settings: StatutesSettings,
  input: Pick<ApplicationInput, 'memberType' | 'employees' | 'annualBudgetCents' | 'primaryAreas' | 'voluntaryShares'>,
  startOn: PlainDate,
): JoiningQuote {
  const mandatory = mandatoryShares(settings, {
    memberType: input.memberType,
    employees: input.employees,
    annualBudgetCents: input.annualBudgetCents,
    primaryAreas: input.memberType === 'organisation' ? input.primaryAreas.length : 0,
  })
  const total = mandatory + input.voluntaryShares
  return {
    mandatoryShares: mandatory,
    voluntaryShares: input.voluntaryShares,
    totalShares: total,
    shareValueCents: settings.shareValueCents,
    amountCents: total * settings.shareValueCents,
    schedule: paymentSchedule(settings, total, startOn),
    overMaximum: total > settings.maximumShares,
  }
}

const texts = {
  de: {
    title: 'Beitrittserklärung',
    intro: (party: string, coop: string) =>
      `${party} erklärt den Beitritt zur ${coop} und übernimmt die folgenden Geschäftsanteile (§ 15 GenG).`,
    shares: (mandatory: number, voluntary: number, value: string, total: string) =>
      `Pflichtanteile: ${mandatory}, freiwillige weitere Anteile: ${voluntary}, je ${value}; zusammen ${total}.`,
    schedule: 'Einzahlungen (§ 7 GenG):',
    due: (months: number) => (months === 0 ? 'bei Aufnahme' : `${months} Monate nach der Aufnahme`),
    areas: 'Gewünschte Leistungsbereiche:',
    duties:
      'Ich verpflichte mich, die nach Gesetz und Satzung geschuldeten Einzahlungen auf die Geschäftsanteile zu leisten. ' +
      'Die Satzung enthält keine Nachschusspflicht; die Haftung ist auf die Geschäftsanteile beschränkt (§ 15a GenG).',
    statutes: (date: string) => `Es gilt die Satzung in der Fassung vom ${date}, die ich gelesen habe.`,
    privacy: 'Ich bin mit der Verarbeitung der Angaben für die Mitgliederliste (§ 30 GenG) einverstanden.',
    signer: (name: string, email: string) => `Erklärt in Textform von ${name} <${email}>.`,
  },
  en: {
    title: 'Membership declaration',
    intro: (party: string, coop: string) =>
      `${party} declares to join ${coop} and subscribes the following shares (§15 GenG).`,
    shares: (mandatory: number, voluntary: number, value: string, total: string) =>
      `Mandatory shares: ${mandatory}, further voluntary shares: ${voluntary}, at ${value} each; ${total} in total.`,
    schedule: 'Payments (§7 GenG):',
    due: (months: number) => (months === 0 ? 'on admission' : `${months} months after admission`),
    areas: 'Service areas wanted:',
    duties:
      'I undertake to make the payments on the shares owed under the law and the statutes. ' +
      'The statutes impose no obligation to make additional contributions; liability is limited to the shares (§15a GenG).',
    statutes: (date: string) => `The statutes as of ${date} apply; I have read them.`,
    privacy: 'I agree to the processing of these details for the member register (§30 GenG).',
    signer: (name: string, email: string) => `Declared in text form by ${name} <${email}>.`,
  },
}

/**
 * The exact text the applicant agrees to, stored with the declaration (text form, §126b BGB). `areaNames`: the
 * wanted primary areas as the catalog names them in the applicant's language.
 */
export function declarationText(
  lang: Language,
  input: { party: string; address: string; cooperative: string; signerName: string; signerEmail: string },
  quote: JoiningQuote,
  areaNames: string[],
  statutesValidFrom: PlainDate,
): string {
  const t = texts[lang]
  const lines = [
    `${t.title} – ${input.cooperative}`,
    '',
    `${input.party}, ${input.address}`,
    t.intro(input.party, input.cooperative),
    t.shares(
      quote.mandatoryShares,
      quote.voluntaryShares,
      formatEuro(quote.shareValueCents, lang),
      formatEuro(quote.amountCents, lang),
    ),
  ]
  if (areaNames.length > 0) lines.push(`${t.areas} ${areaNames.join(', ')}`)
  lines.push(t.schedule)
  const start = quote.schedule[0]?.dueOn
  for (const row of quote.schedule)
    lines.push(`– ${t.due(start ? monthsBetween(start, row.dueOn) : 0)}: ${formatEuro(row.amountCents, lang)}`)
  lines.push(
    '',
    t.duties,
    t.statutes(formatDate(statutesValidFrom, lang)),
    t.privacy,
    '',
    t.signer(input.signerName, input.signerEmail),
  )
  return lines.join('\n')
}

/**
 * The public form takes declarations from anyone: at most this many within an hour from one client address or
 * for one email address, so a script cannot flood the board's queue or send mails to strangers in bulk.
 */
export const publicApplicationLimit = { perAddress: 5, perEmail: 3, windowMinutes: 60 }
