// German customer and agent text (a handful of topics; internal notes stay in English).
import type { LanguageText } from './text-types';
import { TEXT_EN } from './text-en';

export const TEXT_DE: LanguageText = {
  topics: {
    refund: {
      subjects: ['Rückerstattung für Bestellung {order}', 'Erstattung noch nicht erhalten'],
      openers: [
        'Hallo, ich habe die Bestellung {order} vor über einer Woche zurückgeschickt, aber noch keine Erstattung erhalten. Können Sie das bitte prüfen?',
        'Guten Tag, ich möchte den Betrag von {amount} zurückerstattet bekommen. Der Artikel entspricht nicht der Beschreibung.',
      ],
    },
    shipping_delay: {
      subjects: ['Wo bleibt meine Bestellung {order}?', 'Lieferung verspätet'],
      openers: [
        'Hallo, ich habe am {date} bestellt und die Lieferung ist immer noch nicht da. Die Sendungsnummer {tracking} wird seit Tagen nicht aktualisiert.',
        'Meine Bestellung {order} sollte gestern ankommen. Es ist ein Geschenk, ich brauche sie bis zum Wochenende.',
      ],
    },
    payment_error: {
      subjects: ['Doppelt abgebucht', 'Zahlung schlägt fehl'],
      openers: ['Für die Bestellung {order} wurde zweimal {amount} von meiner Karte mit der Endung {card} abgebucht. Bitte erstatten Sie eine Zahlung.'],
    },
    login_problem: {
      subjects: ['Anmeldung nicht möglich'],
      openers: ['Ich kann mich nicht anmelden. Ich habe das Passwort zweimal zurückgesetzt und es wird trotzdem als falsch angezeigt.'],
    },
    damaged_item: {
      subjects: ['Artikel beschädigt angekommen'],
      openers: ['Der Artikel „{product}“ aus Bestellung {order} kam heute an. Der Karton war eingedrückt und der Artikel ist beschädigt. Fotos anbei.'],
    },
  },
  followUps: ['Danke für die Rückmeldung. Gibt es schon Neuigkeiten?', 'Das habe ich versucht, leider ohne Erfolg.', 'Hier ist das gewünschte Foto.', 'Ja, bitte so machen.'],
  thanks: ['Hat funktioniert, vielen Dank!', 'Alles erledigt, danke für die schnelle Hilfe.'],
  agentFirst: ['Vielen Dank für Ihre Nachricht und entschuldigen Sie die Unannehmlichkeiten. Ich prüfe die Bestellung {order} und melde mich gleich.'],
  agentReplies: ['Danke für Ihre Geduld. Wir haben beim Lager nachgefragt und melden uns, sobald wir eine Antwort haben.'],
  agentSolve: ['Erledigt: Die Erstattung von {amount} ist in 3-5 Werktagen auf Ihrer Karte sichtbar. Ich schließe das Ticket; antworten Sie einfach, falls noch etwas ist.'],
  agentAsk: ['Könnten Sie uns ein Foto des Artikels und der Verpackung schicken?'],
  notes: TEXT_EN.notes,
  greeting: 'Hallo {name},',
  signOff: 'Viele Grüße\n{agent}',
  csat: [['Schnell und freundlich, danke.'], ['Hat viel zu lange gedauert.']],
};
