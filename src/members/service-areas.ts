import type { Language } from '../platform/i18n.ts'

/**
 * The founders' primary service areas (members only, flat rate by size). Each booked area adds mandatory
 * shares by the statutes' formula. The service catalog will own these; until then they are this fixed list.
 */
export const primaryAreas = ['digital_infrastructure', 'it_helpdesk', 'managed_workplace'] as const
export type PrimaryArea = (typeof primaryAreas)[number]

const labels: Record<PrimaryArea, Record<Language, string>> = {
  digital_infrastructure: {
    de: 'Digitale Infrastruktur (Cloud-Arbeitsplatz)',
    en: 'Digital infrastructure (cloud workplace)',
  },
  it_helpdesk: { de: 'IT-Helpdesk', en: 'IT helpdesk' },
  managed_workplace: { de: 'Managed Workplace (Geräteverwaltung)', en: 'Managed workplace (device management)' },
}

export function primaryAreaLabel(area: string, lang: Language): string {
  return labels[area as PrimaryArea]?.[lang] ?? area
}
