// The customer pane: identity, value, orders, history and satisfaction.
export { CustomerPane } from './CustomerPane';
