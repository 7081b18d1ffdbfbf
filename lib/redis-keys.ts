// Every Redis key the app uses and its TTL, in one place (DESIGN.md "Redis keys and TTLs").
export const redisKeys = {
  guestCart: (sessionId: string) => `cart:session:${sessionId}`,
  userCart: (userId: string) => `cart:user:${userId}`,
  reservation: (orderId: string) => `reservation:${orderId}`,
  paymentIntent: (reference: string) => `payment:intent:${reference}`,
} as const;

export const redisTtlSeconds = {
  guestCart: 7 * 24 * 60 * 60,
  userCart: 30 * 24 * 60 * 60,
  reservation: 15 * 60,
  paymentIntent: 20 * 60,
} as const;
