-- The demo's SQL history, run by build-warehouse.sh after the Parquet loads: each statement is one commit on
-- riders (ALTER TABLE is an ALTER_SCHEMA commit, UPDATE and INSERT upsert, DELETE deletes by key).
ALTER TABLE riders ADD COLUMNS (email STRING);
UPDATE riders SET email = lower(name) || '@example.com' WHERE tier <> 'basic';
DELETE FROM riders WHERE rider_id = 'rider-F';
INSERT INTO riders (rider_id, ts, name, tier, signup_date, email)
VALUES ('rider-H', 3, 'Hana', 'basic', DATE '2026-11-01', 'hana@example.com');
