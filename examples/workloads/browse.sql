-- A shopper browses: a product page (a few products are far more popular than the rest) and their
-- latest orders, then the service renders the page while it still holds the connection.
\set product random_zipfian(1, 10000, 1.1)
\set customer random(1, 50000)
SELECT id, name, price_cents, stock FROM products WHERE id = :product;
SELECT id, product_id, quantity, total_cents
  FROM orders WHERE customer = :customer
 ORDER BY created_at DESC LIMIT 10;
\sleep 5 ms
