// The variables parseEnv requires and nothing else: unit tests spread it and add or override what they are about.
export const minimalEnv = {
  DATABASE_URL: 'postgres://shop:secret@db.example.com:5432/shop',
  UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'token',
  PAYSTACK_SECRET_KEY: 'sk_test_abc123',
  NEXTAUTH_URL: 'https://shop.example.com',
  NEXTAUTH_SECRET: 'x'.repeat(32),
};
