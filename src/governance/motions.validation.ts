import { defineMessages } from '../platform/i18n.ts'

/** Field messages of motions, supports and amendments. */
export const motionsValidation = defineMessages({
  de: {
    motion_member_not_yours: 'Für dieses Mitglied kannst du in dieser Versammlung nicht handeln.',
    motion_member_choose: 'Du sprichst für mehrere Mitglieder – bitte wählen, für welches.',
    motion_already_supported: 'Dieses Mitglied unterstützt den Antrag schon.',
    amendment_unchanged: 'Der Text ist unverändert. Ein Änderungsantrag muss den Antragstext ändern.',
  },
  en: {
    motion_member_not_yours: 'You cannot act for this member in this assembly.',
    motion_member_choose: 'You speak for several members – please choose for which one.',
    motion_already_supported: 'This member already supports the motion.',
    amendment_unchanged: 'The text is unchanged. An amendment must change the text of the motion.',
  },
})
