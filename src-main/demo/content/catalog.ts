// Products of the demo shop, named in every language, shared by message bodies and CRM orders.
import type { Language } from '../dataset/types';

export interface Product {
  sku: string;
  priceUsd: number;
  name: Readonly<Record<Language, string>>;
}

export const CATALOG: readonly Product[] = [
  { sku: 'EAR-204', priceUsd: 89, name: { en: 'wireless earbuds', ko: '무선 이어폰', es: 'auriculares inalámbricos', de: 'kabellose Kopfhörer', ja: 'ワイヤレスイヤホン' } },
  { sku: 'SHO-118', priceUsd: 120, name: { en: 'running shoes', ko: '러닝화', es: 'zapatillas de running', de: 'Laufschuhe', ja: 'ランニングシューズ' } },
  { sku: 'GRD-330', priceUsd: 149, name: { en: 'coffee grinder', ko: '커피 그라인더', es: 'molinillo de café', de: 'Kaffeemühle', ja: 'コーヒーグラインダー' } },
  { sku: 'DSK-500', priceUsd: 429, name: { en: 'standing desk', ko: '모션 데스크', es: 'escritorio elevable', de: 'Stehschreibtisch', ja: 'スタンディングデスク' } },
  { sku: 'CAS-021', priceUsd: 25, name: { en: 'phone case', ko: '휴대폰 케이스', es: 'funda de móvil', de: 'Handyhülle', ja: 'スマホケース' } },
  { sku: 'BAG-077', priceUsd: 79, name: { en: 'travel backpack', ko: '여행용 백팩', es: 'mochila de viaje', de: 'Reiserucksack', ja: 'トラベルリュック' } },
  { sku: 'WCH-310', priceUsd: 249, name: { en: 'smart watch', ko: '스마트워치', es: 'reloj inteligente', de: 'Smartwatch', ja: 'スマートウォッチ' } },
  { sku: 'SWT-145', priceUsd: 68, name: { en: 'wool sweater', ko: '울 니트', es: 'jersey de lana', de: 'Wollpullover', ja: 'ウールセーター' } },
  { sku: 'LMP-260', priceUsd: 59, name: { en: 'desk lamp', ko: '책상 조명', es: 'lámpara de escritorio', de: 'Schreibtischlampe', ja: 'デスクライト' } },
  { sku: 'BTL-012', priceUsd: 32, name: { en: 'insulated bottle', ko: '보온병', es: 'botella térmica', de: 'Thermoflasche', ja: '保温ボトル' } },
  { sku: 'KBD-420', priceUsd: 139, name: { en: 'mechanical keyboard', ko: '기계식 키보드', es: 'teclado mecánico', de: 'mechanische Tastatur', ja: 'メカニカルキーボード' } },
  { sku: 'PIL-055', priceUsd: 45, name: { en: 'memory foam pillow', ko: '메모리폼 베개', es: 'almohada viscoelástica', de: 'Memory-Schaum-Kissen', ja: '低反発枕' } },
];

export const CURRENCY_BY_LANGUAGE: Readonly<Record<Language, { code: string; perUsd: number; decimals: number }>> = {
  en: { code: 'USD', perUsd: 1, decimals: 2 },
  ko: { code: 'KRW', perUsd: 1350, decimals: 0 },
  es: { code: 'EUR', perUsd: 0.92, decimals: 2 },
  de: { code: 'EUR', perUsd: 0.92, decimals: 2 },
  ja: { code: 'JPY', perUsd: 150, decimals: 0 },
};

/** Converts a USD price into the customer's currency, rounded like a shop would. */
export function localPrice(usd: number, language: Language): number {
  const c = CURRENCY_BY_LANGUAGE[language];
  const value = usd * c.perUsd;
  if (c.decimals === 0) return Math.round(value / 100) * 100;
  return Math.round(value) - 0.01;
}

/** Converts a USD amount (a total, not a shelf price) into the customer's currency, to the cent or to 100 won/yen. */
export function localAmount(usd: number, language: Language): number {
  const c = CURRENCY_BY_LANGUAGE[language];
  const value = usd * c.perUsd;
  if (c.decimals === 0) return Math.round(value / 100) * 100;
  return Math.round(value * 100) / 100;
}

export function formatMoney(amount: number, language: Language): string {
  switch (language) {
    case 'ko':
      return `${amount.toLocaleString('en-US')}원`;
    case 'ja':
      return `${amount.toLocaleString('en-US')}円`;
    case 'es':
    case 'de':
      return `${amount.toFixed(2).replace('.', ',')} €`;
    case 'en':
      return `$${amount.toFixed(2)}`;
  }
}
