import type { Trx } from '../db/db.ts'
import { sha256 } from '../platform/crypto.ts'
import type { Language } from '../platform/i18n.ts'

/** Where a declaration came from: recorded with it as part of the text form. */
export interface RequestContext {
  ip: string | null
  userAgent: string | null
  lang: Language
}

/** The hash that seals a declaration: its text, who signed when and under which statutes. */
function declarationHash(parts: { text: string; signerEmail: string; signedAt: Date; statutesVersionId: string }) {
  return sha256([parts.text, parts.signerEmail, parts.signedAt.toISOString(), parts.statutesVersionId].join('\n'))
}

/** Stores a declaration in text form (§126b BGB) exactly as agreed to, sealed by its hash. */
export async function storeDeclaration(
  trx: Trx,
  declaration: {
    applicationId: string
    text: string
    statutesVersionId: string
    signerName: string
    signerEmail: string
    signedAt: Date
  },
  context: RequestContext,
): Promise<void> {
  await trx
    .insertInto('membership_declaration')
    .values({
      application_id: declaration.applicationId,
      text: declaration.text,
      statutes_version_id: declaration.statutesVersionId,
      signer_name: declaration.signerName,
      signer_email: declaration.signerEmail,
      signed_at: declaration.signedAt,
      ip_address: context.ip,
      user_agent: context.userAgent?.slice(0, 500) ?? null,
      content_hash: declarationHash({
        text: declaration.text,
        signerEmail: declaration.signerEmail,
        signedAt: declaration.signedAt,
        statutesVersionId: declaration.statutesVersionId,
      }),
    })
    .execute()
}
