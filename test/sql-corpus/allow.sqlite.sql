-- SQLite date functions and syntax.
SELECT strftime('%Y-%m', order_date) AS month, SUM(total_amount) AS net_sales FROM orders WHERE order_status <> 'cancelled' GROUP BY strftime('%Y-%m', order_date) ORDER BY month
SELECT date(order_date) AS d, COUNT(*) FROM orders WHERE order_date >= date('2025-12-31', '-30 days') GROUP BY date(order_date)
SELECT date(order_date, 'start of month') AS m, COUNT(*) FROM orders GROUP BY m
SELECT strftime('%W', order_date) AS wk, COUNT(*) FROM orders GROUP BY wk
SELECT CAST(julianday(delivered_date) - julianday(order_date) AS INTEGER) AS days, COUNT(*) FROM orders WHERE delivered_date IS NOT NULL GROUP BY days
SELECT CAST(strftime('%w', visit_time) AS INTEGER) AS dow, COUNT(*) FROM visit_logs GROUP BY dow
SELECT substr(order_date, 1, 7) AS month, COUNT(*) FROM orders GROUP BY month
SELECT channel || '/' || country AS k, COUNT(*) FROM orders GROUP BY k
SELECT IFNULL(traffic_source_id, 0) AS src, COUNT(*) FROM orders GROUP BY src
SELECT iif(is_first_order = 1, 'new', 'returning') AS kind, COUNT(*) FROM orders GROUP BY kind
SELECT group_concat(DISTINCT channel) AS channels FROM orders
SELECT printf('%.2f', SUM(total_amount)) AS s FROM orders
SELECT datetime(MAX(order_date), '+1 month') AS next_month FROM orders
SELECT COUNT(*) FROM orders WHERE order_date >= datetime('2025-12-31', '-7 days')
SELECT (strftime('%m', order_date) + 2) / 3 AS q, SUM(total_amount) FROM orders GROUP BY q
WITH by_ch AS (SELECT channel, COUNT(*) AS n FROM orders GROUP BY channel) SELECT b.channel, b.n, b.n * 1.0 / tot.total AS share FROM by_ch b JOIN (SELECT COUNT(*) AS total FROM orders) tot ON tot.total > 0
SELECT product_id, units, RANK() OVER (PARTITION BY 1 ORDER BY units DESC) AS rnk FROM (SELECT product_id, SUM(quantity) AS units FROM order_items GROUP BY product_id) t
SELECT order_id, SUM(total_amount) OVER (PARTITION BY 1 ORDER BY order_id) AS running FROM orders
WITH ranked AS (SELECT product_id, SUM(quantity) AS units, DENSE_RANK() OVER (PARTITION BY 1 ORDER BY SUM(quantity) DESC) AS r FROM order_items GROUP BY product_id) SELECT product_id, units FROM ranked WHERE r <= 10
