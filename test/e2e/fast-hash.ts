// Imported first by the e2e helpers: src/auth/passwords.ts reads this once, when
// it is loaded, and ES modules run their imports before their own body.
process.env.ALLMENDE_FAST_HASH = '1'
