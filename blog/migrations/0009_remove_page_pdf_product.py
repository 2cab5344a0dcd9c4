# The pages' own links to their PDF products, now kept on the product (0008).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_pdf_product_on_the_product"),
    ]

    operations = [
        migrations.RemoveField(model_name="articlepage", name="pdf_product"),
        migrations.RemoveField(model_name="seriespage", name="pdf_product"),
    ]
