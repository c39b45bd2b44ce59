// Japanese customer and agent text (a handful of topics; internal notes stay in English).
import type { LanguageText } from './text-types';
import { TEXT_EN } from './text-en';

export const TEXT_JA: LanguageText = {
  topics: {
    refund: {
      subjects: ['返金のお願い（注文番号 {order}）', '返金がまだ反映されていません'],
      openers: [
        'お世話になっております。一週間以上前に注文番号 {order} の商品を返品しましたが、まだ返金されていません。ご確認いただけますでしょうか。',
        '{amount} の返金をお願いしたいです。商品は未使用のまま保管しております。',
      ],
    },
    shipping_delay: {
      subjects: ['注文した商品が届きません', '配送状況について'],
      openers: [
        '{date}に注文した{product}がまだ届いていません。追跡番号 {tracking} の状況が数日間更新されていません。',
        '注文番号 {order} は昨日届く予定でした。贈り物なので週末までに必要です。',
      ],
    },
    payment_error: {
      subjects: ['二重に請求されています'],
      openers: ['注文番号 {order} の代金 {amount} が、末尾 {card} のカードから二回引き落とされています。一件の取り消しをお願いします。'],
    },
    login_problem: {
      subjects: ['ログインできません'],
      openers: ['パスワードを二回再設定しましたが、まだログインできません。'],
    },
    damaged_item: {
      subjects: ['商品が破損して届きました'],
      openers: ['本日届いた{product}の箱がつぶれていて、商品が割れていました。写真を添付します。交換をお願いします。'],
    },
  },
  followUps: ['ご返信ありがとうございます。その後いかがでしょうか。', '試してみましたが、変わりませんでした。', 'ご依頼の写真を添付します。', 'はい、その内容で進めてください。'],
  thanks: ['解決しました。ありがとうございました！', '確認できました。迅速な対応に感謝します。'],
  agentFirst: ['お問い合わせいただきありがとうございます。ご不便をおかけし申し訳ございません。注文番号 {order} を確認いたします。'],
  agentReplies: ['お待たせしております。倉庫に確認中ですので、分かり次第ご連絡いたします。'],
  agentSolve: ['{amount} の返金手続きが完了しました。カード会社により3〜5営業日で反映されます。ほかにご不明な点があればご返信ください。'],
  agentAsk: ['お手数ですが、商品と梱包の写真をお送りいただけますでしょうか。'],
  notes: TEXT_EN.notes,
  greeting: '{name}様',
  signOff: 'よろしくお願いいたします。\n{agent}',
  csat: [['迅速で丁寧な対応でした。'], ['対応が遅すぎました。']],
};
