"""The EU countries the shop ships to, Germany first (shop/countries.py): without
rows here a fresh database cannot take an order for a printed book."""

from django.db import migrations

# ISO 3166-1 alpha-2, alpha-3, numeric, English name (shown translated).
COUNTRIES = [
    ("DE", "DEU", "276", "Germany"), ("AT", "AUT", "040", "Austria"),
    ("BE", "BEL", "056", "Belgium"), ("BG", "BGR", "100", "Bulgaria"),
    ("HR", "HRV", "191", "Croatia"), ("CY", "CYP", "196", "Cyprus"),
    ("CZ", "CZE", "203", "Czechia"), ("DK", "DNK", "208", "Denmark"),
    ("EE", "EST", "233", "Estonia"), ("FI", "FIN", "246", "Finland"),
    ("FR", "FRA", "250", "France"), ("GR", "GRC", "300", "Greece"),
    ("HU", "HUN", "348", "Hungary"), ("IE", "IRL", "372", "Ireland"),
    ("IT", "ITA", "380", "Italy"), ("LV", "LVA", "428", "Latvia"),
    ("LT", "LTU", "440", "Lithuania"), ("LU", "LUX", "442", "Luxembourg"),
    ("MT", "MLT", "470", "Malta"), ("NL", "NLD", "528", "Netherlands"),
    ("PL", "POL", "616", "Poland"), ("PT", "PRT", "620", "Portugal"),
    ("RO", "ROU", "642", "Romania"), ("SK", "SVK", "703", "Slovakia"),
    ("SI", "SVN", "705", "Slovenia"), ("ES", "ESP", "724", "Spain"),
    ("SE", "SWE", "752", "Sweden"),
]


def add_countries(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    for code, alpha3, numeric, name in COUNTRIES:
        Country.objects.update_or_create(
            iso_3166_1_a2=code,
            defaults={
                "iso_3166_1_a3": alpha3,
                "iso_3166_1_numeric": numeric,
                "name": name,
                "printable_name": name,
                "is_shipping_country": True,
                # Higher comes first: Germany, then Austria, then by name.
                "display_order": {"DE": 2, "AT": 1}.get(code, 0),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("address", "0007_useraddress_code")]

    operations = [migrations.RunPython(add_countries, migrations.RunPython.noop)]
