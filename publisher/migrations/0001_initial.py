# The publisher's settings moved here from `home`: the table stays, only Django's
# record of which app owns it changes (and the content type, so permissions stay).

import core.fields
import django.db.models.deletion
from django.db import migrations, models


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model="publishersettings").exists():
        ContentType.objects.filter(app_label=old, model="publishersettings").update(
            app_label=new
        )


def content_type_move(apps, schema_editor):
    _relabel(apps, "home", "publisher")


def content_type_move_back(apps, schema_editor):
    _relabel(apps, "publisher", "home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('home', '0006_bank_account_and_shop_legal_roles'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='PublisherSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(default='Imprint', max_length=255, verbose_name='publisher name')),
                        ('tagline', models.CharField(blank=True, max_length=255, verbose_name='tagline')),
                        ('description', core.fields.CleanRichTextField(blank=True, help_text='Shown in the publisher box under every article.', verbose_name='about the publisher')),
                        ('press_references', core.fields.CleanRichTextField(blank=True, verbose_name='press references')),
                        ('legal_name', models.CharField(blank=True, max_length=255, verbose_name='legal name of the seller')),
                        ('street_address', models.CharField(blank=True, max_length=255, verbose_name='street and number')),
                        ('postcode', models.CharField(blank=True, max_length=20, verbose_name='postcode')),
                        ('city', models.CharField(blank=True, max_length=100, verbose_name='city')),
                        ('country', models.CharField(default='Deutschland', max_length=100, verbose_name='country')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='contact e-mail')),
                        ('phone', models.CharField(blank=True, max_length=50, verbose_name='phone')),
                        ('vat_id', models.CharField(blank=True, max_length=30, verbose_name='VAT ID (USt-IdNr.)')),
                        ('register_entry', models.CharField(blank=True, help_text='e.g. "Amtsgericht Köln, HRB 12345".', max_length=255, verbose_name='commercial register entry')),
                        ('managing_director', models.CharField(blank=True, max_length=255, verbose_name='managing director')),
                        ('bank_name', models.CharField(blank=True, max_length=100, verbose_name='bank')),
                        ('iban', models.CharField(blank=True, help_text='Readers paying in advance transfer to this account.', max_length=34, verbose_name='IBAN')),
                        ('bic', models.CharField(blank=True, max_length=11, verbose_name='BIC')),
                        ('logo', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='home.customimage', verbose_name='logo')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'verbose_name': 'publisher',
                        'db_table': 'home_publishersettings',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_move_back),
    ]
