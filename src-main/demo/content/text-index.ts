// Text per language, and the topics each language has text for.
import type { Language } from '../dataset/types';
import { TEXT_DE } from './text-de';
import { TEXT_EN } from './text-en';
import { TEXT_ES } from './text-es';
import { TEXT_JA } from './text-ja';
import { TEXT_KO } from './text-ko';
import type { LanguageText } from './text-types';
import { TOPICS, type Topic } from './topics';

export const TEXT: Readonly<Record<Language, LanguageText>> = {
  en: TEXT_EN,
  ko: TEXT_KO,
  es: TEXT_ES,
  de: TEXT_DE,
  ja: TEXT_JA,
};

/** Topics a customer writing in this language can open a ticket about. */
export const TOPICS_BY_LANGUAGE: Readonly<Record<Language, readonly Topic[]>> = {
  en: TOPICS.filter((t) => TEXT_EN.topics[t.key]),
  ko: TOPICS.filter((t) => TEXT_KO.topics[t.key]),
  es: TOPICS.filter((t) => TEXT_ES.topics[t.key]),
  de: TOPICS.filter((t) => TEXT_DE.topics[t.key]),
  ja: TOPICS.filter((t) => TEXT_JA.topics[t.key]),
};
