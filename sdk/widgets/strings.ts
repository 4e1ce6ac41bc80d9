// Built-in words of the widgets (author content arrives already translated by the server).
// Picked by the browser's language, the same one the SDK sends to decide; English otherwise.
const en = {
  close: 'Close',
  next: 'Next',
  back: 'Back',
  done: 'Done',
  step: 'Step {0} of {1}',
  submit: 'Submit',
  low: 'Not at all likely',
  high: 'Extremely likely',
  thanks: 'Thanks!',
  comment: 'Anything to add? (optional)',
  help: 'Help',
  tip: 'Show tip',
  message: 'Message',
  checklist: 'Get started',
  progress: '{0} of {1} done',
  level: 'Level {0}',
  nextLevel: 'Next: {0}',
};

export type Strings = typeof en;

const translations: Record<string, Strings> = {
  en,
  fr: {
    close: 'Fermer',
    next: 'Suivant',
    back: 'Retour',
    done: 'Terminé',
    step: 'Étape {0} sur {1}',
    submit: 'Envoyer',
    low: 'Pas du tout probable',
    high: 'Très probable',
    thanks: 'Merci !',
    comment: 'Un commentaire ? (facultatif)',
    help: 'Aide',
    tip: 'Afficher l’astuce',
    message: 'Message',
    checklist: 'Pour commencer',
    progress: '{0} sur {1} terminé(s)',
    level: 'Niveau {0}',
    nextLevel: 'Prochain : {0}',
  },
  de: {
    close: 'Schließen',
    next: 'Weiter',
    back: 'Zurück',
    done: 'Fertig',
    step: 'Schritt {0} von {1}',
    submit: 'Senden',
    low: 'Überhaupt nicht wahrscheinlich',
    high: 'Äußerst wahrscheinlich',
    thanks: 'Danke!',
    comment: 'Noch etwas? (optional)',
    help: 'Hilfe',
    tip: 'Tipp anzeigen',
    message: 'Nachricht',
    checklist: 'Erste Schritte',
    progress: '{0} von {1} erledigt',
    level: 'Stufe {0}',
    nextLevel: 'Nächste: {0}',
  },
  es: {
    close: 'Cerrar',
    next: 'Siguiente',
    back: 'Atrás',
    done: 'Hecho',
    step: 'Paso {0} de {1}',
    submit: 'Enviar',
    low: 'Nada probable',
    high: 'Muy probable',
    thanks: '¡Gracias!',
    comment: '¿Algo más? (opcional)',
    help: 'Ayuda',
    tip: 'Ver consejo',
    message: 'Mensaje',
    checklist: 'Primeros pasos',
    progress: '{0} de {1} hechos',
    level: 'Nivel {0}',
    nextLevel: 'Siguiente: {0}',
  },
};

/** The strings for `language` (a BCP 47 tag such as "fr-CA"; default: the browser's). */
export function strings(language = navigator.language): Strings {
  return translations[String(language).toLowerCase().split('-')[0]!] ?? en;
}

/** Fills "{0}", "{1}"… in a built-in string. */
export const fill = (template: string, ...values: (string | number)[]): string => template.replace(/\{(\d)\}/g, (_, i) => String(values[+i]));
