-- opp_families (opportunity_id, family): the product families of each
-- opportunity's line items. Line items whose product is unknown or has no
-- Family are ignored (fine print 5).
SELECT DISTINCT li.opportunity_id, p.family
FROM opportunity_line_items li
JOIN products p ON p.id = li.product2_id
WHERE p.family IS NOT NULL
