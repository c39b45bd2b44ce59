// Global search across cases, messages and customers.
export { SearchArea } from './SearchArea';
export { focusSearchBox } from './search-store';
