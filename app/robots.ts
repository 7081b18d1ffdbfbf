// GET /robots.txt: the catalogue is for search engines; what is per visitor or behind a sign-in is not.
import type { MetadataRoute } from 'next';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: '*',
      allow: '/',
      disallow: [
        '/admin',
        '/account',
        '/api/',
        '/cart',
        '/checkout',
        '/orders/',
        '/search',
        '/sign-in',
        '/register',
        '/reset-password',
        '/verify-email',
        '/unsubscribe',
      ],
    },
  };
}
