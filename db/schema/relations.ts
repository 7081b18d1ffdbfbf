import { relations } from 'drizzle-orm';
import { cartItems, carts } from './carts';
import { categories, productImages, products, productVariants } from './catalog';
import { emailDeliveries, invoices } from './documents';
import { fulfillmentLines, fulfillments } from './fulfillments';
import { inventoryReservations } from './inventory';
import { orderItems, orders } from './orders';
import { payments } from './payments';
import { checkoutRecoveries } from './recovery';
import { refunds } from './refunds';
import { users } from './users';

export const usersRelations = relations(users, ({ many, one }) => ({
  orders: many(orders),
  cart: one(carts, { fields: [users.id], references: [carts.userId] }),
}));

export const categoriesRelations = relations(categories, ({ many }) => ({ products: many(products) }));

export const productsRelations = relations(products, ({ one, many }) => ({
  category: one(categories, { fields: [products.categoryId], references: [categories.id] }),
  variants: many(productVariants),
  images: many(productImages),
}));

export const productImagesRelations = relations(productImages, ({ one }) => ({
  product: one(products, { fields: [productImages.productId], references: [products.id] }),
}));

export const productVariantsRelations = relations(productVariants, ({ one, many }) => ({
  product: one(products, { fields: [productVariants.productId], references: [products.id] }),
  reservations: many(inventoryReservations),
}));

export const cartsRelations = relations(carts, ({ one, many }) => ({
  user: one(users, { fields: [carts.userId], references: [users.id] }),
  items: many(cartItems),
}));

export const cartItemsRelations = relations(cartItems, ({ one }) => ({
  cart: one(carts, { fields: [cartItems.cartId], references: [carts.id] }),
  variant: one(productVariants, { fields: [cartItems.variantId], references: [productVariants.id] }),
}));

export const ordersRelations = relations(orders, ({ one, many }) => ({
  user: one(users, { fields: [orders.userId], references: [users.id] }),
  items: many(orderItems),
  reservations: many(inventoryReservations),
  payments: many(payments),
  refunds: many(refunds),
  invoice: one(invoices, { fields: [orders.id], references: [invoices.orderId] }),
  fulfillments: many(fulfillments),
}));

export const fulfillmentsRelations = relations(fulfillments, ({ one, many }) => ({
  order: one(orders, { fields: [fulfillments.orderId], references: [orders.id] }),
  lines: many(fulfillmentLines),
}));

export const fulfillmentLinesRelations = relations(fulfillmentLines, ({ one }) => ({
  fulfillment: one(fulfillments, { fields: [fulfillmentLines.fulfillmentId], references: [fulfillments.id] }),
  item: one(orderItems, { fields: [fulfillmentLines.orderItemId], references: [orderItems.id] }),
}));

export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
  variant: one(productVariants, { fields: [orderItems.variantId], references: [productVariants.id] }),
}));

export const inventoryReservationsRelations = relations(inventoryReservations, ({ one }) => ({
  order: one(orders, { fields: [inventoryReservations.orderId], references: [orders.id] }),
  variant: one(productVariants, { fields: [inventoryReservations.variantId], references: [productVariants.id] }),
}));

export const paymentsRelations = relations(payments, ({ one, many }) => ({
  order: one(orders, { fields: [payments.orderId], references: [orders.id] }),
  refunds: many(refunds),
}));

export const refundsRelations = relations(refunds, ({ one }) => ({
  payment: one(payments, { fields: [refunds.paymentId], references: [payments.id] }),
  order: one(orders, { fields: [refunds.orderId], references: [orders.id] }),
  requester: one(users, { fields: [refunds.requestedBy], references: [users.id] }),
}));

export const invoicesRelations = relations(invoices, ({ one }) => ({
  order: one(orders, { fields: [invoices.orderId], references: [orders.id] }),
}));

export const emailDeliveriesRelations = relations(emailDeliveries, ({ one }) => ({
  order: one(orders, { fields: [emailDeliveries.orderId], references: [orders.id] }),
  refund: one(refunds, { fields: [emailDeliveries.refundId], references: [refunds.id] }),
}));

export const checkoutRecoveriesRelations = relations(checkoutRecoveries, ({ one }) => ({
  order: one(orders, { fields: [checkoutRecoveries.orderId], references: [orders.id] }),
}));
