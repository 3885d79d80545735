import { defineMessages } from '../platform/i18n.ts'

export const profileText = defineMessages({
  de: {
    personal_data: 'Persönliche Daten',
    unverified_notice: 'Deine E-Mail-Adresse ist noch nicht bestätigt.',
    resend: 'Bestätigungslink senden',
    tokens_text:
      'Mit einem persönlichen API-Token können Programme in deinem Namen die JSON-API nutzen (/api/v1). Ein Token hat höchstens deine Rechte, eingeschränkt auf die gewählten Bereiche.',
    token_created: 'Dein neues Token. Kopiere es jetzt – es wird nur dieses eine Mal angezeigt:',
    token_name: 'Name des Tokens',
    token_scopes: 'Bereiche',
    token_created_at: 'Erstellt',
    token_last_used: 'Zuletzt benutzt',
    token_status: 'Status',
    token_revoke: 'Widerrufen',
    token_revoked: 'Widerrufen.',
    token_expires: 'Gültig für Tage (leer: unbegrenzt)',
    token_create: 'Token erstellen',
  },
  en: {
    personal_data: 'Personal data',
    unverified_notice: 'Your email address is not confirmed yet.',
    resend: 'Send the confirmation link',
    tokens_text:
      'With a personal API token, programs can use the JSON API (/api/v1) on your behalf. A token has at most your rights, narrowed to the chosen scopes.',
    token_created: 'Your new token. Copy it now – it is shown only this once:',
    token_name: 'Token name',
    token_scopes: 'Scopes',
    token_created_at: 'Created',
    token_last_used: 'Last used',
    token_status: 'Status',
    token_revoke: 'Revoke',
    token_revoked: 'Revoked.',
    token_expires: 'Valid for days (empty: no expiry)',
    token_create: 'Create token',
  },
})
