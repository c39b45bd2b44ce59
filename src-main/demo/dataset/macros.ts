// The account's shared macros (Zendesk's Macros API): a fixed, hand-written set matching the
// dataset's topics, in English, Korean, German, Spanish and Japanese. Nothing here is random: the
// same staff and anchor time always give the same macros. Texts use Zendesk's placeholders
// (`{{ticket.requester.first_name}}`, `{{current_user.name}}`, ...), which the app maps to its own.
// Korean texts greet with the full name (`{{ticket.requester.name}}님`): Korean names have no
// first-name split.
import { MACRO_ID_BASE } from '../constants';
import type { GroupKey } from '../content/topics';
import { DAY, isoFromUnix } from '../util/time';
import type { Staff } from './staff';
import type { DemoMacro, DemoMacroAction } from './types';
import { macroUrl } from './urls';

/** Who a macro assigns the ticket to: whoever applies it, the account owner, or the Korean desk's lead. */
type AssigneeRef = 'current_user' | 'admin' | 'korean_desk';

interface MacroDefinition {
  title: string;
  description: string;
  active?: false;
  /** Public reply (default) or internal note. */
  text?: string;
  note?: string;
  status?: 'open' | 'pending' | 'hold' | 'solved';
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  assignee?: AssigneeRef;
  group?: GroupKey;
  /** Zendesk `set_tags`: replaces the ticket's tags. */
  setTags?: string;
  /** Zendesk `current_tags`: adds tags. */
  addTags?: string;
  removeTags?: string;
  /** Days before the anchor the macro was created and last edited. */
  createdDaysAgo: number;
  updatedDaysAgo: number;
}

/** The macros a refund request should bring up first (English and Korean). */
export const REFUND_MACRO_TITLE = 'Refund: confirm refund issued';
export const KOREAN_REFUND_MACRO_TITLE = '환불 처리 완료 안내';

const SIGN_EN = 'Best,\n{{current_user.first_name}}';
const HELLO_EN = 'Hi {{ticket.requester.first_name}},';
const HELLO_KO = '안녕하세요, {{ticket.requester.name}}님. 고객센터 {{current_user.name}}입니다.';
const SIGN_KO = '감사합니다.\n{{current_user.name}} 드림';

const en = (...paragraphs: string[]): string => [HELLO_EN, ...paragraphs, SIGN_EN].join('\n\n');
const ko = (...paragraphs: string[]): string => [HELLO_KO, ...paragraphs, SIGN_KO].join('\n\n');

/** In position order. Titles are unique; the refund macros share words with refund requests. */
export const MACRO_DEFINITIONS: readonly MacroDefinition[] = [
  {
    title: REFUND_MACRO_TITLE,
    description: 'Tells the customer the refund was issued to their card (3-5 business days) and solves the ticket.',
    text: en(
      'Thanks for your patience. We have received the item you returned from your order, so your refund request is approved and the refund has now been issued to the card you paid with. How long a refund takes to show up on your statement depends on your bank, usually 3-5 business days.',
      'If you still have not received your refund after 5 business days, just reply to this email with your order number and we will check it with our payments team right away.',
    ),
    status: 'solved',
    addTags: 'refund refund_issued',
    createdDaysAgo: 410,
    updatedDaysAgo: 35,
  },
  {
    title: 'Payment: duplicate charge voided',
    description: 'The customer was charged twice; the duplicate charge is voided.',
    text: en(
      'I checked with our payments team and you were indeed charged twice for the same order, sorry about that. We have voided the duplicate charge. It usually disappears from your bank statement within a few days, depending on your bank.',
    ),
    status: 'solved',
    addTags: 'billing payment_error',
    createdDaysAgo: 380,
    updatedDaysAgo: 120,
  },
  {
    title: 'Promo code: discount applied manually',
    description: 'The promo code failed at checkout; the agent applied the discount by hand.',
    text: en(
      "Sorry the promo code didn't work at checkout. I've applied the discount to your order manually, and we've just emailed you the updated receipt showing the new total.",
      'Codes from our newsletter can be used once per account and expire at the end of the month printed in the email.',
    ),
    status: 'solved',
    addTags: 'promo coupon',
    createdDaysAgo: 300,
    updatedDaysAgo: 64,
  },
  {
    title: 'Subscription: cancellation confirmed',
    description: 'Confirms a subscription cancellation.',
    text: en(
      "I've cancelled your subscription, so you won't be charged again. You can keep using it until the end of the current billing period.",
      'If you change your mind, you can subscribe again at any time from your account settings.',
    ),
    status: 'solved',
    addTags: 'subscription cancel',
    createdDaysAgo: 295,
    updatedDaysAgo: 150,
  },
  {
    title: 'Shipping: delay apology',
    description: 'Apologises for a late delivery and asks the carrier to check; waits for news.',
    text: en(
      "I'm sorry your order is taking longer than expected to arrive. I've contacted the carrier and asked them to check where the parcel is, and I'll update you here as soon as I hear back, usually within 1-2 days.",
      'In the meantime you can follow the delivery with the tracking number in your shipping confirmation email.',
    ),
    status: 'pending',
    addTags: 'shipping delay',
    createdDaysAgo: 420,
    updatedDaysAgo: 21,
  },
  {
    title: 'Address change: updated before dispatch',
    description: 'The delivery address was changed before the order left the warehouse.',
    text: en(
      "Good timing: your order had not left our warehouse yet, so I've changed the delivery address to the new one you sent us. You'll get a shipping confirmation with the tracking number as soon as it's on its way.",
    ),
    status: 'solved',
    addTags: 'address_change',
    createdDaysAgo: 260,
    updatedDaysAgo: 90,
  },
  {
    title: 'Cancel order: cancelled before shipping',
    description: 'Confirms the order was cancelled before it shipped.',
    text: en(
      'Your order has been cancelled before it shipped, so there is nothing you need to send back. The payment is released automatically; depending on your bank it can take a few days to disappear from your statement.',
    ),
    status: 'solved',
    addTags: 'cancel order',
    createdDaysAgo: 350,
    updatedDaysAgo: 77,
  },
  {
    title: 'Account: password reset steps',
    description: 'Walks the customer through resetting their password.',
    text: en(
      "Sorry you're having trouble logging in. Here is how to reset your password:\n\n1. Open the sign-in page and choose \"Forgot password?\".\n2. Enter the email address you use for your account.\n3. Open the reset email and follow the link within one hour to set a new password.",
      "If the email doesn't arrive within a few minutes, please check your spam folder. Still stuck? Reply here and I'll take a look at your account.",
    ),
    status: 'pending',
    group: 'technical',
    addTags: 'login account',
    createdDaysAgo: 400,
    updatedDaysAgo: 48,
  },
  {
    title: 'Account: unlock a locked account',
    description: 'The account was locked after failed sign-ins; the agent unlocked it.',
    text: en(
      "Your account was locked for a while after several sign-in attempts. I've unlocked it, so you can log in again now.",
      "If you don't remember your password, choose \"Forgot password?\" on the sign-in page to set a new one.",
    ),
    status: 'solved',
    addTags: 'login account account_unlocked',
    createdDaysAgo: 240,
    updatedDaysAgo: 30,
  },
  {
    title: 'Damaged item: request photos',
    description: 'Asks for photos of the damaged item, the box and the label.',
    text: en(
      "I'm so sorry your item arrived damaged. So we can sort this out quickly, could you reply with:\n\n- a photo of the damaged item,\n- a photo of the box and the packaging,\n- a photo of the shipping label.",
      "As soon as we have them I'll arrange a replacement for you.",
    ),
    status: 'pending',
    group: 'returns',
    addTags: 'damaged return',
    createdDaysAgo: 390,
    updatedDaysAgo: 55,
  },
  {
    title: 'Damaged item: replacement sent',
    description: 'A replacement went out by express shipping; no return needed.',
    text: en(
      "Thanks for the photos. I've sent you a replacement by express shipping at no cost, and you'll receive the tracking number by email today.",
      "There's no need to send the damaged item back.",
    ),
    status: 'solved',
    addTags: 'damaged replacement_sent',
    removeTags: 'follow_up',
    createdDaysAgo: 385,
    updatedDaysAgo: 55,
  },
  {
    title: 'Exchange: how to swap size or colour',
    description: 'Explains the self-service exchange for another size or colour.',
    text: en(
      'Happy to help with an exchange. Start it from Orders > Return or exchange in your account, pick the new size or colour, and print the prepaid label.',
      'We ship the new item as soon as the carrier scans your parcel, so you do not have to wait for it to reach us.',
    ),
    status: 'pending',
    addTags: 'exchange return',
    createdDaysAgo: 200,
    updatedDaysAgo: 40,
  },
  {
    title: 'Bug report: forwarded to the app team',
    description: 'Thanks the customer for a bug report, asks for device details and puts the ticket on hold.',
    text: en(
      "Thanks for reporting this, and sorry for the hassle. I've passed the details on to our app team, who are looking into it.",
      "It would help them a lot to know your device, its operating system version and the app version (Settings > About), if you haven't mentioned them yet. I'll keep this ticket open and let you know when a fix is out.",
    ),
    status: 'hold',
    group: 'technical',
    addTags: 'bug mobile_app',
    createdDaysAgo: 330,
    updatedDaysAgo: 12,
  },
  {
    title: 'Ask for order number',
    description: 'Asks the customer for their order number.',
    text: en('Thanks for getting in touch. So I can find your order, could you reply with your order number? It starts with SD- and you will find it in your order confirmation email.'),
    status: 'pending',
    addTags: 'needs_info',
    createdDaysAgo: 430,
    updatedDaysAgo: 200,
  },
  {
    title: 'Close: solved — thanks',
    description: 'A friendly closing reply; solves the ticket.',
    text: en("I'm glad we could sort this out. I'll mark this ticket as solved now, but if anything else comes up, just reply to this email and it will reopen.", 'Thanks for being a customer!'),
    status: 'solved',
    createdDaysAgo: 440,
    updatedDaysAgo: 100,
  },
  {
    title: 'Close: no reply from customer',
    description: 'Closes a ticket after the customer stopped answering.',
    text: en(
      'We haven\'t heard back from you, so I\'m marking ticket #{{ticket.id}} ("{{ticket.title}}") as solved for now.',
      'If you still need help, just reply to this email and the ticket will reopen.',
    ),
    status: 'solved',
    addTags: 'no_response',
    removeTags: 'follow_up',
    createdDaysAgo: 360,
    updatedDaysAgo: 95,
  },
  {
    title: 'Escalate to tier 2',
    description: 'Internal note; moves the ticket to Technical support with high priority.',
    note: 'Escalating to tier 2: ticket #{{ticket.id}} ("{{ticket.title}}") needs a deeper technical look. The customer has been told we are investigating. Escalated by {{current_user.name}}.',
    status: 'open',
    priority: 'high',
    group: 'technical',
    addTags: 'escalated tier_2',
    createdDaysAgo: 370,
    updatedDaysAgo: 18,
  },
  {
    title: 'VIP: hand over to VIP care',
    description: 'Internal note; gives the ticket to the VIP care lead with high priority.',
    note: 'VIP customer {{ticket.requester.name}}: handing over to VIP care. — {{current_user.first_name}}',
    priority: 'high',
    group: 'vip',
    assignee: 'admin',
    addTags: 'vip',
    createdDaysAgo: 310,
    updatedDaysAgo: 60,
  },
  {
    title: 'Take it',
    description: 'Assigns the ticket to you and opens it.',
    assignee: 'current_user',
    status: 'open',
    createdDaysAgo: 450,
    updatedDaysAgo: 450,
  },
  {
    title: 'Spam: tag and close',
    description: 'Replaces the tags with "spam" and solves the ticket, no reply.',
    status: 'solved',
    setTags: 'spam',
    createdDaysAgo: 280,
    updatedDaysAgo: 280,
  },
  // Korean desk.
  {
    title: KOREAN_REFUND_MACRO_TITLE,
    description: '반품 회수 확인 후 환불 처리 완료를 안내하고 문의를 해결 처리합니다.',
    text: ko(
      '기다려 주셔서 감사합니다. 문의하신 환불 건 안내드립니다. 반품하신 상품의 회수가 확인되어 요청하신 환불 처리가 완료되었습니다. 결제하신 카드로 결제 취소가 진행되며, 카드사 사정에 따라 영업일 기준 3~5일 이내에 환불 금액을 확인하실 수 있습니다.',
      '영업일 기준 5일이 지나도 환불이 확인되지 않으시면 주문번호와 함께 이 메일로 회신 부탁드립니다. 바로 다시 확인해 드리겠습니다.',
    ),
    status: 'solved',
    group: 'korean',
    addTags: 'refund refund_issued korean',
    createdDaysAgo: 405,
    updatedDaysAgo: 33,
  },
  {
    title: '배송 지연 사과',
    description: '배송 지연에 대해 사과하고 택배사 확인 후 안내드린다고 답변합니다.',
    text: ko(
      '주문하신 상품의 배송이 늦어지고 있어 불편을 드려 정말 죄송합니다. 택배사에 배송 상태 확인을 요청해 두었으며, 확인되는 대로 바로 안내드리겠습니다.',
      '그동안 배송 현황은 발송 안내 메일에 있는 운송장 번호로 조회하실 수 있습니다.',
    ),
    status: 'pending',
    group: 'korean',
    addTags: 'shipping delay korean',
    createdDaysAgo: 415,
    updatedDaysAgo: 25,
  },
  {
    title: '로그인 문제: 비밀번호 재설정 안내',
    description: '비밀번호 재설정 방법을 단계별로 안내합니다.',
    text: ko(
      '로그인이 되지 않아 불편을 드려 죄송합니다. 아래 순서대로 비밀번호를 재설정해 주세요.\n\n1. 로그인 화면에서 \'비밀번호 찾기\'를 누릅니다.\n2. 가입하신 이메일 주소를 입력합니다.\n3. 메일로 받은 링크를 눌러 새 비밀번호를 설정합니다. (링크는 1시간 동안 유효합니다.)',
      '재설정 메일이 보이지 않으면 스팸함도 확인해 주세요. 그래도 로그인이 되지 않으면 이 메일로 회신 주시기 바랍니다.',
    ),
    status: 'pending',
    group: 'korean',
    addTags: 'login account korean',
    createdDaysAgo: 395,
    updatedDaysAgo: 47,
  },
  {
    title: '파손 상품: 사진 요청',
    description: '파손된 상품과 포장 상태 사진을 요청합니다.',
    text: ko(
      '상품이 파손된 상태로 도착해 정말 죄송합니다. 빠른 처리를 위해 번거로우시겠지만 아래 사진을 이 메일로 보내 주세요.\n\n- 파손된 부분이 잘 보이는 상품 사진\n- 택배 상자와 포장 상태 사진\n- 상자에 붙은 운송장 사진',
      '사진을 확인하는 대로 바로 교환해 드리겠습니다.',
    ),
    status: 'pending',
    group: 'korean',
    addTags: 'damaged return korean',
    createdDaysAgo: 388,
    updatedDaysAgo: 52,
  },
  {
    title: '주문 취소 완료 안내',
    description: '발송 전 주문 취소가 완료되었음을 안내합니다.',
    text: ko('요청하신 주문 취소가 완료되었습니다. 상품이 발송되기 전에 취소되어 따로 보내 주실 물건은 없습니다. 결제 금액은 결제 수단에 따라 며칠 안에 자동으로 취소됩니다.'),
    status: 'solved',
    group: 'korean',
    addTags: 'cancel order korean',
    createdDaysAgo: 345,
    updatedDaysAgo: 70,
  },
  {
    title: '한국 지원팀으로 이관',
    description: '한국어 문의를 한국 지원팀 담당자에게 넘기는 내부 메모입니다.',
    note: '한국어 고객 문의입니다. 한국 지원팀에서 확인 후 답변 부탁드립니다. ({{current_user.name}})',
    group: 'korean',
    assignee: 'korean_desk',
    addTags: 'korean',
    createdDaysAgo: 320,
    updatedDaysAgo: 110,
  },
  // A few for the German, Spanish and Japanese customers.
  {
    title: 'Versand: Entschuldigung für die Verzögerung',
    description: 'Shipping delay apology in German.',
    text: [
      'Hallo {{ticket.requester.first_name}},',
      'es tut uns leid, dass Ihre Bestellung länger braucht als angekündigt. Wir haben beim Versanddienstleister nachgefragt und melden uns, sobald wir eine Antwort haben. Die Sendungsnummer finden Sie in Ihrer Versandbestätigung.',
      'Vielen Dank für Ihre Geduld.',
      'Viele Grüße\n{{current_user.first_name}}',
    ].join('\n\n'),
    status: 'pending',
    addTags: 'shipping delay german',
    createdDaysAgo: 230,
    updatedDaysAgo: 80,
  },
  {
    title: 'Reembolso: confirmación',
    description: 'Refund confirmation in Spanish.',
    text: [
      'Hola {{ticket.requester.first_name}}:',
      'Gracias por tu paciencia. Hemos recibido el producto devuelto y ya hemos emitido el reembolso a la tarjeta con la que pagaste. Según tu banco, lo verás reflejado en un plazo de 3 a 5 días hábiles.',
      'Si pasado ese plazo no has recibido el reembolso, responde a este correo con tu número de pedido y lo revisaremos enseguida.',
      'Un saludo,\n{{current_user.first_name}}',
    ].join('\n\n'),
    status: 'solved',
    addTags: 'refund spanish',
    createdDaysAgo: 225,
    updatedDaysAgo: 81,
  },
  {
    title: '返金手続き完了のご案内',
    description: 'Refund confirmation in Japanese.',
    text: [
      '{{ticket.requester.name}}様',
      'いつもご利用いただきありがとうございます。カスタマーサポートの{{current_user.name}}です。',
      'ご返品いただいた商品の到着を確認し、返金手続きが完了いたしました。お支払いに使用されたクレジットカードへご返金いたします。カード会社により、反映まで3〜5営業日ほどかかる場合がございます。',
      '5営業日を過ぎても返金が確認できない場合は、注文番号を添えてこちらのメールにご返信ください。',
      'よろしくお願いいたします。',
    ].join('\n\n'),
    status: 'solved',
    addTags: 'refund japanese',
    createdDaysAgo: 220,
    updatedDaysAgo: 82,
  },
  // Retired: inactive, so `macros/active` leaves them out.
  {
    title: 'Refund: store credit only (old policy)',
    description: 'Retired: refunds are paid back to the card now.',
    active: false,
    text: en('Under our returns policy, refunds for returned items are issued as store credit. Your refund has been added to your account as credit you can use on your next order.'),
    status: 'solved',
    addTags: 'refund store_credit',
    createdDaysAgo: 700,
    updatedDaysAgo: 400,
  },
  {
    title: 'Shipping: holiday cut-off (last year)',
    description: 'Retired after the holidays.',
    active: false,
    text: en('Orders placed after December 18 may not arrive before the holidays. If you need it in time, choose express shipping at checkout.'),
    status: 'solved',
    addTags: 'shipping holiday',
    createdDaysAgo: 400,
    updatedDaysAgo: 320,
  },
  {
    title: 'Returns: 14-day window (old)',
    description: 'Retired: the return window is 30 days now.',
    active: false,
    text: en('Items can be returned within 14 days of delivery. Unfortunately your order is outside that window.'),
    status: 'solved',
    addTags: 'return policy',
    createdDaysAgo: 650,
    updatedDaysAgo: 300,
  },
];

function actionsOf(def: MacroDefinition, staff: Staff): DemoMacroAction[] {
  const actions: DemoMacroAction[] = [];
  const comment = def.text ?? def.note;
  if (comment !== undefined) {
    actions.push({ field: 'comment_value', value: comment });
    actions.push({ field: 'comment_mode_is_public', value: def.text !== undefined ? 'true' : 'false' });
  }
  if (def.status) actions.push({ field: 'status', value: def.status });
  if (def.priority) actions.push({ field: 'priority', value: def.priority });
  if (def.group) {
    const groupId = staff.groupIdByKey.get(def.group);
    if (groupId !== undefined) actions.push({ field: 'group_id', value: String(groupId) });
  }
  if (def.assignee) {
    const assignee = assigneeValue(def.assignee, staff);
    if (assignee !== null) actions.push({ field: 'assignee_id', value: assignee });
  }
  if (def.setTags) actions.push({ field: 'set_tags', value: def.setTags });
  if (def.addTags) actions.push({ field: 'current_tags', value: def.addTags });
  if (def.removeTags) actions.push({ field: 'remove_tags', value: def.removeTags });
  return actions;
}

function assigneeValue(ref: AssigneeRef, staff: Staff): string | null {
  if (ref === 'current_user') return 'current_user';
  const agent = ref === 'admin' ? staff.agents.find((a) => a.user.role === 'admin') : staff.agents.find((a) => a.groupKey === 'korean');
  return agent ? String(agent.user.id) : null;
}

/** The macros of an account with this staff, active and inactive, in position order. */
export function buildMacros(staff: Staff, anchorSec: number, baseUrl: string): DemoMacro[] {
  return MACRO_DEFINITIONS.map((def, i) => {
    const id = MACRO_ID_BASE + 1 + i;
    // A few hours off the anchor's time of day, fixed per macro, so the stamps look edited by people.
    const hour = 3600 * ((i * 7) % 9);
    return {
      id,
      url: macroUrl(baseUrl, id),
      title: def.title,
      raw_title: def.title,
      active: def.active ?? true,
      description: def.description,
      position: i + 1,
      restriction: null,
      default: false,
      created_at: isoFromUnix(anchorSec - def.createdDaysAgo * DAY - hour),
      updated_at: isoFromUnix(anchorSec - def.updatedDaysAgo * DAY - hour),
      actions: actionsOf(def, staff),
    };
  });
}
