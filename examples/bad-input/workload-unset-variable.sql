-- :product has no value yet
SELECT * FROM products WHERE id = :product;
