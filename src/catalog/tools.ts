import type { Language } from '../platform/i18n.ts'

/**
 * The big-tech tools organisations use today and the catalog's services replace (the founders' list, with
 * Mailchimp for the newsletter tool). A service names the keys it replaces; the questionnaire asks for them.
 */
export const bigTechTools = [
  'google_workspace',
  'microsoft_365',
  'dropbox',
  'zoom',
  'teams',
  'slack',
  'trello',
  '1password',
  'calendly',
  'mailchimp',
  'other',
] as const
export type BigTechTool = (typeof bigTechTools)[number]

const labels: Record<BigTechTool, Record<Language, string>> = {
  google_workspace: { de: 'Google Workspace', en: 'Google Workspace' },
  microsoft_365: { de: 'Microsoft 365', en: 'Microsoft 365' },
  dropbox: { de: 'Dropbox', en: 'Dropbox' },
  zoom: { de: 'Zoom', en: 'Zoom' },
  teams: { de: 'Microsoft Teams', en: 'Microsoft Teams' },
  slack: { de: 'Slack', en: 'Slack' },
  trello: { de: 'Trello', en: 'Trello' },
  '1password': { de: '1Password', en: '1Password' },
  calendly: { de: 'Calendly', en: 'Calendly' },
  mailchimp: { de: 'Mailchimp', en: 'Mailchimp' },
  other: { de: 'Anderes', en: 'Other' },
}

export function toolLabel(tool: string, lang: Language): string {
  return labels[tool as BigTechTool]?.[lang] ?? tool
}
