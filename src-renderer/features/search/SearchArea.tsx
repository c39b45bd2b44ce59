import { SearchBox } from './SearchBox';
import { SearchResults } from './SearchResults';
import './search.css';

/** The search box with its results panel anchored beneath it. */
export function SearchArea() {
  return (
    <div className="search-area">
      <SearchBox />
      <SearchResults />
    </div>
  );
}
