// Keys for skeleton placeholders while a page loads: a fixed number of identical boxes that never reorder.
export const placeholderKeys = (count: number, prefix = 'placeholder'): string[] => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
