import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toWinAnsi, wrapText } from './pdf-text.ts'

test('toWinAnsi keeps German text, €, typographic quotes and dashes', () => {
  const text = 'Geschäftsguthaben: 300,00\u00a0€ – „Größe“ ÄÖÜäöüß'
  assert.equal(toWinAnsi(text), text)
})

test('toWinAnsi shows letters outside the standard fonts as their base letter, else as ?', () => {
  assert.equal(toWinAnsi('Łukasz Dvořák, Şişli, Őrs'), 'Lukasz Dvorák, Sisli, Ors')
  assert.equal(toWinAnsi('a\u2212b \u2192 c'), 'a-b -> c')
  assert.equal(toWinAnsi('東京'), '??')
  assert.equal(toWinAnsi('e\u0301'), 'é', 'combining accents are composed first')
})

test('toWinAnsi drops control characters, keeps line breaks, turns tabs into spaces', () => {
  assert.equal(toWinAnsi('a\r\nb\u0007\tc'), 'a\nb c')
})

const measure = (text: string) => text.length

test('wrapText breaks at spaces, at line breaks and inside words longer than a line', () => {
  assert.deepEqual(wrapText('eins zwei drei vier', 9, measure), ['eins zwei', 'drei vier'])
  assert.deepEqual(wrapText('eins\n\nzwei', 20, measure), ['eins', '', 'zwei'])
  assert.deepEqual(wrapText('ab 0123456789abc', 5, measure), ['ab', '01234', '56789', 'abc'])
})

test('wrapText keeps runs of spaces inside a line', () => {
  assert.deepEqual(wrapText('  eingerückt', 20, measure), ['  eingerückt'])
  assert.deepEqual(wrapText('a  b c', 4, measure), ['a  b', 'c'])
})

test('wrapText makes progress even when one character is wider than the line', () => {
  assert.deepEqual(wrapText('abc', 0.5, measure), ['a', 'b', 'c'])
})
