-- MySQL/MariaDB date functions and syntax.
SELECT DATE_FORMAT(order_date, '%Y-%m') AS month, SUM(total_amount) AS net_sales FROM orders WHERE order_status <> 'cancelled' GROUP BY DATE_FORMAT(order_date, '%Y-%m') ORDER BY month
SELECT YEAR(order_date) AS y, MONTH(order_date) AS m, COUNT(*) FROM orders GROUP BY YEAR(order_date), MONTH(order_date)
SELECT DATE(order_date) AS d, COUNT(*) FROM orders WHERE order_date >= DATE_SUB('2025-12-31', INTERVAL 30 DAY) GROUP BY DATE(order_date)
SELECT WEEK(order_date, 1) AS wk, COUNT(*) FROM orders GROUP BY WEEK(order_date, 1)
SELECT DATEDIFF(delivered_date, order_date) AS days, COUNT(*) FROM orders WHERE delivered_date IS NOT NULL GROUP BY DATEDIFF(delivered_date, order_date)
SELECT TIMESTAMPDIFF(DAY, o.order_date, r.return_date) AS days_to_return FROM returns r JOIN orders o ON o.order_id = r.order_id LIMIT 20
SELECT EXTRACT(YEAR FROM order_date) AS y, COUNT(*) FROM orders GROUP BY EXTRACT(YEAR FROM order_date)
SELECT QUARTER(order_date) AS q, SUM(total_amount) FROM orders GROUP BY QUARTER(order_date)
SELECT DAYOFWEEK(visit_time) AS dow, COUNT(*) FROM visit_logs GROUP BY DAYOFWEEK(visit_time)
SELECT COUNT(*) FROM orders WHERE order_date >= '2025-12-31' - INTERVAL 7 DAY
SELECT CONCAT(YEAR(order_date), '-Q', QUARTER(order_date)) AS q, COUNT(*) FROM orders GROUP BY q
SELECT IF(is_first_order = 1, 'new', 'returning') AS kind, COUNT(*) FROM orders GROUP BY kind
SELECT IFNULL(traffic_source_id, 0) AS src, COUNT(*) FROM orders GROUP BY src
SELECT LAST_DAY(order_date) AS month_end, COUNT(*) FROM orders GROUP BY LAST_DAY(order_date)
SELECT GROUP_CONCAT(DISTINCT channel ORDER BY channel SEPARATOR ', ') AS channels FROM orders
SELECT STR_TO_DATE('2025-01-01', '%Y-%m-%d') AS d
SELECT CAST(order_date AS DATE) AS d, COUNT(*) FROM orders GROUP BY CAST(order_date AS DATE) LIMIT 10
SELECT order_id FROM orders LIMIT 10, 5
SELECT DATE_ADD(MAX(order_date), INTERVAL 1 MONTH) AS next_month FROM orders
SELECT COUNT(*) FROM orders WHERE channel = "amazon"
WITH by_ch AS (SELECT channel, COUNT(*) AS n FROM orders GROUP BY channel) SELECT b.channel, b.n, b.n * 1.0 / tot.total AS share FROM by_ch b CROSS JOIN (SELECT COUNT(*) AS total FROM orders) tot
SELECT product_id, units, RANK() OVER (ORDER BY units DESC) AS rnk FROM (SELECT product_id, SUM(quantity) AS units FROM order_items GROUP BY product_id) t
SELECT order_id, SUM(total_amount) OVER (ORDER BY order_id) AS running FROM orders
WITH ranked AS (SELECT product_id, SUM(quantity) AS units, DENSE_RANK() OVER (ORDER BY SUM(quantity) DESC) AS r FROM order_items GROUP BY product_id) SELECT product_id, units FROM ranked WHERE r <= 10
-- A comma join after an explicit JOIN (node-sql-parser's SQLite grammar does not take this form).
SELECT pc.category_name, SUM(oi.quantity) AS units FROM products p JOIN product_categories pc ON pc.category_id = p.category_id, order_items oi WHERE oi.product_id = p.product_id GROUP BY pc.category_name
-- Size functions whose nested sizes stay small.
SELECT product_id, REPEAT('*', 10) AS bar FROM products ORDER BY product_id LIMIT 5
SELECT CONCAT(product_name, ' #', LPAD(CAST(product_id AS CHAR), 6, '0'), REPEAT('.', 3)) AS label FROM products ORDER BY product_id LIMIT 5
