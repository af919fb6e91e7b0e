-- The indicator figures of every commune as a whole (docs/indicators.md), nothing per village and
-- nothing personal: what a national rollup reads beside commune_indicators (docs/scaling.md).
CREATE VIEW commune_indicator_figures AS
SELECT commune_id, month, indicator, num, den FROM indicator_values WHERE area_id = '';
