import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fromWallTime } from '../events/event-time.ts'
import { defaultStatutes } from '../statutes/statutes.rules.ts'
import {
  agendaAdditionProblem,
  assemblyFieldIssues,
  assemblyRef,
  decidable,
  demandThreshold,
  governanceSettings,
  invitationInTime,
  lastAgendaDay,
  lastInvitationDay,
  memberOn,
  proxySlotFree,
  quorum,
  votesOf,
} from './assembly.rules.ts'

const berlin = (date: string, time = '18:00') => fromWallTime(date, time)!
const settings = governanceSettings(defaultStatutes)
const ga = (startsAt: Date, invitedAt: Date | null = null) => ({
  body: 'general_assembly' as const,
  startsAt,
  invitedAt,
})

test('governance settings: defaults 14/7/10/1 and the law’s bounds whatever the statutes say', () => {
  assert.deepEqual(
    { ...settings },
    {
      invitationDays: 14,
      agendaDays: 7,
      demandPercent: 10,
      pluralVotesMax: 1,
      proxyLimit: 2,
      supportingMembersVote: false,
      quorumPercent: null,
    },
  )
  // §46 (1), (2) GenG: the statutes may lengthen the periods, never shorten them
  const s = governanceSettings({ ...defaultStatutes, invitationDays: 7, agendaDays: 3 } as never)
  assert.equal(s.invitationDays, 14)
  assert.equal(s.agendaDays, 7)
  const longer = governanceSettings({ ...defaultStatutes, invitationDays: 21, agendaDays: 10 } as never)
  assert.equal(longer.invitationDays, 21)
  assert.equal(longer.agendaDays, 10)
  // §45 (1) GenG: at most a tenth; §43 (3): plural votes at most 3; §43 (5): a holder for at most 2
  assert.equal(governanceSettings({ ...defaultStatutes, demandPercent: 25 } as never).demandPercent, 10)
  assert.equal(governanceSettings({ ...defaultStatutes, demandPercent: 5 } as never).demandPercent, 5)
  assert.equal(governanceSettings({ ...defaultStatutes, pluralVotesMax: 5 } as never).pluralVotesMax, 3)
  assert.equal(governanceSettings({ ...defaultStatutes, proxyLimit: 1 }).proxyLimit, 1)
})

test('§46 (1) GenG: the invitation at least two weeks before the assembly’s day, at the edge', () => {
  const startsAt = berlin('2027-06-30', '18:00')
  assert.equal(lastInvitationDay(startsAt, settings), '2027-06-16')
  // late evening on the last day (Berlin) is still in time; the next morning is not
  assert.equal(invitationInTime(berlin('2027-06-16', '23:59'), startsAt, settings), true)
  assert.equal(invitationInTime(berlin('2027-06-17', '00:00'), startsAt, settings), false)
  assert.equal(invitationInTime(berlin('2027-06-01', '09:00'), startsAt, settings), true)
  // a longer period of the statutes moves the last day back
  assert.equal(lastInvitationDay(startsAt, { invitationDays: 21 }), '2027-06-09')
  // the Berlin day counts, not UTC: 00:30 in Berlin on the 30th is still the 29th in UTC
  assert.equal(lastInvitationDay(berlin('2027-06-30', '00:30'), settings), '2027-06-16')
})

test('§46 (2) GenG: items announced less than a week ahead cannot be decided; information never is', () => {
  const startsAt = berlin('2027-06-30')
  assert.equal(lastAgendaDay(startsAt, settings), '2027-06-23')
  const invitedAt = berlin('2027-06-01', '10:00')
  const motion = (added: Date) => ({ kind: 'motion' as const, addedAt: added })
  // on the agenda when invited: announced with the invitation
  assert.equal(decidable(motion(berlin('2027-05-20')), ga(startsAt, invitedAt), settings), true)
  // added later: announced when added, exactly 7 days ahead is in time, 6 is not
  assert.equal(decidable(motion(berlin('2027-06-23', '23:00')), ga(startsAt, invitedAt), settings), true)
  assert.equal(decidable(motion(berlin('2027-06-24', '08:00')), ga(startsAt, invitedAt), settings), false)
  assert.equal(
    decidable({ kind: 'information', addedAt: berlin('2027-05-01') }, ga(startsAt, invitedAt), settings),
    false,
  )
  assert.equal(
    decidable(
      { ...motion(berlin('2027-05-01')), withdrawnAt: berlin('2027-05-02') },
      ga(startsAt, invitedAt),
      settings,
    ),
    false,
  )
  // a board meeting is not bound by §46
  assert.equal(decidable(motion(berlin('2027-06-29')), { ...ga(startsAt), body: 'board' }, settings), true)
})

test('§46 (2) GenG: adding an item for decision 3 days before is refused, for information only it is not', () => {
  const startsAt = berlin('2027-06-30')
  const now = berlin('2027-06-27', '10:00')
  assert.equal(agendaAdditionProblem('motion', now, ga(startsAt, berlin('2027-06-01')), settings), 'agenda_too_late')
  assert.equal(agendaAdditionProblem('election', now, ga(startsAt, berlin('2027-06-01')), settings), 'agenda_too_late')
  assert.equal(agendaAdditionProblem('information', now, ga(startsAt, berlin('2027-06-01')), settings), null)
  assert.equal(agendaAdditionProblem('motion', berlin('2027-06-23', '10:00'), ga(startsAt), settings), null)
  assert.equal(agendaAdditionProblem('motion', now, { ...ga(startsAt), body: 'committee' }, settings), null)
})

test('assembly fields: order of times, place and link by form, the stretched voting phase, the register date', () => {
  const now = berlin('2027-01-01')
  const base = {
    body: 'general_assembly' as const,
    form: 'in_person' as const,
    startsAt: berlin('2027-06-30', '18:00'),
    endsAt: berlin('2027-06-30', '21:00'),
    location: 'Berlin',
    onlineUrl: null,
    votingStartsAt: null,
    votingEndsAt: null,
    registerDate: '2027-06-30',
  }
  const paths = (over: Partial<typeof base> | Record<string, unknown>, startChanged = true) =>
    assemblyFieldIssues({ ...base, ...over } as typeof base, { now, startChanged }).map((i) => `${i.path}:${i.message}`)
  assert.deepEqual(paths({}), [])
  assert.deepEqual(paths({ endsAt: base.startsAt }), ['endsAt:ends_before_start'])
  assert.deepEqual(
    paths({ startsAt: berlin('2026-12-01'), endsAt: berlin('2026-12-01', '20:00'), registerDate: '2026-12-01' }),
    ['startsAt:starts_in_past'],
  )
  assert.deepEqual(paths({ location: ' ' }), ['location:assembly_location_required'])
  assert.deepEqual(paths({ form: 'virtual', location: '' }), ['onlineUrl:assembly_link_required'])
  assert.deepEqual(paths({ form: 'hybrid', location: '' }), [
    'location:assembly_location_required',
    'onlineUrl:assembly_link_required',
  ])
  assert.deepEqual(paths({ form: 'stretched', location: '' }), ['votingStartsAt:required', 'votingEndsAt:required'])
  assert.deepEqual(
    paths({
      form: 'stretched',
      endsAt: berlin('2027-07-14', '18:00'),
      votingStartsAt: berlin('2027-07-07', '09:00'),
      votingEndsAt: berlin('2027-07-14', '18:00'),
    }),
    [],
  )
  assert.deepEqual(
    paths({ form: 'stretched', votingStartsAt: berlin('2027-06-29'), votingEndsAt: berlin('2027-07-01') }),
    ['votingStartsAt:voting_before_discussion', 'votingEndsAt:voting_after_end'],
  )
  assert.deepEqual(paths({ registerDate: '2027-07-01' }), ['registerDate:register_date_after_assembly'])
})

test('the roll: a member on a date as the register has it; one member one vote (§43 (3)), supporting §8 (2)', () => {
  assert.equal(memberOn({ joinedOn: '2027-01-10', exitOn: null }, '2027-01-10'), true)
  assert.equal(memberOn({ joinedOn: '2027-01-10', exitOn: null }, '2027-01-09'), false)
  // the exit date is the membership's last day (§65 GenG: to the end of the fiscal year)
  assert.equal(memberOn({ joinedOn: '2020-01-01', exitOn: '2026-12-31' }, '2026-12-31'), true)
  assert.equal(memberOn({ joinedOn: '2020-01-01', exitOn: '2026-12-31' }, '2027-01-01'), false)
  assert.equal(votesOf('organisation', settings), 1)
  assert.equal(votesOf('employee', settings), 1)
  assert.equal(votesOf('supporting', settings), 0)
  assert.equal(votesOf('supporting', { supportingMembersVote: true }), 1)
})

test('§43 (5) GenG: a holder takes at most proxyLimit proxies', () => {
  assert.equal(proxySlotFree(0, settings), true)
  assert.equal(proxySlotFree(1, settings), true)
  assert.equal(proxySlotFree(2, settings), false)
  assert.equal(proxySlotFree(1, { proxyLimit: 1 }), false)
})

test('§45 (1) GenG: a tenth of the members, rounded up; quorum only where the statutes set one (§43 knows none)', () => {
  assert.equal(demandThreshold(100, settings), 10)
  assert.equal(demandThreshold(101, settings), 11)
  assert.equal(demandThreshold(3, settings), 1)
  assert.equal(demandThreshold(0, settings), 1)
  assert.deepEqual(quorum(40, 3, settings), { required: false })
  assert.deepEqual(quorum(40, 10, { quorumPercent: 25 }), { required: true, needed: 10, reached: true })
  assert.deepEqual(quorum(40, 9, { quorumPercent: 25 }), { required: true, needed: 10, reached: false })
})

test('assembly references', () => {
  assert.equal(assemblyRef('general_assembly', 2027, 4), 'GV-2027-004')
  assert.equal(assemblyRef('board', 2027, 1234), 'SI-2027-1234')
})
