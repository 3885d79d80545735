import { z } from '@hono/zod-openapi'
import { catalogKey } from '../catalog/prices.schema.ts'

/** Output schemas of the catalog API: the feed's document (docs/catalog-feed.md), prices, providers, quotes. */

const localised = z.object({ de: z.string(), en: z.string() }).openapi('LocalisedText')
const localisedList = z.object({ de: z.array(z.string()), en: z.array(z.string()) }).openapi('LocalisedList')
const cents = () => z.number().int()
const date = () => z.string().openapi({ format: 'date' })

export const keyParams = z.object({ key: catalogKey().openapi({ param: { name: 'key', in: 'path' } }) })

const tier = z
  .object({
    key: z.string(),
    fromEmployees: z.number().int().nullable(),
    fromVolunteers: z.number().int().nullable(),
    fromBudgetCents: z.number().int().nullable(),
    monthlyCents: cents(),
  })
  .openapi('FeedTier')

export const flatRateOutput = z
  .object({
    validFrom: date(),
    validUntil: date().nullable(),
    vatPercent: z.number(),
    setupCents: cents(),
    currency: z.literal('EUR'),
    tiers: z.array(tier),
  })
  .openapi('FlatRate')

const servicePrice = z
  .object({
    kind: z.enum(['flat_rate', 'addon', 'hourly']),
    validFrom: date(),
    validUntil: date().nullable(),
    vatPercent: z.number(),
    setupCents: cents(),
    currency: z.literal('EUR'),
    monthlyCents: cents().nullable(),
    hourlyMemberCents: cents().nullable(),
    hourlyNonMemberCents: cents().nullable(),
  })
  .openapi('ServicePrice')

export const serviceOutput = z
  .object({
    key: z.string(),
    pricing: z.enum(['included', 'addon', 'hourly']),
    status: z.enum(['planned', 'orderable', 'discontinued']),
    provider: z.string().openapi({ description: 'Key of the provider' }),
    name: localised,
    summary: localised,
    description: localised,
    included: localisedList,
    software: z.array(z.string()),
    replaces: z.array(z.string()),
    dataLocation: z.string(),
    energySource: z.string(),
    backupPolicy: z.string(),
    sso: z.enum(['none', 'oidc', 'saml', 'ldap']),
    unit: localised,
    price: servicePrice.nullable(),
    upcomingPrices: z.array(servicePrice),
  })
  .openapi('CatalogService')

export const areaOutput = z
  .object({
    key: z.string(),
    kind: z.enum(['primary', 'secondary']),
    status: z.enum(['planned', 'orderable', 'discontinued']),
    position: z.number().int(),
    provider: z.string().openapi({ description: 'Key of the provider' }),
    name: localised,
    summary: localised,
    description: localised,
    included: localisedList,
    terms: z.object({
      noticeDays: z.number().int(),
      termEnd: z.enum(['day', 'month', 'quarter', 'year']),
      minimumTermMonths: z.number().int(),
      text: localised,
    }),
    configFields: z.array(
      z.object({
        key: z.string(),
        labelDe: z.string(),
        labelEn: z.string(),
        type: z.enum(['text', 'number', 'choice']),
        required: z.boolean(),
        choices: z.array(z.string()).optional(),
      }),
    ),
    flatRate: flatRateOutput.nullable(),
    upcomingPrices: z.array(flatRateOutput),
    services: z.array(serviceOutput),
  })
  .openapi('CatalogArea')

export const feedOutput = z
  .object({
    format: z.literal('allmende-catalog'),
    version: z.literal(1),
    generatedAt: z.string().openapi({ format: 'date-time', description: 'Last change of the catalog data' }),
    validOn: date().openapi({ description: 'The day whose prices `flatRate` and `price` are' }),
    publisher: z.object({ name: z.string(), url: z.string() }),
    providers: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        cooperative: z.boolean().openapi({ description: 'true: the publishing cooperative itself' }),
        website: z.string().nullable(),
        description: localised,
      }),
    ),
    areas: z.array(areaOutput),
  })
  .openapi('CatalogFeed')

export const priceVersionOutput = z
  .object({
    id: z.string().uuid(),
    areaKey: z.string().nullable(),
    serviceKey: z.string().nullable(),
    kind: z.enum(['flat_rate', 'addon', 'hourly']),
    validFrom: date(),
    validUntil: date().nullable(),
    vatPercent: z.number(),
    currency: z.literal('EUR'),
    tiers: z.array(tier),
    monthlyCents: cents().nullable(),
    setupCents: cents(),
    hourlyMemberCents: cents().nullable(),
    hourlyNonMemberCents: cents().nullable(),
    note: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
  })
  .openapi('PriceVersion')

export const providerOutput = z
  .object({
    key: z.string(),
    name: z.string(),
    cooperative: z.boolean(),
    organisationId: z.string().uuid().nullable(),
    website: z.string().nullable(),
    description: localised,
    archived: z.boolean(),
  })
  .openapi('Provider')

export const quoteOutput = z
  .object({
    validOn: date(),
    statutesValidFrom: date(),
    capitalMonths: z.number().int(),
    currency: z.literal('EUR'),
    areas: z.array(
      z.object({
        key: z.string(),
        tierKey: z.string().nullable(),
        monthlyNetCents: cents().nullable(),
        setupNetCents: cents(),
        vatPercent: z.number().nullable(),
      }),
    ),
    monthlyNetCents: cents(),
    monthlyVatCents: cents(),
    monthlyGrossCents: cents(),
    setupNetCents: cents(),
    unpricedAreas: z.array(z.string()),
    shares: z.object({
      mandatory: z.number().int(),
      suggested: z.number().int(),
      shareValueCents: cents(),
      mandatoryCents: cents(),
      suggestedCents: cents(),
    }),
    hours: z.array(
      z.object({
        areaKey: z.string(),
        hours: z.number().int(),
        memberRateCents: cents().nullable(),
        nonMemberRateCents: cents().nullable(),
        memberNetCents: cents().nullable(),
        nonMemberNetCents: cents().nullable(),
        vatPercent: z.number().nullable(),
      }),
    ),
  })
  .openapi('Quote')
