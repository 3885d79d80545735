import { defineMessages, type Language, translate } from '../platform/i18n.ts'

/** The statutes page (readable rules, versions) and the board's form for a new version. */
export const statutesText = defineMessages({
  de: {
    title: 'Satzung',
    intro:
      'Die Regeln der Satzung, nach denen Allmende rechnet. Jede Änderung ist eine neue Fassung, die ab ihrem Datum gilt; was unter einer früheren Fassung berechnet wurde, bleibt gültig.',
    in_force: 'In Kraft ist die Fassung vom {date}.',
    note_label: 'Anmerkung',
    future_notice: 'Angekündigt: Ab dem {date} gilt eine neue Fassung.',
    future_link: 'Die neue Fassung ansehen',
    version_title: 'Satzung in der Fassung vom {date}',
    version_state_current: 'Diese Fassung ist heute in Kraft.',
    version_state_future: 'Diese Fassung gilt ab dem {date}; heute gilt noch die vorige.',
    version_state_past: 'Diese Fassung ist durch eine spätere abgelöst.',
    back: 'Zur geltenden Satzung',
    section_shares: 'Geschäftsanteile',
    section_payment: 'Einzahlungen',
    section_membership: 'Kündigung und Geschäftsjahr',
    section_governance: 'Generalversammlung und Aufnahme',
    share_one: '1 Anteil',
    share_other: '{n} Anteile',
    member_one: '1 Mitglied',
    member_other: '{n} Mitglieder',
    share_value: 'Ein Geschäftsanteil beträgt {value}.',
    org_formula:
      'Mitgliedsorganisationen übernehmen Pflichtanteile nach ihrer Größe (Tabelle) und zusätzlich {perArea} je gebuchtem Primärleistungsbereich. Eine Organisation gehört zur höchsten Stufe, deren Schwelle sie bei den Beschäftigten oder beim Jahresbudget erreicht.',
    fixed_shares:
      'Beschäftigte der Genossenschaft übernehmen {employee} als Pflichtanteile, Fördermitglieder {supporting}.',
    min_max: 'Jedes Mitglied hält mindestens {min} und höchstens {max}.',
    voluntary:
      'Weitere freiwillige Anteile sind bis zur Höchstzahl möglich. Sie brauchen eine eigene Erklärung (§ 15b GenG) und können getrennt gekündigt werden (§ 67b GenG).',
    payment_instalments:
      'Bei der Aufnahme sind mindestens {percent} % des Betrags der übernommenen Anteile einzuzahlen (§ 7 GenG verlangt mindestens ein Zehntel). Der Rest folgt in {count} gleichen Raten im Abstand von {interval} Monaten.',
    payment_full: 'Der volle Betrag der übernommenen Anteile ist bei der Aufnahme einzuzahlen (§ 7 GenG).',
    notice:
      'Eine Kündigung wirkt nur zum Ende eines Geschäftsjahres und muss mindestens {months} Monate vorher erklärt werden (§ 65 GenG).',
    fiscal_calendar: 'Das Geschäftsjahr ist das Kalenderjahr.',
    fiscal_from: 'Das Geschäftsjahr beginnt am 1. {month}.',
    one_vote: 'Jedes Mitglied hat eine Stimme, gleich wie viele Anteile es hält (§ 43 GenG).',
    supporting_vote_yes: 'Fördermitglieder (investierende Mitglieder, § 8 Abs. 2 GenG) haben Stimmrecht.',
    supporting_vote_no:
      'Fördermitglieder (investierende Mitglieder, § 8 Abs. 2 GenG) nehmen an der Generalversammlung teil und können sprechen, haben aber kein Stimmrecht.',
    proxy: 'Eine bevollmächtigte Person kann höchstens {members} vertreten (§ 43 Abs. 5 GenG).',
    admission_one:
      'Über die Aufnahme entscheidet der Vorstand (§ 15 GenG); die Zustimmung eines Vorstandsmitglieds genügt.',
    admission_two:
      'Über die Aufnahme entscheidet der Vorstand (§ 15 GenG); zwei verschiedene Vorstandsmitglieder müssen zustimmen.',
    plural_votes_none: 'Mehrstimmrechte gibt es nicht (§ 43 Abs. 3 GenG).',
    plural_votes:
      'Mitglieder, die den Geschäftsbetrieb besonders fördern, können bis zu {max} Stimmen haben (Mehrstimmrechte, § 43 Abs. 3 GenG); bei Beschlüssen, die drei Viertel der abgegebenen Stimmen brauchen, hat jedes Mitglied nur eine Stimme.',
    demand:
      'Mitglieder, die zusammen mindestens {percent} % der Mitglieder ausmachen, können die Einberufung einer Generalversammlung oder die Ankündigung von Gegenständen zur Beschlussfassung verlangen (§ 45 Abs. 1 GenG).',
    written_votes_yes:
      'Auch zwischen den Versammlungen können die Mitglieder schriftlich oder elektronisch abstimmen (§ 43 Abs. 7 GenG).',
    written_votes_no:
      'Beschlüsse werden in der Generalversammlung gefasst; schriftliche oder elektronische Abstimmungen außerhalb einer Versammlung sieht die Satzung nicht vor.',
    invitation:
      'Zur Generalversammlung wird mindestens {days} Tage vorher mit der Tagesordnung eingeladen (§ 46 Abs. 1 GenG). Gegenstände, die nicht mindestens {agenda} Tage vorher angekündigt sind, können nicht beschlossen werden (§ 46 Abs. 2 GenG).',
    tiers_caption: 'Pflichtanteile von Organisationen nach Größe',
    tier: 'Größenstufe',
    from_employees: 'ab Beschäftigten',
    from_budget: 'oder ab Jahresbudget',
    tier_shares: 'Pflichtanteile',
    tier_small: 'klein',
    tier_medium: 'mittel',
    tier_large: 'groß',
    tier_very_large: 'sehr groß',
    versions: 'Alle Fassungen',
    valid_from: 'Gilt ab',
    note: 'Anmerkung',
    adopted_by: 'Beschlossen von',
    adopted_at: 'Eingetragen am',
    state: 'Stand',
    state_current: 'in Kraft',
    state_future: 'angekündigt',
    state_past: 'abgelöst',
    new_button: 'Neue Fassung beschließen',
    new_title: 'Neue Fassung der Satzung',
    new_intro:
      'Die Felder zeigen die heute geltende Fassung. Die neue Fassung gilt ab dem gewählten Tag (frühestens heute, nicht am Tag einer bestehenden Fassung); bestehende Fassungen werden nie geändert.',
    share_value_field: 'Wert eines Anteils (Euro)',
    minimum_shares: 'Mindestzahl an Anteilen je Mitglied',
    maximum_shares: 'Höchstzahl an Anteilen je Mitglied',
    shares_per_area: 'Weitere Pflichtanteile je Primärleistungsbereich',
    employee_shares: 'Pflichtanteile von Beschäftigten der Genossenschaft',
    supporting_shares: 'Pflichtanteile von Fördermitgliedern',
    minimum_payment: 'Einzahlung bei der Aufnahme (Prozent, mindestens 10)',
    instalment_count: 'Weitere Raten (Anzahl)',
    instalment_interval: 'Abstand der Raten (Monate)',
    notice_months: 'Kündigungsfrist (Monate, 3 bis 60)',
    fiscal_year_start: 'Das Geschäftsjahr beginnt im',
    supporting_vote_field: 'Fördermitglieder haben Stimmrecht',
    proxy_limit: 'Höchstzahl vertretener Mitglieder je bevollmächtigter Person',
    admission_approvals: 'Zustimmungen zur Aufnahme (verschiedene Vorstandsmitglieder)',
    plural_votes_field: 'Höchstzahl der Stimmen je Mitglied (1 = keine Mehrstimmrechte, höchstens 3)',
    demand_percent_field: 'Anteil der Mitglieder, die eine Versammlung verlangen können (Prozent, 1 bis 10)',
    written_votes_field: 'Schriftliche oder elektronische Abstimmungen zwischen den Versammlungen erlaubt',
    invitation_days_field: 'Einladungsfrist (Tage, mindestens 14)',
    agenda_days_field: 'Frist für die Ankündigung von Tagesordnungspunkten (Tage, mindestens 7)',
    tiers_legend: 'Größenstufen',
    tiers_hint:
      'Leere Zeilen werden ignoriert. Die erste Stufe beginnt bei 0 Beschäftigten und 0 €; die Schwellen steigen von Zeile zu Zeile.',
    tier_row: 'Stufe {n}',
    tier_key: 'Schlüssel',
    tier_from_employees: 'ab Beschäftigten',
    tier_from_budget: 'ab Jahresbudget (Euro)',
    tier_shares_field: 'Pflichtanteile',
    section_rules: 'Regeln',
    section_validity: 'Geltung',
    valid_from_field: 'Gilt ab',
    note_field: 'Anmerkung (z. B. Beschluss der Generalversammlung vom …)',
    adopt: 'Fassung beschließen',
    adopted_flash: 'Die Fassung ab dem {date} ist beschlossen.',
    cancel: 'Abbrechen',
  },
  en: {
    title: 'Statutes',
    intro:
      'The rules of the statutes that Allmende computes with. Every change is a new version that applies from its date; what was computed under an earlier version stays valid.',
    in_force: 'The version of {date} is in force.',
    note_label: 'Note',
    future_notice: 'Announced: a new version applies from {date}.',
    future_link: 'Read the new version',
    version_title: 'Statutes as of {date}',
    version_state_current: 'This version is in force today.',
    version_state_future: 'This version applies from {date}; the previous one is still in force today.',
    version_state_past: 'This version has been superseded by a later one.',
    back: 'To the statutes in force',
    section_shares: 'Shares',
    section_payment: 'Payments',
    section_membership: 'Termination and fiscal year',
    section_governance: 'General assembly and admission',
    share_one: '1 share',
    share_other: '{n} shares',
    member_one: '1 member',
    member_other: '{n} members',
    share_value: 'One share is worth {value}.',
    org_formula:
      'Member organisations subscribe mandatory shares by their size (table) and {perArea} more per booked primary service area. An organisation belongs to the highest tier whose threshold it reaches in employees or in annual budget.',
    fixed_shares:
      'Employees of the cooperative subscribe {employee} as mandatory shares, supporting members {supporting}.',
    min_max: 'Every member holds at least {min} and at most {max}.',
    voluntary:
      'Further voluntary shares are possible up to the maximum. They need a declaration of their own (§15b GenG) and can be terminated separately (§67b GenG).',
    payment_instalments:
      'On admission at least {percent} % of the value of the shares subscribed is due (§7 GenG requires at least one tenth). The rest follows in {count} equal instalments every {interval} months.',
    payment_full: 'The full value of the shares subscribed is due on admission (§7 GenG).',
    notice:
      'A termination takes effect only at the end of a fiscal year and must be given at least {months} months before (§65 GenG).',
    fiscal_calendar: 'The fiscal year is the calendar year.',
    fiscal_from: 'The fiscal year starts on 1 {month}.',
    one_vote: 'Every member has one vote, however many shares it holds (§43 GenG).',
    supporting_vote_yes: 'Supporting members (investing members, §8 (2) GenG) have a vote.',
    supporting_vote_no:
      'Supporting members (investing members, §8 (2) GenG) attend the general assembly and may speak, but have no vote.',
    proxy: 'A proxy holder may represent at most {members} (§43 (5) GenG).',
    admission_one: 'The board decides on admission (§15 GenG); the approval of one board member suffices.',
    admission_two: 'The board decides on admission (§15 GenG); two distinct board members must approve.',
    plural_votes_none: 'There are no plural votes (§43 (3) GenG).',
    plural_votes:
      'Members who especially further the business may hold up to {max} votes (plural votes, §43 (3) GenG); on decisions that need three quarters of the votes cast every member has one vote.',
    demand:
      'Members who together make up at least {percent} % of the members may demand that a general assembly be convened or that items be announced for decision (§45 (1) GenG).',
    written_votes_yes: 'Members may also vote in writing or electronically between assemblies (§43 (7) GenG).',
    written_votes_no:
      'Decisions are taken in the general assembly; the statutes provide for no written or electronic votes outside an assembly.',
    invitation:
      'The general assembly is convened at least {days} days ahead with the agenda (§46 (1) GenG). Items not announced at least {agenda} days ahead cannot be decided (§46 (2) GenG).',
    tiers_caption: 'Mandatory shares of organisations by size',
    tier: 'Size tier',
    from_employees: 'from employees',
    from_budget: 'or from annual budget',
    tier_shares: 'Mandatory shares',
    tier_small: 'small',
    tier_medium: 'medium',
    tier_large: 'large',
    tier_very_large: 'very large',
    versions: 'All versions',
    valid_from: 'Valid from',
    note: 'Note',
    adopted_by: 'Adopted by',
    adopted_at: 'Recorded on',
    state: 'State',
    state_current: 'in force',
    state_future: 'announced',
    state_past: 'superseded',
    new_button: 'Adopt a new version',
    new_title: 'New version of the statutes',
    new_intro:
      'The fields show the version in force today. The new version applies from the chosen day (today at the earliest, not on the day of an existing version); existing versions are never changed.',
    share_value_field: 'Value of one share (euro)',
    minimum_shares: 'Minimum shares per member',
    maximum_shares: 'Maximum shares per member',
    shares_per_area: 'Further mandatory shares per primary service area',
    employee_shares: 'Mandatory shares of the cooperative’s employees',
    supporting_shares: 'Mandatory shares of supporting members',
    minimum_payment: 'Payment on admission (percent, at least 10)',
    instalment_count: 'Further instalments (number)',
    instalment_interval: 'Months between instalments',
    notice_months: 'Notice period (months, 3 to 60)',
    fiscal_year_start: 'The fiscal year starts in',
    supporting_vote_field: 'Supporting members have a vote',
    proxy_limit: 'Most members one proxy holder may represent',
    admission_approvals: 'Approvals for an admission (distinct board members)',
    plural_votes_field: 'Most votes per member (1 = no plural votes, at most 3)',
    demand_percent_field: 'Share of members who may demand an assembly (percent, 1 to 10)',
    written_votes_field: 'Written or electronic votes between assemblies allowed',
    invitation_days_field: 'Invitation period (days, at least 14)',
    agenda_days_field: 'Period for announcing agenda items (days, at least 7)',
    tiers_legend: 'Size tiers',
    tiers_hint:
      'Empty rows are ignored. The first tier starts at 0 employees and 0 €; the thresholds rise from row to row.',
    tier_row: 'Tier {n}',
    tier_key: 'Key',
    tier_from_employees: 'from employees',
    tier_from_budget: 'from annual budget (euro)',
    tier_shares_field: 'Mandatory shares',
    section_rules: 'Rules',
    section_validity: 'Validity',
    valid_from_field: 'Valid from',
    note_field: 'Note (e.g. resolution of the general assembly of …)',
    adopt: 'Adopt the version',
    adopted_flash: 'The version from {date} has been adopted.',
    cancel: 'Cancel',
  },
})
export type StatutesKey = keyof typeof statutesText.de

const monthNames = {
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
}

export function monthName(month: number, lang: Language): string {
  return monthNames[lang][month - 1] ?? String(month)
}

/** A size tier's name: the model statutes' keys have names, others show their key. */
export function tierLabel(key: string, lang: Language): string {
  const known = ['small', 'medium', 'large', 'very_large']
  return known.includes(key) ? translate(statutesText, lang, `tier_${key}` as StatutesKey) : key
}

export function sharesPhrase(n: number, lang: Language): string {
  return translate(statutesText, lang, n === 1 ? 'share_one' : 'share_other', { n })
}

export function membersPhrase(n: number, lang: Language): string {
  return translate(statutesText, lang, n === 1 ? 'member_one' : 'member_other', { n })
}
