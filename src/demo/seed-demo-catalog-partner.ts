import { createArea } from '../catalog/areas.actions.ts'
import { areaInput, serviceInput } from '../catalog/catalog.schema.ts'
import { addPriceVersion } from '../catalog/prices.actions.ts'
import { createProvider } from '../catalog/providers.actions.ts'
import { createService } from '../catalog/services.actions.ts'
import { setCatalogStatus } from '../catalog/status.actions.ts'
import type { Trx } from '../db/db.ts'
import { createOrganisation } from '../organisations/organisations.actions.ts'
import { organisationInput } from '../organisations/organisations.schema.ts'
import type { Actor } from '../platform/actor.ts'
import type { ActionEnv } from '../platform/context.ts'
import type { PlainDate } from '../platform/dates.ts'

/**
 * The demo's partner cooperative (ICA principle 6): a fictitious eG, listed as a provider, offering accessibility
 * workshops by the hour in an area of its own. Demo data only. Returns the partner's organisation, so the demo can
 * give it an admin who then sees "Meine Leistungen als Anbieter".
 */
export async function seedDemoCatalogPartner(
  trx: Trx,
  actor: Actor,
  env: ActionEnv,
  validFrom: PlainDate,
): Promise<{ organisationId: string }> {
  const org = await createOrganisation(
    trx,
    actor,
    organisationInput.parse({
      name: 'Datenwerk Leipzig eG',
      legalForm: 'eg',
      street: 'Karl-Liebknecht-Straße 30',
      postalCode: '04107',
      city: 'Leipzig',
      email: 'kontakt@datenwerk-leipzig.example',
      employees: 12,
    }),
    env,
  )
  await createProvider(
    trx,
    actor,
    {
      key: 'datenwerk',
      name: 'Datenwerk Leipzig eG',
      organisationId: org.id,
      website: 'https://datenwerk-leipzig.example',
      description: {
        de: 'IT-Genossenschaft aus Leipzig, spezialisiert auf barrierefreie Webangebote.',
        en: 'IT cooperative from Leipzig, specialised in accessible websites.',
      },
    },
    env,
  )
  await createArea(
    trx,
    actor,
    areaInput.parse({
      key: 'accessibility',
      kind: 'secondary',
      providerKey: 'datenwerk',
      position: 6,
      name: { de: 'Barrierefreiheit im Web', en: 'Web accessibility' },
      summary: {
        de: 'Prüfung und Workshops zu barrierefreien Websites (BITV, WCAG) – von unserer Partnergenossenschaft.',
        en: 'Audits and workshops on accessible websites (BITV, WCAG) – from our partner cooperative.',
      },
      included: {
        de: ['Prüfung nach WCAG 2.1 AA', 'Workshops für Redaktionen'],
        en: ['Audit against WCAG 2.1 AA', 'Workshops for editorial teams'],
      },
      terms: { noticeDays: 14, termEnd: 'day', minimumTermMonths: 0 },
    }),
    env,
  )
  await createService(
    trx,
    actor,
    serviceInput.parse({
      key: 'accessibility_audit',
      areaKey: 'accessibility',
      pricing: 'hourly',
      name: { de: 'Barrierefreiheitsprüfung', en: 'Accessibility audit' },
      summary: { de: 'Prüfung eurer Website mit Bericht.', en: 'An audit of your website with a report.' },
      unit: { de: 'Stunde', en: 'hour' },
    }),
    env,
  )
  await addPriceVersion(
    trx,
    actor,
    {
      serviceKey: 'accessibility_audit',
      validFrom,
      validUntil: null,
      vatPercent: 19,
      hourlyMemberCents: 8_000,
      hourlyNonMemberCents: 10_000,
      setupCents: 0,
      note: 'Beispielpreise der Demo',
    },
    env,
  )
  await setCatalogStatus(trx, actor, { areaKey: 'accessibility', status: 'orderable' }, env)
  await setCatalogStatus(trx, actor, { serviceKey: 'accessibility_audit', status: 'orderable' }, env)
  return { organisationId: org.id }
}
