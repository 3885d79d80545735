import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  checkEmail,
  checkIban,
  checkLeitwegId,
  checkPostalCode,
  checkVatId,
  germanVatCheckDigitValid,
  hasControlChars,
} from './validation.ts'

test('email addresses', () => {
  for (const ok of ['a@b.de', 'vorname.nachname+tag@verein.example', 'x@sub.domain.org'])
    assert.equal(checkEmail(ok).ok, true, ok)
  for (const bad of ['', 'no-at', 'a@b', 'a b@c.de', 'a@b.c', '<a>@b.de', `${'x'.repeat(250)}@b.de`])
    assert.equal(checkEmail(bad).ok, false, bad)
})

test('postal codes: five digits in Germany, a looser rule elsewhere', () => {
  assert.deepEqual(checkPostalCode(' 10115 ', 'DE'), { ok: true, value: '10115' })
  for (const bad of ['1011', '101155', 'ABCDE', '10 115']) assert.equal(checkPostalCode(bad, 'DE').ok, false, bad)
  assert.equal(checkPostalCode('1010', 'AT').ok, true)
  assert.equal(checkPostalCode('SW1A 1AA', 'GB').ok, true)
  assert.equal(checkPostalCode('!', 'GB').ok, false)
})

test('German VAT ids carry a MOD 11,10 check digit', () => {
  assert.equal(germanVatCheckDigitValid('136695976'), true)
  assert.deepEqual(checkVatId('DE 136 695 976'), { ok: true, value: 'DE136695976' })
  assert.deepEqual(checkVatId('DE136695977'), { ok: false, error: 'vat_id_checksum' })
  assert.deepEqual(checkVatId('DE12345'), { ok: false, error: 'vat_id_invalid' })
  assert.equal(checkVatId('ATU12345678').ok, true)
  assert.deepEqual(checkVatId('12345'), { ok: false, error: 'vat_id_invalid' })
})

test('IBANs are checked by ibantools and normalised', () => {
  assert.deepEqual(checkIban('DE89 3704 0044 0532 0130 00'), { ok: true, value: 'DE89370400440532013000' })
  assert.equal(checkIban('DE89 3704 0044 0532 0130 01').ok, false)
  assert.equal(checkIban('hello').ok, false)
})

test('Leitweg ids check their MOD 97-10 digits', () => {
  assert.equal(checkLeitwegId('04011000-1234512345-06').ok, true)
  assert.equal(checkLeitwegId('991-33333TEST-33').ok, true)
  assert.equal(checkLeitwegId('04011000-1234512345-07').ok, false)
  assert.equal(checkLeitwegId('abc').ok, false)
})

test('control characters are found, ordinary text passes', () => {
  assert.equal(hasControlChars('Grüße\tund\nZeilen'), false)
  assert.equal(hasControlChars('a\u0000b'), true)
  assert.equal(hasControlChars('a\u001bb'), true)
})
