-- A shopper checks out: in one transaction the stock goes down, the order is written, and the
-- payment provider is called (5 ms) before the commit, the way many services do it.
\set product random(1, 10000)
\set customer random(1, 50000)
\set quantity random(1, 3)
BEGIN;
UPDATE products SET stock = stock - :quantity WHERE id = :product;
INSERT INTO orders (customer, product_id, quantity, total_cents)
SELECT :customer, id, :quantity, :quantity * price_cents FROM products WHERE id = :product;
SELECT pg_sleep(0.005);
COMMIT;
