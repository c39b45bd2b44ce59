// Personal names per language, with romanisations for e-mail addresses and handles.
import type { Language } from '../dataset/types';
import type { Rng } from '../random/prng';

export interface PersonName {
  /** Display name as the person writes it (Korean and Japanese in their own script). */
  full: string;
  /** Name used in greetings ("Hi Emma", "민준님"). */
  greeting: string;
  /** Latin-letter parts for e-mail local parts and social handles. */
  latinGiven: string;
  latinFamily: string;
}

const EN_GIVEN = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Mason', 'Isabella', 'Lucas',
  'Mia', 'James', 'Charlotte', 'Benjamin', 'Amelia', 'Henry', 'Harper', 'Daniel', 'Evelyn', 'Jack',
  'Grace', 'Owen', 'Chloe', 'Samuel', 'Zoe', 'Nathan', 'Lily', 'Ryan', 'Hannah', 'Caleb',
  'Priya', 'Arjun', 'Aisha', 'Omar', 'Mei', 'Wei', 'Fatima', 'Diego', 'Nadia', 'Tomás',
];
const EN_FAMILY = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
  'Thomas', 'Moore', 'Martin', 'Jackson', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker',
  'Hall', 'Young', 'Allen', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Carter',
  'Patel', 'Nguyen', 'Chen', 'Okafor', 'Rossi', "O'Brien", 'Murphy', 'Cooper', 'Reed', 'Bailey',
];

// Korean family names with their common romanisation.
const KO_FAMILY: readonly [string, string][] = [
  ['김', 'kim'], ['이', 'lee'], ['박', 'park'], ['최', 'choi'], ['정', 'jung'], ['강', 'kang'],
  ['조', 'cho'], ['윤', 'yoon'], ['장', 'jang'], ['임', 'lim'], ['한', 'han'], ['오', 'oh'],
  ['서', 'seo'], ['신', 'shin'], ['권', 'kwon'], ['황', 'hwang'], ['안', 'ahn'], ['송', 'song'],
  ['류', 'ryu'], ['홍', 'hong'],
];
const KO_GIVEN: readonly [string, string][] = [
  ['민준', 'minjun'], ['서연', 'seoyeon'], ['지훈', 'jihoon'], ['하은', 'haeun'], ['도윤', 'doyoon'],
  ['수빈', 'subin'], ['예준', 'yejun'], ['지민', 'jimin'], ['현우', 'hyunwoo'], ['서윤', 'seoyun'],
  ['지우', 'jiwoo'], ['민서', 'minseo'], ['준호', 'junho'], ['유진', 'yujin'], ['태민', 'taemin'],
  ['은지', 'eunji'], ['성민', 'sungmin'], ['혜진', 'hyejin'], ['동현', 'donghyun'], ['소연', 'soyeon'],
  ['재원', 'jaewon'], ['다은', 'daeun'], ['승우', 'seungwoo'], ['나연', 'nayeon'], ['영호', 'youngho'],
];

const ES_GIVEN = ['María', 'Lucía', 'Carmen', 'Sofía', 'Javier', 'Alejandro', 'Pablo', 'Daniel', 'Elena', 'Marta', 'Sergio', 'Andrés'];
const ES_FAMILY = ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno'];
const DE_GIVEN = ['Lukas', 'Leon', 'Finn', 'Jonas', 'Anna', 'Lena', 'Laura', 'Julia', 'Felix', 'Sophie', 'Tobias', 'Katharina'];
const DE_FAMILY = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter'];
const JA_FAMILY: readonly [string, string][] = [
  ['佐藤', 'sato'], ['鈴木', 'suzuki'], ['高橋', 'takahashi'], ['田中', 'tanaka'], ['伊藤', 'ito'],
  ['渡辺', 'watanabe'], ['山本', 'yamamoto'], ['中村', 'nakamura'], ['小林', 'kobayashi'], ['加藤', 'kato'],
];
const JA_GIVEN: readonly [string, string][] = [
  ['陽菜', 'hina'], ['蓮', 'ren'], ['結衣', 'yui'], ['大翔', 'hiroto'], ['葵', 'aoi'],
  ['湊', 'minato'], ['美咲', 'misaki'], ['健太', 'kenta'], ['さくら', 'sakura'], ['翔太', 'shota'],
];

/** Strips accents and apostrophes so a name part can go into an e-mail address. */
export function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

export function randomName(rng: Rng, language: Language): PersonName {
  switch (language) {
    case 'ko': {
      const [family, familyLatin] = rng.pick(KO_FAMILY);
      const [given, givenLatin] = rng.pick(KO_GIVEN);
      return { full: family + given, greeting: family + given, latinGiven: givenLatin, latinFamily: familyLatin };
    }
    case 'ja': {
      const [family, familyLatin] = rng.pick(JA_FAMILY);
      const [given, givenLatin] = rng.pick(JA_GIVEN);
      return { full: `${family} ${given}`, greeting: family, latinGiven: givenLatin, latinFamily: familyLatin };
    }
    case 'es':
      return latinName(rng.pick(ES_GIVEN), rng.pick(ES_FAMILY));
    case 'de':
      return latinName(rng.pick(DE_GIVEN), rng.pick(DE_FAMILY));
    case 'en':
      return latinName(rng.pick(EN_GIVEN), rng.pick(EN_FAMILY));
  }
}

function latinName(given: string, family: string): PersonName {
  return { full: `${given} ${family}`, greeting: given, latinGiven: asciiSlug(given), latinFamily: asciiSlug(family) };
}

/** Agents of the demo support team (English-speaking team with a Korean desk). */
export const AGENT_NAMES: readonly string[] = [
  'Maya Rodriguez', 'Sam Okafor', 'Priya Nair', 'Chris Becker', 'Hana Cho', 'Tom Walsh', 'Lena Vogel',
  'Daniel Park', 'Aisha Rahman', 'Marco Bianchi', 'Sofia Lind', 'Ben Carter', 'Yuna Seo', 'Omar Haddad',
  'Grace Kim', 'Leo Fischer', 'Nina Petrova', 'Ravi Shah', 'Emily Zhang', 'Jonas Berg',
];
