// SLA in the UI: the badge with its live countdown, the at-risk notifier (a desktop notification, or
// an alert in the status bar) and the Settings section that turns desktop notifications on.
export { SlaBadge } from './SlaBadge';
export { SlaHelpdeskVerdict } from './SlaHelpdeskVerdict';
export { SlaNotifier } from './SlaNotifier';
export { SlaAlerts } from './SlaAlerts';
export { NotificationSettings } from './NotificationSettings';
export { SlaPolicySettings } from './policies/SlaPolicySettings';
