default_app_config = "shop.catalogue.catalogue.reviews.apps.CatalogueReviewsConfig"
