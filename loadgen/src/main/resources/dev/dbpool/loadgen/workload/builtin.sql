-- dbpool soak's built-in workload (dbpool soak --workload builtin --print).
-- One request, one transaction on the soak's accounts table (100,000 rows, created by the soak):
-- a primary-key SELECT, an UPDATE of the same row, and a 6 ms hold on the server, the time a
-- real request keeps its connection for work the soak does not model.
-- --rows, --write-percent and --hold change the built-in workload, not a copy of this script.
\set id random(1, 100000)
BEGIN;
SELECT balance FROM accounts WHERE id = :id;
UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id = :id;
SELECT pg_sleep(0.006);
COMMIT;
