-- A small shop's tables, for `dbpool soak --init shop.sql`: run once, before the runs, in the soak's
-- own schema (first on the search_path, so these unqualified names land there), dropped afterwards.
CREATE TABLE products (
    id          bigint PRIMARY KEY,
    name        text   NOT NULL,
    price_cents bigint NOT NULL,
    stock       bigint NOT NULL
);

INSERT INTO products (id, name, price_cents, stock)
SELECT g, 'product ' || g, 100 + (g * 37) % 9900, 1000000
FROM generate_series(1, 10000) AS g;

CREATE TABLE orders (
    id          bigserial   PRIMARY KEY,
    customer    bigint      NOT NULL,
    product_id  bigint      NOT NULL REFERENCES products (id),
    quantity    int         NOT NULL,
    total_cents bigint      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Some history, so that a customer's order page reads rows.
INSERT INTO orders (customer, product_id, quantity, total_cents)
SELECT 1 + (g::bigint * 7919) % 50000, 1 + (g::bigint * 104729) % 10000, 1, 1000
FROM generate_series(1, 100000) AS g;

CREATE INDEX orders_by_customer ON orders (customer, created_at DESC);
ANALYZE products;
ANALYZE orders;
