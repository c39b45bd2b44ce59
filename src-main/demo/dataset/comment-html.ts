// HTML bodies the way Zendesk stores them: `<div class="zd-comment" dir="auto"><p dir="auto">…`.
// Some customer e-mails carry real formatting, a quoted reply and an inline image.
import { SUPPORT_ADDRESS, SUPPORT_NAME } from '../constants';
import { TEXT } from '../content/text-index';
import { fillTemplate, type TemplateValues } from '../content/fill-template';
import type { Language } from './types';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paragraphHtml(paragraph: string): string {
  return `<p dir="auto">${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`;
}

export function plainToHtml(paragraphs: readonly string[]): string {
  return `<div class="zd-comment" dir="auto">${paragraphs.map(paragraphHtml).join('')}</div>`;
}

export interface RichEmailInput {
  paragraphs: readonly string[];
  language: Language;
  values: TemplateValues;
  /** Date line of the quoted earlier reply, if the e-mail quotes one. */
  quotedDate: string | null;
  inlineImageUrl: string | null;
}

const ORDER_LABELS: Readonly<Record<Language, [string, string, string]>> = {
  en: ['Order', 'Item', 'Amount'],
  ko: ['주문번호', '상품', '결제 금액'],
  es: ['Pedido', 'Artículo', 'Importe'],
  de: ['Bestellung', 'Artikel', 'Betrag'],
  ja: ['注文番号', '商品', '金額'],
};

/** A formatted customer e-mail: emphasis, an order summary list, inline image, quoted reply. */
export function richEmailHtml(input: RichEmailInput): string {
  const { paragraphs, values, language } = input;
  const order = values.order ?? '';
  const [first = '', ...rest] = paragraphs;
  const emphasised = escapeHtml(first)
    .split('\n')
    .join('<br>')
    .replace(escapeHtml(order), `<strong>${escapeHtml(order)}</strong>`);
  const [orderLabel, itemLabel, amountLabel] = ORDER_LABELS[language];
  const parts = [
    `<p dir="auto">${emphasised}</p>`,
    `<ul dir="auto"><li><b>${orderLabel}:</b> ${escapeHtml(order)}</li><li><b>${itemLabel}:</b> ${escapeHtml(values.product ?? '')}</li><li><b>${amountLabel}:</b> <span style="color:#1f73b7">${escapeHtml(values.amount ?? '')}</span></li></ul>`,
  ];
  if (input.inlineImageUrl) {
    parts.push(`<p dir="auto"><img src="${escapeHtml(input.inlineImageUrl)}" alt="photo.jpg" width="320" height="240" style="max-width:100%"></p>`);
  }
  parts.push(...rest.map(paragraphHtml));
  if (input.quotedDate) {
    const quoted = fillTemplate(TEXT[language].agentReplies[0] ?? '', values);
    parts.push(
      `<div class="gmail_quote"><div dir="ltr">On ${escapeHtml(input.quotedDate)}, ${escapeHtml(SUPPORT_NAME)} &lt;<a href="mailto:${SUPPORT_ADDRESS}">${SUPPORT_ADDRESS}</a>&gt; wrote:<br></div>` +
        `<blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">${paragraphHtml(quoted)}</blockquote></div>`,
    );
  }
  return `<div class="zd-comment" dir="auto">${parts.join('')}</div>`;
}
