// Spanish customer and agent text (a handful of topics; internal notes stay in English).
import type { LanguageText } from './text-types';
import { TEXT_EN } from './text-en';

export const TEXT_ES: LanguageText = {
  topics: {
    refund: {
      subjects: ['Solicitud de reembolso del pedido {order}', 'Todavía no he recibido mi reembolso'],
      openers: [
        'Hola, devolví el pedido {order} hace más de una semana y todavía no he recibido el reembolso. ¿Podéis revisarlo, por favor?',
        'Buenas tardes, quiero solicitar el reembolso de {amount}. El producto no era lo que esperaba y no lo he usado.',
      ],
    },
    shipping_delay: {
      subjects: ['¿Dónde está mi pedido {order}?', 'El pedido no ha llegado'],
      openers: [
        'Hola, hice un pedido el {date} y aún no ha llegado. El número de seguimiento {tracking} no se actualiza desde hace días.',
        'Mi pedido {order} tenía que llegar ayer. Es un regalo y lo necesito antes del fin de semana.',
      ],
    },
    payment_error: {
      subjects: ['Me habéis cobrado dos veces', 'Error en el pago'],
      openers: ['Me han cobrado dos veces el pedido {order}, dos cargos de {amount} en la tarjeta terminada en {card}. Por favor, devolvedme uno.'],
    },
    login_problem: {
      subjects: ['No puedo iniciar sesión'],
      openers: ['No puedo entrar en mi cuenta. He cambiado la contraseña dos veces y sigue diciendo que es incorrecta.'],
    },
    damaged_item: {
      subjects: ['El producto ha llegado roto'],
      openers: ['El {product} del pedido {order} ha llegado con la caja aplastada y el producto roto. Adjunto fotos. Quiero un cambio.'],
    },
  },
  followUps: ['Gracias por la respuesta. ¿Hay alguna novedad?', 'Lo he probado y sigue igual.', 'Adjunto la foto que me pedisteis.', 'Sí, adelante, por favor.'],
  thanks: ['¡Perfecto, muchas gracias por la ayuda!', 'Recibido, gracias.'],
  agentFirst: ['Gracias por escribirnos y disculpa las molestias. Ya estoy revisando el pedido {order} y te respondo enseguida.'],
  agentReplies: ['Gracias por tu paciencia. Hemos pedido información al almacén y te avisaremos en cuanto sepamos algo.'],
  agentSolve: ['Listo: el reembolso de {amount} aparecerá en tu tarjeta en 3-5 días hábiles. Marco el ticket como resuelto; responde si necesitas algo más.'],
  agentAsk: ['¿Puedes enviarnos una foto del producto y del embalaje?'],
  notes: TEXT_EN.notes,
  greeting: 'Hola {name}:',
  signOff: 'Un saludo,\n{agent}',
  csat: [['Rápido y amable, gracias.'], ['Ha tardado demasiado.']],
};
