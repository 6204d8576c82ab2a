# Arabic-script separators for the decimal point and thousands ("1٬500٫50");
# the digits stay Western Arabic, as in the site's translations.
DECIMAL_SEPARATOR = "٫"
THOUSAND_SEPARATOR = "٬"
NUMBER_GROUPING = 3
