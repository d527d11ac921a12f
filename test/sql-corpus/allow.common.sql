-- Legitimate analytical queries that must pass on both engines, one per line.
SELECT COUNT(*) AS orders FROM orders
SELECT SUM(total_amount) AS net_sales FROM orders WHERE order_status <> 'cancelled'
SELECT channel, SUM(total_amount) AS net_sales, COUNT(*) AS orders FROM orders WHERE order_status <> 'cancelled' GROUP BY channel ORDER BY net_sales DESC
SELECT country, COUNT(DISTINCT user_id) AS customers FROM orders GROUP BY country
SELECT country, COUNT(DISTINCT email) AS people_with_email FROM users GROUP BY country
SELECT user_level, COUNT(email) AS with_email, COUNT(phone) AS with_phone FROM users GROUP BY user_level HAVING COUNT(DISTINCT email) > 0
SELECT device_type, AVG(total_amount) AS aov FROM orders WHERE order_status <> 'cancelled' GROUP BY device_type HAVING COUNT(*) > 1
SELECT o.order_source, SUM(oi.quantity) AS units FROM orders o JOIN order_items oi ON oi.order_id = o.order_id GROUP BY o.order_source
SELECT pc.category_name, SUM(oi.quantity * oi.unit_price) AS gross FROM order_items oi JOIN products p ON p.product_id = oi.product_id JOIN product_categories pc ON pc.category_id = p.category_id GROUP BY pc.category_name ORDER BY gross DESC LIMIT 10
SELECT parent.category_name AS top_category, SUM(oi.quantity) AS units FROM order_items oi JOIN products p ON p.product_id = oi.product_id JOIN product_categories c ON c.category_id = p.category_id JOIN product_categories parent ON parent.category_id = c.parent_category_id GROUP BY parent.category_name
SELECT p.product_name, p.sku, SUM(oi.quantity) AS units FROM products p LEFT JOIN order_items oi ON oi.product_id = p.product_id GROUP BY p.product_name, p.sku ORDER BY units DESC LIMIT 20
SELECT ts.source_type, COUNT(*) AS sessions FROM visit_logs v JOIN traffic_sources ts ON ts.source_id = v.source_id GROUP BY ts.source_type
SELECT v.device_type, COUNT(DISTINCT v.session_id) AS sessions, COUNT(DISTINCT o.order_id) AS orders FROM visit_logs v LEFT JOIN orders o ON o.session_id = v.session_id GROUP BY v.device_type
SELECT behavior_type, COUNT(*) AS events FROM user_behaviors GROUP BY behavior_type
SELECT mc.campaign_name, mc.budget, COUNT(ocm.order_id) AS orders FROM marketing_campaigns mc LEFT JOIN order_campaign_map ocm ON ocm.campaign_id = mc.campaign_id GROUP BY mc.campaign_name, mc.budget
SELECT mc.campaign_name, SUM(o.total_amount) AS revenue, SUM(o.total_amount) / NULLIF(mc.budget, 0) AS roi FROM marketing_campaigns mc JOIN order_campaign_map ocm ON ocm.campaign_id = mc.campaign_id JOIN orders o ON o.order_id = ocm.order_id GROUP BY mc.campaign_name, mc.budget
SELECT return_reason, COUNT(*) AS n, SUM(refund_amount) AS refunds FROM returns GROUP BY return_reason ORDER BY n DESC
SELECT p.product_name, AVG(r.rating) AS avg_rating, COUNT(*) AS reviews FROM reviews r JOIN products p ON p.product_id = r.product_id GROUP BY p.product_name HAVING COUNT(*) >= 3 ORDER BY avg_rating
SELECT rating, COUNT(*) AS n FROM reviews GROUP BY rating ORDER BY rating
SELECT r.comment, r.rating FROM reviews r WHERE r.rating <= 2 ORDER BY r.review_date DESC LIMIT 20
SELECT product_id, change_date, old_price, new_price, (new_price - old_price) / old_price AS pct FROM price_changes ORDER BY change_date
SELECT product_id, MIN(stock_after) AS min_stock, SUM(CASE WHEN stock_after = 0 THEN 1 ELSE 0 END) AS zero_events FROM inventory_records GROUP BY product_id
SELECT reason, SUM(quantity_change) AS qty FROM inventory_records GROUP BY reason
SELECT CASE WHEN total_amount >= 100 THEN 'large' WHEN total_amount >= 50 THEN 'medium' ELSE 'small' END AS bucket, COUNT(*) AS n FROM orders GROUP BY CASE WHEN total_amount >= 100 THEN 'large' WHEN total_amount >= 50 THEN 'medium' ELSE 'small' END
SELECT is_first_order, COUNT(*) AS orders, SUM(total_amount) AS sales FROM orders WHERE order_status <> 'cancelled' GROUP BY is_first_order
SELECT payment_status, COUNT(*) AS n FROM orders GROUP BY payment_status
SELECT gender, AVG(age) AS avg_age, COUNT(*) AS n FROM users GROUP BY gender
SELECT city, country, COUNT(*) AS users FROM users GROUP BY city, country ORDER BY users DESC LIMIT 15
SELECT user_source, SUM(is_active) AS active FROM users GROUP BY user_source
SELECT COUNT(*) FROM orders WHERE order_date >= '2025-01-01' AND order_date < '2025-02-01'
SELECT COUNT(*) FROM orders WHERE order_date BETWEEN '2025-01-01' AND '2025-01-31 23:59:59'
SELECT order_status, COUNT(*) FROM orders WHERE country IN ('France', 'Canada') GROUP BY order_status
SELECT COUNT(*) FROM orders WHERE session_id IS NULL AND channel <> 'own_website'
SELECT COUNT(*) FROM products WHERE product_name LIKE '%Bikini%'
SELECT brand, COUNT(*) AS products, AVG(current_price) AS avg_price, MAX(current_price) AS max_price, MIN(cost) AS min_cost FROM products GROUP BY brand
SELECT supplier, SUM(stock_quantity) AS stock FROM products WHERE is_active = 1 GROUP BY supplier
SELECT COALESCE(channel, 'all') AS channel, COUNT(*) FROM marketing_campaigns GROUP BY channel
SELECT DISTINCT order_source FROM orders
SELECT COUNT(DISTINCT user_id) FROM orders WHERE is_first_order = 1
SELECT o.country, COUNT(DISTINCT u.email) AS buyers FROM orders o JOIN users u ON u.user_id = o.user_id GROUP BY o.country
SELECT u.user_level, AVG(o.total_amount) AS aov FROM orders o JOIN users u ON u.user_id = o.user_id GROUP BY u.user_level
SELECT u.country, COUNT(*) AS orders FROM users u JOIN orders o USING (user_id) GROUP BY u.country
SELECT * FROM order_items LIMIT 5
SELECT oi.* FROM order_items oi JOIN orders o ON o.order_id = oi.order_id WHERE o.country = 'France' LIMIT 10
SELECT * FROM product_categories
SELECT t.* FROM traffic_sources t
SELECT o.order_id, o.total_amount FROM orders o ORDER BY o.total_amount DESC LIMIT 5000
SELECT order_id FROM orders LIMIT 10 OFFSET 20
SELECT product_id FROM products WHERE product_id IN (SELECT product_id FROM order_items GROUP BY product_id HAVING SUM(quantity) > 10)
SELECT product_id FROM products p WHERE EXISTS (SELECT 1 FROM returns r JOIN order_items oi ON oi.order_item_id = r.order_item_id WHERE oi.product_id = p.product_id)
SELECT product_id FROM products p WHERE NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.product_id = p.product_id)
SELECT p.product_name, (SELECT COUNT(*) FROM reviews r WHERE r.product_id = p.product_id) AS reviews FROM products p
SELECT x.channel, x.sales FROM (SELECT channel, SUM(total_amount) AS sales FROM orders GROUP BY channel) x WHERE x.sales > 0
SELECT AVG(n) AS items_per_order FROM (SELECT order_id, COUNT(*) AS n FROM order_items GROUP BY order_id) t
WITH sales AS (SELECT channel, SUM(total_amount) AS s FROM orders WHERE order_status <> 'cancelled' GROUP BY channel) SELECT channel, s FROM sales ORDER BY s DESC
WITH firsts AS (SELECT user_id, MIN(order_date) AS first_date FROM orders GROUP BY user_id), repeaters AS (SELECT f.user_id FROM firsts f JOIN orders o ON o.user_id = f.user_id AND o.order_date > f.first_date GROUP BY f.user_id) SELECT COUNT(*) AS repeat_customers FROM repeaters
WITH t AS (SELECT country, COUNT(DISTINCT email) AS e FROM users GROUP BY country) SELECT * FROM t
SELECT channel, n, n * 1.0 / (SELECT COUNT(*) FROM orders) AS share FROM (SELECT channel, COUNT(*) AS n FROM orders GROUP BY channel) c
SELECT o.channel, SUM(o.total_amount) AS s FROM orders o JOIN (SELECT MAX(order_date) AS d FROM orders) m ON o.order_date > m.d GROUP BY o.channel
SELECT channel, order_id, total_amount, ROW_NUMBER() OVER (PARTITION BY channel ORDER BY total_amount DESC) AS rn FROM orders
SELECT product_id, change_date, new_price, LAG(new_price) OVER (PARTITION BY product_id ORDER BY change_date) AS prev_price FROM price_changes
SELECT country, COUNT(email) OVER (PARTITION BY country) AS emails FROM users
SELECT 'own' AS kind, COUNT(*) AS n FROM orders WHERE channel = 'own_website' UNION ALL SELECT 'market', COUNT(*) FROM orders WHERE channel <> 'own_website'
SELECT channel AS k, SUM(total_amount) AS v FROM orders GROUP BY channel UNION SELECT 'total', SUM(total_amount) FROM orders ORDER BY v DESC
SELECT COUNT(*) AS n FROM returns UNION ALL SELECT COUNT(*) FROM reviews
SELECT ROUND(SUM(total_amount), 2) AS s, ROUND(AVG(discount_amount), 2) AS d FROM orders
SELECT SUM(discount_amount) / NULLIF(SUM(total_amount + discount_amount), 0) AS discount_rate FROM orders WHERE order_status <> 'cancelled'
SELECT SUM((oi.unit_price - p.cost) * oi.quantity) AS gross_margin FROM order_items oi JOIN products p ON p.product_id = oi.product_id
SELECT COUNT(*) FROM orders WHERE order_status = 'cancelled' OR (payment_status = 'refunded' AND total_amount > 10)
SELECT LOWER(channel) AS c, UPPER(country) AS k, LENGTH(country) AS l FROM orders GROUP BY channel, country
SELECT ABS(new_price - old_price) AS diff FROM price_changes ORDER BY diff DESC LIMIT 3
SELECT CAST(total_amount AS INTEGER) AS whole FROM orders LIMIT 3
SELECT MAX(order_date) AS latest, MIN(order_date) AS earliest FROM orders
SELECT REPLACE(page_url, 'https://', '') AS page, COUNT(*) FROM visit_logs GROUP BY page_url
SELECT SUBSTR(sku, 1, 3) AS prefix, COUNT(*) FROM products GROUP BY SUBSTR(sku, 1, 3)
SELECT AVG(stay_duration) AS avg_stay FROM visit_logs WHERE country = 'Australia'
SELECT COUNT(*) FROM visit_logs WHERE referrer_url IS NOT NULL
SELECT COUNT(*) FROM orders o WHERE o.traffic_source_id IN (SELECT source_id FROM traffic_sources WHERE source_type LIKE 'paid%')
SELECT CASE channel WHEN 'amazon' THEN 'Amazon' ELSE 'Other' END AS ch, COUNT(*) FROM orders GROUP BY CASE channel WHEN 'amazon' THEN 'Amazon' ELSE 'Other' END
SELECT r.return_status, COUNT(*) FROM returns r LEFT JOIN orders o ON o.order_id = r.order_id GROUP BY r.return_status
SELECT 1 AS one
SELECT  COUNT(*)  FROM  orders  -- total orders
SELECT COUNT(*) /* all orders */ FROM orders;
SELECT COUNT(*) FROM orders WHERE country = 'Côte d''Ivoire'
SELECT COUNT(*) FROM reviews WHERE comment LIKE '%love it%'
select count(*) from ORDERS where CHANNEL = 'amazon'
SELECT o.order_id, o.total_amount FROM orders AS o INNER JOIN order_items AS i ON i.order_id = o.order_id AND i.quantity > 1 LIMIT 10
SELECT COUNT(*) FROM orders WHERE shipped_date IS NOT NULL AND delivered_date IS NULL
-- Old-style comma joins whose tables are all linked by WHERE equalities (a connected join graph).
SELECT o.order_source, SUM(oi.quantity) AS units FROM orders o, order_items oi WHERE oi.order_id = o.order_id GROUP BY o.order_source
SELECT COUNT(*) AS n FROM orders o, users u WHERE o.user_id = u.user_id
SELECT p.product_name, SUM(oi.quantity) AS units FROM orders o, order_items oi, products p WHERE oi.order_id = o.order_id AND p.product_id = oi.product_id AND o.order_status <> 'cancelled' GROUP BY p.product_name ORDER BY units DESC LIMIT 10
