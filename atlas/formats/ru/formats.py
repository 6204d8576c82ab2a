# Dates with the month in the genitive ("31 грудня 2026"), also without
# the year ("щороку до 31 грудня"), and without the year abbreviation,
# whose period doubled the one ending a sentence ("2026 р..").
DATE_FORMAT = "j E Y"
MONTH_DAY_FORMAT = "j E"
YEAR_MONTH_FORMAT = "F Y"
