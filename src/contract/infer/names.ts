/** Naming conventions the inference reads: plurals, id parameters, paging and wrapper property names. */

/** `pets` -> `pet`, `categories` -> `category`, `addresses` -> `address`, `aliases` -> `alias`; other words unchanged. */
export function singular(word: string): string {
  if (/ies$/i.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh|ias|us)es$/i.test(word)) return word.slice(0, -2);
  if (/s$/i.test(word) && !/ss$/i.test(word) && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * Property names an item path parameter may stand for, best first: `petId` -> petId, id; `pet_id` -> pet_id,
 * id; `collectionName` -> collectionName, name; `Sid` -> Sid, sid; then the usual key names.
 */
export function keyCandidates(parameter: string, resource: string): string[] {
  return [...new Set([...namedKeyCandidates(parameter, resource), 'id', 'uuid', 'key', 'name', 'slug'])];
}

/** The candidates the parameter's own name gives (`petId` -> petId, id), without the usual fallbacks. */
export function namedKeyCandidates(parameter: string, resource: string): string[] {
  const candidates = [parameter];
  const idSuffix = /^(.+?)(?:_id|Id|ID|_Id)$/.exec(parameter);
  if (idSuffix) candidates.push('id');
  const words = parameter.split(/_|(?=[A-Z])/).filter(Boolean);
  if (words.length > 1) {
    const last = words[words.length - 1];
    candidates.push(last.toLowerCase(), last);
  }
  const prefix = resource.toLowerCase();
  if (parameter.toLowerCase().startsWith(prefix) && parameter.length > prefix.length) {
    const rest = parameter.slice(prefix.length).replace(/^[_-]/, '');
    candidates.push(rest.charAt(0).toLowerCase() + rest.slice(1));
  }
  return [...new Set(candidates)];
}

export const LIMIT_PARAMS = ['limit', 'per_page', 'perPage', 'page_size', 'pageSize', 'PageSize', 'size', 'max_results', 'maxResults', 'top', '$top', 'count'];
export const OFFSET_PARAMS = ['offset', 'skip', 'start', '$skip'];
export const PAGE_PARAMS = ['page', 'Page', 'page_number', 'pageNumber', 'PageNumber'];
export const CURSOR_PARAMS = ['cursor', 'after', 'starting_after', 'page_token', 'pageToken', 'PageToken', 'next', 'next_token', 'continuation'];

/** Properties of a list envelope that hold the items, best first. */
export const ITEMS_PROPERTIES = ['data', 'items', 'results', 'records', 'entries', 'content', 'list', 'rows', 'values', 'hits', 'objects', 'elements'];
/** Properties of a record envelope that hold the record. */
export const RECORD_PROPERTIES = ['data', 'item', 'result', 'record', 'object', 'resource', 'entity'];
/** Properties of a list envelope that hold the total count. */
export const TOTAL_PROPERTIES = ['total', 'count', 'total_count', 'totalCount', 'total_items', 'totalItems', 'total_results', 'totalResults', 'totalElements', 'found', 'size'];
/** Objects of a list envelope that hold paging facts, the total among them (`{data, meta: {total, page}}`). */
export const PAGING_OBJECTS = ['meta', 'pagination', 'paging', 'page_info', 'pageInfo', '_meta', 'page'];

/** Timestamps the server sets: `createdAt`, `created_at`, `dateCreated`, `updated`... */
export function timestampRole(name: string): 'created' | 'updated' | undefined {
  if (/(updat|modif|changed|edited)/i.test(name)) return 'updated';
  if (/(creat|added|inserted|registered)/i.test(name)) return 'created';
  return undefined;
}

/** Envelope flags that say another page follows (`{data: [...], has_more: true}`). */
export const HAS_MORE_PROPERTIES = ['has_more', 'hasMore', 'has_next', 'hasNext', 'has_next_page', 'hasNextPage', 'more'];
