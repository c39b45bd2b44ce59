// English customer and agent text.
import type { LanguageText } from './text-types';

export const TEXT_EN: LanguageText = {
  topics: {
    refund: {
      subjects: ['Refund request for order {order}', 'Still waiting for my refund', 'Refund for returned {product}', 'How long does a refund take?'],
      openers: [
        'Hi, I returned the {product} from order {order} more than a week ago and I still have not received my refund. The tracking shows it was delivered back to you. Can you check what is going on?',
        'Hello, I would like a refund for order {order}. The {product} is not what I expected and I have not used it. What do I need to do?',
        'I was told my refund of {amount} would show up in 3-5 business days. It has been ten days now. Please look into this.',
      ],
    },
    shipping_delay: {
      subjects: ['Where is my order {order}?', 'Order not delivered yet', 'Tracking has not updated in days', 'Delivery is late'],
      openers: [
        'Hi, I ordered a {product} on {date} and it still has not arrived. The tracking number {tracking} has not updated in four days. Can you tell me where it is?',
        'My order {order} was supposed to arrive yesterday. It is a birthday present so I really need it by the weekend. Is there anything you can do?',
        'Hello, the tracking page says "label created" but nothing else since last week. Has my order actually shipped?',
      ],
    },
    payment_error: {
      subjects: ['Charged twice for order {order}', 'Payment keeps failing', 'Card declined at checkout'],
      openers: [
        'I was charged twice for order {order}. My bank shows two payments of {amount} on the card ending {card}. Please refund the duplicate.',
        'Every time I try to pay I get "payment could not be processed". My card works everywhere else. What is wrong?',
        'The checkout took my money but I never got an order confirmation and nothing shows up in my account.',
      ],
    },
    cancel_order: {
      subjects: ['Please cancel order {order}', 'Cancel my order', 'Ordered the wrong item'],
      openers: [
        'Hi, I just placed order {order} and picked the wrong colour. Can you cancel it before it ships?',
        'Please cancel my order {order}. I found the {product} cheaper elsewhere. It has not shipped yet according to my account.',
      ],
    },
    login_problem: {
      subjects: ["Can't log in to my account", 'Password reset email never arrives', 'Account locked'],
      openers: [
        "I can't log in. I reset my password twice and it still says the password is wrong. The reset email took an hour to arrive the second time.",
        'Your app says my account is temporarily locked. I only tried a couple of times. How do I unlock it?',
        'I never receive the password reset email. I checked spam. My email is the one on this ticket.',
      ],
    },
    damaged_item: {
      subjects: ['{product} arrived damaged', 'Broken item in my order', 'Defective {product}'],
      openers: [
        'The {product} from order {order} arrived today and the box was crushed. The item itself is cracked. Photos attached. I would like a replacement.',
        'My new {product} does not turn on at all. I charged it overnight. I think it is defective.',
      ],
    },
    exchange: {
      subjects: ['Exchange for a different size', 'Can I swap the colour?'],
      openers: [
        'The {product} I ordered is a size too small. Can I exchange it for the next size up? Order {order}.',
        'I ordered the wrong colour by mistake. Is it possible to exchange it instead of returning it?',
      ],
    },
    app_bug: {
      subjects: ['App crashes when I open my cart', 'Checkout button does nothing', 'Bug after the latest update'],
      openers: [
        'Since the last update the app crashes every time I open the cart. I am on an iPhone 15 with the latest iOS.',
        'On the website the "Continue to payment" button does nothing. I tried Chrome and Safari.',
        'The app shows my order history as empty even though I have several orders.',
      ],
    },
    promo_code: {
      subjects: ['Discount code not working', 'Promo code rejected at checkout'],
      openers: [
        'The 15% code from your newsletter says it is invalid. It should be valid until the end of the month.',
        'I forgot to apply my discount code on order {order}. Can you still apply it?',
      ],
    },
    subscription_cancel: {
      subjects: ['Cancel my subscription', 'Charged after cancelling subscription'],
      openers: [
        'I want to cancel my monthly subscription but I cannot find the option anywhere in my account.',
        'I cancelled my subscription last month but I was charged {amount} again today. Please refund it.',
      ],
    },
    address_change: {
      subjects: ['Change delivery address for {order}', 'Wrong shipping address'],
      openers: [
        'I entered my old address for order {order}. Can you change it before it ships? The new address is in my account.',
        'Can I have my order delivered to my office instead? It has not shipped yet.',
      ],
    },
    product_question: {
      subjects: ['Question about the {product}', 'Is the {product} waterproof?', 'When will the {product} be back in stock?'],
      openers: [
        'Before I order: is the {product} waterproof, or only splash resistant?',
        'The {product} has been out of stock for weeks. Do you know when it will be back?',
        'Does the {product} come with a warranty, and how long is it?',
      ],
    },
  },
  followUps: [
    'Thanks for getting back to me. Any update?',
    'I tried that and it did not help, unfortunately.',
    'Here is the photo you asked for.',
    'It has been a few days now. Can someone please look at this?',
    'Yes, please go ahead.',
    'Sorry, one more question: will I get an email when it is done?',
    'I still have not heard anything. This is getting frustrating.',
    'OK, I will wait then.',
    'The order number is {order}, in case you need it again.',
  ],
  thanks: ['That worked, thank you so much!', 'Got it, thanks for the quick help.', 'Perfect, all sorted. Thanks!'],
  agentFirst: [
    "Thanks for reaching out, and sorry for the trouble. I'm looking into order {order} now and will get back to you shortly.",
    "Thanks for contacting us. I've checked your account and I can see the order. Let me confirm a couple of details with our team.",
    "I'm sorry about this. I've escalated it to the right team and I'll keep you posted here.",
  ],
  agentReplies: [
    "Thanks for your patience. I've asked our warehouse to check and I'll update you as soon as I hear back.",
    "I've added a note to your order so the team can prioritise it.",
    'Thanks for the details, that helps a lot.',
    "Quick update: we're still waiting on the carrier, but I haven't forgotten about you.",
  ],
  agentSolve: [
    "Good news: this is done. You'll see the refund of {amount} on your card within 3-5 business days. I'll mark this ticket as solved, but just reply if anything else comes up.",
    "I've sent a replacement with express shipping, tracking number {tracking}. I'll close this ticket for now; reply here any time.",
    "That's all fixed on our side. Thanks for bearing with us!",
  ],
  agentAsk: [
    'Could you send me a photo of the item and the packaging? Then I can get this sorted.',
    'Can you confirm the email address you used to place the order?',
    'Could you tell me which device and app version you are using?',
  ],
  notes: [
    'Checked with the warehouse: parcel is stuck at the sorting centre. Carrier claim opened.',
    'Duplicate charge confirmed in the payment logs. Asked finance to void one of them.',
    'VIP customer, please waive the return shipping fee.',
    'Third ticket about this crash this week. Filed a bug with the app team.',
    'Called the customer, no answer. Will try again tomorrow.',
    'Refund approved by team lead.',
  ],
  greeting: 'Hi {name},',
  signOff: 'Best,\n{agent}',
  csat: [
    ['Quick and friendly, thanks!', 'Great support.', 'Solved my problem in one reply.'],
    ['Took far too long.', 'I had to explain everything three times.', 'Still not happy with the outcome.'],
  ],
};
