# A course's product is linked to it where delivery and enrolment read the link:
# `Product.page`, written when the course is published. Live courses get it now.

import django.db.models.deletion
from django.db import migrations, models


def live_courses_to_products(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    CoursePage = apps.get_model("courses", "CoursePage")
    rows = CoursePage.objects.filter(live=True).exclude(product=None)
    for page_id, product_id in rows.order_by("pk").values_list("pk", "product_id"):
        Product.objects.filter(pk=product_id, page=None).update(page_id=page_id)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0040_product_download_limits'),
        ('courses', '0002_staff_permissions'),
    ]

    operations = [
        migrations.RunPython(live_courses_to_products, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='coursepage',
            name='product',
            field=models.ForeignKey(blank=True, help_text='The shop product (of an eCourse class) that sells this course. Publishing links it to the course in the shop.', limit_choices_to={'product_class__kind': 'course'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='course_pages', to='catalogue.product', verbose_name='product'),
        ),
    ]
