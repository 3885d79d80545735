import { defineMessages } from '../platform/i18n.ts'

export const resolutionsText = defineMessages({
  de: {
    title: 'Beschlussregister',
    intro:
      'Jeder verbindliche Beschluss mit Text, Abstimmung, Datum und Fundstelle. Jeder Eintrag steht auch im fälschungssicher verketteten Journal (Nummer in der letzten Spalte).',
    none: 'Noch keine Beschlüsse, die du sehen darfst.',
    csv: 'Als CSV herunterladen',
    col_ref: 'Nummer',
    col_date: 'Datum',
    col_body: 'Gremium',
    col_text: 'Beschluss',
    col_votes: 'Abstimmung',
    col_outcome: 'Ergebnis',
    col_journal: 'Journal',
    outcome_adopted: 'angenommen',
    outcome_rejected: 'abgelehnt',
    outcome_elected: 'gewählt',
    outcome_no_result: 'ohne Ergebnis',
    source: 'Fundstelle',
  },
  en: {
    title: 'Register of resolutions',
    intro:
      'Every binding decision with its text, vote, date and where it is recorded. Each entry is also in the tamper-evident chained journal (number in the last column).',
    none: 'No resolutions you may see yet.',
    csv: 'Download as CSV',
    col_ref: 'Number',
    col_date: 'Date',
    col_body: 'Body',
    col_text: 'Resolution',
    col_votes: 'Vote',
    col_outcome: 'Outcome',
    col_journal: 'Journal',
    outcome_adopted: 'adopted',
    outcome_rejected: 'rejected',
    outcome_elected: 'elected',
    outcome_no_result: 'no result',
    source: 'Source',
  },
})
