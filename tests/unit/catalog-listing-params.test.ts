// How listing and search URLs are read and written: one canonical URL per page, junk rejected.
import { describe, expect, it } from 'vitest';
import { listingHref, pageWindow, parseListingParams, parseSearchParams, SEARCH_MAX_LENGTH } from '@/components/catalog/listing-params';
import { likePattern, prefixQueryText } from '@/db/queries/catalog-search';

describe('parseListingParams', () => {
  it('defaults to the featured order, page 1', () => {
    expect(parseListingParams({})).toEqual({ sort: 'featured', page: 1 });
  });
  it('reads a known sort and a page number', () => {
    expect(parseListingParams({ sort: 'price-desc', page: '3' })).toEqual({ sort: 'price-desc', page: 3 });
  });
  it('shows the default order for an unknown sort', () => {
    expect(parseListingParams({ sort: 'cheapest' })?.sort).toBe('featured');
  });
  it.each(['0', '-1', '1.5', 'two', '01', '9999999', ''])('rejects page %j', (page) => {
    expect(parseListingParams({ page })).toBeNull();
  });
  it('takes the first of repeated parameters', () => {
    expect(parseListingParams({ page: ['2', '5'], sort: ['newest', 'price-asc'] })).toEqual({ sort: 'newest', page: 2 });
  });
});

describe('parseSearchParams', () => {
  it('trims the query', () => {
    expect(parseSearchParams({ q: '  linen  ' })).toEqual({ kind: 'query', q: 'linen', page: 1 });
  });
  it('treats a missing or blank query as no search', () => {
    expect(parseSearchParams({})).toEqual({ kind: 'empty' });
    expect(parseSearchParams({ q: '   ' })).toEqual({ kind: 'empty' });
  });
  it('refuses an over-long query with a message', () => {
    const result = parseSearchParams({ q: 'a'.repeat(SEARCH_MAX_LENGTH + 1) });
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toContain(`${SEARCH_MAX_LENGTH} characters`);
  });
  it('flags a malformed page', () => {
    expect(parseSearchParams({ q: 'hat', page: 'x' })).toEqual({ kind: 'bad_page' });
  });
});

describe('listingHref', () => {
  it('leaves defaults out so each page has one address', () => {
    expect(listingHref('/category/home', { sort: 'featured', page: 1 })).toBe('/category/home');
    expect(listingHref('/category/home', { sort: 'price-asc', page: 2 })).toBe('/category/home?sort=price-asc&page=2');
    expect(listingHref('/search', { q: 'adire shirt', page: 2 })).toBe('/search?q=adire+shirt&page=2');
  });
});

describe('pageWindow', () => {
  it('lists every page when there are few', () => {
    expect(pageWindow(2, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it('shows first, last and neighbours with gaps when there are many', () => {
    expect(pageWindow(10, 20)).toEqual([1, null, 9, 10, 11, null, 20]);
    expect(pageWindow(1, 20)).toEqual([1, 2, null, 20]);
    expect(pageWindow(20, 20)).toEqual([1, null, 19, 20]);
    expect(pageWindow(3, 20)).toEqual([1, 2, 3, 4, null, 20]);
  });
});

describe('search text helpers', () => {
  it('turns words into a prefix query and drops tsquery syntax', () => {
    expect(prefixQueryText('Sneak')).toBe('sneak:*');
    expect(prefixQueryText("knit & 'sneak'! | :*")).toBe('knit:* & sneak:*');
    expect(prefixQueryText('àdìre')).toBe('àdìre:*');
    expect(prefixQueryText('!!! ---')).toBeNull();
  });
  it('escapes LIKE wildcards typed by the shopper', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
