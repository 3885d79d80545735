import { defineMessages } from '../platform/i18n.ts'

/** Field messages of assemblies, agenda items, proxies and check-in. */
export const governanceValidation = defineMessages({
  de: {
    assembly_location_required: 'Bitte den Versammlungsort angeben (Präsenz- und hybride Versammlungen).',
    assembly_link_required:
      'Bitte den Zugangslink angeben (virtuelle und hybride Versammlungen, § 43b GenG); er geht nur an die Eingeladenen.',
    voting_before_discussion: 'Die Abstimmungsphase kann frühestens mit der Erörterungsphase beginnen.',
    voting_after_end: 'Die Abstimmungsphase muss mit dem Ende der Versammlung abgeschlossen sein.',
    register_date_after_assembly: 'Der Stichtag der Mitgliederliste darf nicht nach dem Versammlungstag liegen.',
    agenda_too_late:
      'Zu spät für eine Beschlussfassung: Tagesordnungspunkte müssen mindestens eine Woche (oder die längere Frist der Satzung) vor der Versammlung angekündigt sein (§ 46 Abs. 2 GenG). Den Punkt nur „zur Information (ohne Beschluss)“ aufnehmen?',
    invitation_too_late:
      'Zu spät: Die Einladung muss mindestens zwei Wochen (oder die längere Frist der Satzung) vor der Versammlung zugehen (§ 46 Abs. 1 GenG). Bitte die Versammlung verlegen.',
    invitation_no_voters: 'Niemand steht am Stichtag in der Mitgliederliste – es gibt niemanden einzuladen.',
    proxy_limit_reached:
      'Diese Person vertritt schon so viele Mitglieder, wie die Satzung erlaubt (§ 43 Abs. 5 GenG: höchstens zwei).',
    proxy_holder_unknown: 'Zu dieser E-Mail-Adresse kennen wir niemanden. Bitte die Adresse prüfen.',
    proxy_to_self: 'Eine Vollmacht an die eigene Vertretung ist nicht nötig.',
    proxy_exists: 'Für dieses Mitglied gibt es schon eine Vollmacht. Bitte sie zuerst widerrufen.',
    proxy_member_not_on_roll: 'Dieses Mitglied steht nicht im Stimmverzeichnis dieser Versammlung.',
    proxy_document_required: 'Bitte die unterschriebene Vollmacht als PDF hochladen.',
    proxy_document_not_pdf: 'Bitte eine PDF-Datei hochladen (höchstens 10 MB).',
    check_in_unknown: 'Diese Person ist nicht eingeladen und vertritt kein Mitglied.',
    already_present: 'Diese Person ist schon anwesend.',
    demand_already_signed: 'Dieses Mitglied hat das Verlangen schon unterzeichnet.',
  },
  en: {
    assembly_location_required: 'Please give the venue (in-person and hybrid assemblies).',
    assembly_link_required:
      'Please give the access link (virtual and hybrid assemblies, §43b GenG); only those invited get it.',
    voting_before_discussion: 'The voting phase cannot start before the discussion phase.',
    voting_after_end: 'The voting phase must be over by the end of the assembly.',
    register_date_after_assembly: 'The register date may not be after the day of the assembly.',
    agenda_too_late:
      'Too late for a decision: agenda items must be announced at least one week (or the statutes’ longer period) before the assembly (§46 (2) GenG). Add it "for information only (not for decision)"?',
    invitation_too_late:
      'Too late: the invitation must reach members at least two weeks (or the statutes’ longer period) before the assembly (§46 (1) GenG). Please move the assembly.',
    invitation_no_voters: 'Nobody is on the member register on the register date – there is no one to invite.',
    proxy_limit_reached:
      'This person already represents as many members as the statutes allow (§43 (5) GenG: at most two).',
    proxy_holder_unknown: 'We know nobody with this email address. Please check it.',
    proxy_to_self: 'A proxy to the member’s own representative is not needed.',
    proxy_exists: 'There is already a proxy for this member. Please revoke it first.',
    proxy_member_not_on_roll: 'This member is not on the voter roll of this assembly.',
    proxy_document_required: 'Please upload the signed proxy as a PDF.',
    proxy_document_not_pdf: 'Please upload a PDF file (at most 10 MB).',
    check_in_unknown: 'This person is not invited and represents no member.',
    already_present: 'This person is already present.',
    demand_already_signed: 'This member has already signed the demand.',
  },
})
